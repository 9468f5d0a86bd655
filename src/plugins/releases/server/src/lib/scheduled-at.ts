/**
 * Scheduled times: ISO 8601 with an explicit zone (`Z` or `±hh:mm`), stored in UTC, echoed in the
 * zone the client gave.
 */

/** A point in time and the UTC offset it was written in. */
export interface ScheduledAt {
  /** The instant, in UTC. */
  utc: Date;
  /** The zone as written: `Z` or `±hh:mm`. */
  zone: string;
}

const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses `value`; returns the reason it is not accepted as a string. A date without a zone is
 * refused: the same wall-clock time is another instant on each server and client.
 */
export function parseScheduledAt(value: unknown): ScheduledAt | string {
  if (typeof value !== 'string') return 'must be an ISO 8601 date-time string';
  const match = ISO_WITH_ZONE.exec(value);
  if (!match) {
    return 'must be an ISO 8601 date-time with an explicit zone, such as 2026-10-01T09:00:00+02:00 or 2026-10-01T07:00:00Z';
  }
  const [, year, month, day, hour, minute, second = '0', , zone] = match;
  const numbers = [year, month, day, hour, minute, second].map(Number);
  const [y, mo, d, h, mi, s] = numbers;
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    probe.getUTCFullYear() !== y ||
    probe.getUTCMonth() !== mo - 1 ||
    probe.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return `is not a real date and time: ${value}`;
  }
  if (zone !== 'Z') {
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    if (zh > 14 || zm > 59) return `has an impossible UTC offset: ${zone}`;
  }
  const utc = new Date(value);
  if (Number.isNaN(utc.getTime())) return `is not a date-time: ${value}`;
  return { utc, zone };
}

/** The instant written in `zone` (`Z` or `±hh:mm`), to the second: what the client sent back. */
export function inZone(utc: Date, zone: string): string {
  if (zone === 'Z') return utc.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(':').map(Number);
  const offsetMs = sign * (hours * 60 + minutes) * 60_000;
  const local = new Date(utc.getTime() + offsetMs).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}${zone}`;
}
