/** What the "Languages" page and the home-page widget read: the admin route /translations/locales. */
import type { LocaleState, TypeCoverage } from '../../server/src/services/locales';

export type { LocaleState, TypeCoverage };

/** The admin route's answer. */
export interface LocalesResponse {
  locales: LocaleState[];
}

/** A locale's chain as a reading order, `fr → en → de`; empty without a chain. */
export const chainText = (locale: Pick<LocaleState, 'code' | 'fallback'>): string =>
  locale.fallback.length > 0 ? [locale.code, ...locale.fallback].join(' → ') : '';

/** The message of a failed admin request (Strapi's error shape), for a notification. */
export function errorMessage(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? (error instanceof Error ? error.message : String(error));
}
