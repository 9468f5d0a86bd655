/** What the admin pages read and send: the plugin's admin routes under /releases. */
import type { EntryInput, StoredEntry } from '../../server/src/lib/entries';
import type { ReleaseStatus } from '../../server/src/lib/status';

export type { EntryInput, StoredEntry, ReleaseStatus };

/** A release as the routes answer it (server/src/services/releases.ts `ReleaseView`). */
export interface Release {
  id: number;
  name: string;
  status: ReleaseStatus;
  scheduledAt: string | null;
  scheduledAtLocal: string | null;
  timeZone: string | null;
  entries: StoredEntry[];
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The releases that can still take entries, be scheduled or published. */
export const OPEN: readonly ReleaseStatus[] = ['pending', 'scheduled', 'failed'];

/** The message of a failed admin request (Strapi's error shape), for a notification. */
export function errorMessage(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * The value of an `<input type="datetime-local">` (the browser's wall-clock time) as ISO 8601
 * with the browser's UTC offset at that moment, e.g. `2026-10-01T09:00:00+02:00`.
 */
export function withLocalOffset(value: string): string {
  const date = new Date(value);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const seconds = value.length === 16 ? `${value}:00` : value;
  return `${seconds}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** A release's time for people: in the browser's zone and language. */
export function formatTime(iso: string | null, locale: string): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso)
  );
}
