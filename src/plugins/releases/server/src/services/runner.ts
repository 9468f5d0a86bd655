/**
 * Running a release: claim it (one conditional UPDATE, so of several instances exactly one runs
 * it), then publish and unpublish every entry in one database transaction that also marks the
 * release done. Any failing entry rolls everything back and the release is `failed`, each entry
 * with its result and error.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ReleaseConflictError, ReleaseNotFoundError } from '../errors';
import { asOneCacheChange, asRelease } from '../integrations';
import { inTransaction } from '../internals';
import type { StoredEntry } from '../lib/entries';
import { notOpenReason, OPEN_STATUSES } from '../lib/status';
import {
  isLocalized,
  RELEASE,
  releasesConfig,
  toView,
  type ReleaseRow,
  type ReleaseView,
} from './releases';

/** This process, in `claimedBy` (with a random part per claim). */
const INSTANCE = `${hostname()}:${process.pid}`;

/** Thrown inside the transaction to roll it back when an entry failed. */
class EntriesFailed extends Error {
  constructor(readonly entries: StoredEntry[]) {
    super('an entry of the release failed');
  }
}

/**
 * Strapi's own errors (validation, "not found", a policy of another plugin) are thrown before the
 * failing write reaches the database, so the transaction can go on and check the other entries;
 * after any other error (the database refused a statement; PostgreSQL then refuses the rest of
 * the transaction) the remaining entries are skipped.
 */
function isCheckError(error: unknown): boolean {
  return error instanceof errors.ApplicationError;
}

/** An error as one line for an editor: the message and, for a validation error, its fields. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as { details?: { errors?: Array<{ path?: unknown; message?: string }> } })
    .details;
  const fields = details?.errors
    ?.map((item) => {
      const path = Array.isArray(item.path) ? item.path.join('.') : '';
      return path && !String(item.message).includes(path)
        ? `${path}: ${item.message}`
        : item.message;
    })
    .filter(Boolean);
  if (fields && fields.length > 0 && !(fields.length === 1 && fields[0] === error.message)) {
    return `${error.message} (${fields.join('; ')})`;
  }
  return error.message;
}

/** The Document Service of a type with draft & publish (checked when the entry was added). */
interface DraftAndPublish {
  publish(params: { documentId: string; locale?: string }): Promise<unknown>;
  unpublish(params: { documentId: string; locale?: string }): Promise<unknown>;
}

function draftAndPublish(strapi: Core.Strapi, uid: UID.ContentType): DraftAndPublish {
  return strapi.documents(uid) as unknown as DraftAndPublish;
}

