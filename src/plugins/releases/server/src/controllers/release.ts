/**
 * Releases over HTTP: the Content API (`/api/releases`, an API token with the plugin's actions)
 * and the admin panel (`/releases`, an admin with the plugin's permissions) share these handlers.
 * Errors keep Strapi's shape `{ data: null, error: { status, name, message, details } }`.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { ReleaseConflictError, ReleaseInputError, ReleaseNotFoundError } from '../errors';
import { parseId, type ReleasesService, type ReleaseView } from '../services/releases';
import type { RunnerService } from '../services/runner';

function fail(ctx: Context, status: number, name: string, message: string, details: object = {}) {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details } };
}

/** Answers `work`'s result as `{ data }`, or its error in Strapi's shape. */
async function answer(ctx: Context, work: () => Promise<unknown>, status = 200): Promise<void> {
  try {
    const result = await work();
    ctx.status = status;
    ctx.body =
      typeof result === 'object' && result !== null && 'data' in result ? result : { data: result };
  } catch (error) {
    if (error instanceof ReleaseInputError) {
      fail(ctx, 400, 'ValidationError', error.message, {
        errors: error.problems.map((problem) => ({ ...problem, name: 'ValidationError' })),
      });
    } else if (error instanceof ReleaseNotFoundError) {
      fail(ctx, 404, 'NotFoundError', error.message);
    } else if (error instanceof ReleaseConflictError) {
      fail(ctx, 409, 'ConflictError', error.message);
    } else {
      throw error;
    }
  }
}

/** A release that ran and failed is answered 400 with the release (each entry's error) in details. */
function failedRun(ctx: Context, release: ReleaseView): void {
  fail(ctx, 400, 'ValidationError', release.error ?? 'the release failed', {
    errors: release.entries.flatMap((entry, index) =>
      entry.result === 'failed'
        ? [{ path: ['entries', index], message: entry.error ?? 'failed', name: 'ValidationError' }]
        : []
    ),
    release,
  });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const releases = () => strapi.plugin('releases').service('releases') as ReleasesService;
  const runner = () => strapi.plugin('releases').service('runner') as RunnerService;

  return {
    async list(ctx: Context) {
      const { status, page, pageSize } = ctx.query as Record<string, unknown>;
      await answer(ctx, () => releases().list({ status, page, pageSize }));
    },

    async get(ctx: Context) {
      await answer(ctx, () => releases().findOne(parseId(ctx.params.id)));
    },

    async create(ctx: Context) {
      await answer(ctx, () => releases().create(ctx.request.body), 201);
    },

    async update(ctx: Context) {
      await answer(ctx, () => releases().update(parseId(ctx.params.id), ctx.request.body));
    },

    async addEntries(ctx: Context) {
      await answer(ctx, () => releases().addEntries(parseId(ctx.params.id), ctx.request.body));
    },

    async publish(ctx: Context) {
      let ran: ReleaseView | undefined;
      await answer(ctx, async () => {
        ran = await runner().publishNow(parseId(ctx.params.id));
        return ran;
      });
      if (ran?.status === 'failed') failedRun(ctx, ran);
    },

    async delete(ctx: Context) {
      await answer(ctx, () => releases().remove(parseId(ctx.params.id)));
    },
  };
};
