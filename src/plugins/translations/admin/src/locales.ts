/** What the "Languages" page and the home-page widget read: the admin route /translations/locales. */
import type { LocaleState, TypeCoverage } from '../../server/src/services/locales';
import { isRefusalReason } from './refusal-reasons';

export type { LocaleState, TypeCoverage };

/** The admin route's answer. */
export interface LocalesResponse {
  locales: LocaleState[];
}

/** A locale's chain as a reading order, `fr → en → de`; empty without a chain. */
export const chainText = (locale: Pick<LocaleState, 'code' | 'fallback'>): string =>
  locale.fallback.length > 0 ? [locale.code, ...locale.fallback].join(' → ') : '';

/** Says a message by its id in the admin's language, with `defaultMessage` where it has none. */
export type Translate = (
  id: string,
  defaultMessage: string,
  values?: Record<string, string | number>
) => string;

interface RefusalDetails {
  reason?: unknown;
  values?: unknown;
}

/**
 * The message of a failed admin request (Strapi's error shape), for a notification: a refusal
 * that names its `reason` (the locale lifecycle's) in the admin's language as
 * `locales.refused.<reason>`, anything else as the server said it (English).
 */
export function errorMessage(error: unknown, t: Translate): string {
  const response = (
    error as {
      response?: { data?: { error?: { message?: string; details?: RefusalDetails } } };
    }
  ).response;
  const refusal = response?.data?.error;
  const message = refusal?.message ?? (error instanceof Error ? error.message : String(error));
  const reason = refusal?.details?.reason;
  // A reason this page has no words for (a newer server's) is said as the server said it.
  if (!isRefusalReason(reason)) return message;
  const values = refusal?.details?.values;
  return t(
    `locales.refused.${reason}`,
    message,
    typeof values === 'object' && values !== null ? (values as Record<string, string>) : {}
  );
}