const runner = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(RELEASE as UID.Schema);

  async function load(id: number): Promise<ReleaseRow> {
    const found = (await query().findOne({ where: { id } })) as ReleaseRow | null;
    if (!found) throw new ReleaseNotFoundError(id);
    return found;
  }

  /**
   * Marks the release `running` if `where` still holds: one UPDATE, which the database runs for
   * one caller at a time, so of two instances claiming the same release one changes the row and
   * the other changes nothing. Returns the claim's token, or undefined when someone else won.
   */
  async function claim(id: number, where: Record<string, unknown>): Promise<string | undefined> {
    const token = `${INSTANCE}:${randomUUID()}`;
    const now = Date.now();
    const { count } = (await query().updateMany({
      where: { id, ...where },
      data: {
        status: 'running',
        claimedBy: token,
        startedAt: new Date(now),
        finishedAt: null,
        error: null,
        leaseExpiresAt: new Date(now + releasesConfig(strapi).leaseSeconds * 1000),
      },
    })) as { count: number };
    return count === 1 ? token : undefined;
  }

  async function apply(entry: StoredEntry): Promise<StoredEntry> {
    const uid = entry.uid as UID.ContentType;
    const locale = isLocalized(strapi, uid) ? (entry.locale ?? undefined) : undefined;
    const where = { documentId: entry.documentId, ...(locale ? { locale } : {}) };
    if (entry.action === 'publish') {
      const draft = await strapi.db
        .query(uid)
        .findOne({ where: { ...where, publishedAt: null }, select: ['id'] });
      if (!draft) {
        throw new errors.NotFoundError(
          locale
            ? `document ${entry.documentId} no longer exists in locale ${locale}`
            : `document ${entry.documentId} no longer exists`
        );
      }
      await draftAndPublish(strapi, uid).publish({ documentId: entry.documentId, locale });
      return { ...entry, result: 'published', error: undefined };
    }
    // Unpublishing a version that is not published leaves it as the release wants it.
    await draftAndPublish(strapi, uid).unpublish({ documentId: entry.documentId, locale });
    return { ...entry, result: 'unpublished', error: undefined };
  }

  /** Publishes every entry in one transaction; the release is done in the same transaction. */
  async function execute(release: ReleaseRow, token: string): Promise<ReleaseView> {
    const entries = (release.entries ?? []).map((entry) => ({ ...entry }));
    try {
      await asOneCacheChange(strapi, () =>
        asRelease(strapi, release.name, () =>
          inTransaction(strapi, async () => {
            const results: StoredEntry[] = [];
            let failed = false;
            let stopped = false;
            for (const entry of entries) {
              if (stopped) {
                results.push({
                  ...entry,
                  result: 'skipped',
                  error: 'not run: an earlier entry failed',
                });
                continue;
              }
              try {
                results.push(await apply(entry));
              } catch (error) {
                failed = true;
                stopped = !isCheckError(error);
                results.push({ ...entry, result: 'failed', error: describeError(error) });
              }
            }
            if (failed) throw new EntriesFailed(results);
            // Done in the same transaction as the publications, and only by the claim that runs:
            // a claim taken over after its lease expired cannot also commit.
            const { count } = (await query().updateMany({
              where: { id: release.id, status: 'running', claimedBy: token },
              data: {
                status: 'done',
                entries: results,
                finishedAt: new Date(),
                leaseExpiresAt: null,
              },
            })) as { count: number };
            if (count !== 1)
              throw new Error('the claim on the release was lost (its lease expired)');
          })
        )
      );
      strapi.log.info(
        `[releases] release ${release.id} "${release.name}" done (${entries.length} entries)`
      );
    } catch (error) {
      const results =
        error instanceof EntriesFailed
          ? error.entries.map((entry) =>
              entry.result === 'published' || entry.result === 'unpublished'
                ? { ...entry, result: 'rolled-back' as const, error: undefined }
                : entry
            )
          : entries.map((entry) => ({ ...entry, result: 'skipped' as const, error: undefined }));
      const failedCount = results.filter((entry) => entry.result === 'failed').length;
      const message =
        error instanceof EntriesFailed
          ? `${failedCount} of ${entries.length} entries failed: nothing was published`
          : `the release could not run: ${describeError(error)}; nothing was published`;
      await query().updateMany({
        where: { id: release.id, status: 'running', claimedBy: token },
        data: {
          status: 'failed',
          entries: results,
          error: message,
          finishedAt: new Date(),
          leaseExpiresAt: null,
        },
      });
      strapi.log.warn(`[releases] release ${release.id} "${release.name}" failed: ${message}`);
    }
    return toView(await load(release.id));
  }

  return {
    /** Publishes an open release now (the API's publish): its result, done or failed. */
    async publishNow(id: number): Promise<ReleaseView> {
      const token = await claim(id, { status: { $in: [...OPEN_STATUSES] } });
      if (!token) {
        const current = await load(id);
        throw new ReleaseConflictError(notOpenReason(current.status, 'published again'));
      }
      return execute(await load(id), token);
    },

    /**
     * Runs the releases that are due (scheduled time reached, or a claim whose lease expired:
     * its instance stopped mid-run and the database rolled its transaction back). Each is claimed
     * first, so a release due on several instances runs on one. Returns how many ran here.
     */
    async runDue(limit = 10): Promise<number> {
      const now = new Date();
      const due = (await query().findMany({
        where: {
          $or: [
            { status: 'scheduled', scheduledAt: { $lte: now } },
            { status: 'running', leaseExpiresAt: { $lt: now } },
          ],
        },
        select: ['id', 'status'],
        orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
        limit,
      })) as Array<Pick<ReleaseRow, 'id' | 'status'>>;
      let ran = 0;
      for (const { id, status } of due) {
        const token =
          status === 'scheduled'
            ? await claim(id, { status: 'scheduled', scheduledAt: { $lte: now } })
            : await claim(id, { status: 'running', leaseExpiresAt: { $lt: now } });
        if (!token) continue;
        await execute(await load(id), token);
        ran += 1;
      }
      return ran;
    },
  };
};

export type RunnerService = ReturnType<typeof runner>;
export default runner;
