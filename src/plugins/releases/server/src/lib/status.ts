/** The states of a release and what each allows (lib: no Strapi, no I/O). */

export const STATUSES = ['pending', 'scheduled', 'running', 'done', 'failed'] as const;
export type ReleaseStatus = (typeof STATUSES)[number];

/**
 * A release that has not published anything may still change, be published or be deleted: one
 * without a time (`pending`), one waiting for its time (`scheduled`), and one whose run failed
 * and was rolled back as a whole (`failed`: fix the document, publish again). A `running` one is
 * being published; a `done` one has been.
 */
export const OPEN_STATUSES: readonly ReleaseStatus[] = ['pending', 'scheduled', 'failed'];

export function isOpen(status: ReleaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Why a release in `status` cannot be changed, published or deleted now (for a 409). */
export function notOpenReason(status: ReleaseStatus, what: string): string {
  if (status === 'running')
    return `the release is running: it cannot be ${what} until it has finished`;
  return `the release is done: it has been published and cannot be ${what}`;
}

/** The status of an open release after an edit: `scheduled` with a time, else `pending`. */
export function openStatus(scheduledAt: Date | null): ReleaseStatus {
  return scheduledAt ? 'scheduled' : 'pending';
}
