/**
 * `/api/history/versions` (Content API, API tokens only). Strapi checks the token's permission
 * for the route's action (`plugin::history.versions.find|findOne|restore`); a custom token must
 * also be allowed to read (`<uid>.find`) or, to restore, update (`<uid>.update`) the type itself.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { API_TOKEN_STRATEGY, customTokenActions, requestAuth } from '../internals';
import { HistoryRequestError, versionId, type ListQuery } from '../services/versions';
import { getService } from '../utils';
import { answering } from './errors';

/** Refuses anything but an API token, and a custom token without `action` on `uid`. */
function requireToken(strapi: Core.Strapi, uid: string, action: 'find' | 'update'): void {
  const auth = requestAuth(strapi);
  if (auth.strategy !== API_TOKEN_STRATEGY)
    throw new HistoryRequestError(403, 'history is served to API tokens only');
  const allowed = customTokenActions(auth.token);
  if (allowed && !allowed.has(`${uid}.${action}`))
    throw new HistoryRequestError(
      403,
      `this API token may not ${action === 'find' ? 'read' : 'update'} ${uid}`
    );
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const versions = () => getService(strapi, 'versions');
  return {
    /** `GET /versions?uid=…&documentId=…&locale=…&page=…&pageSize=…`, newest first. */
    async find(ctx: Context) {
      await answering(ctx, async () => {
        const query = ctx.query as ListQuery;
        requireToken(strapi, String(query.uid ?? ''), 'find');
        ctx.body = await versions().list(query);
      });
    },

    /** `GET /versions/:id`: the version with its values. */
    async findOne(ctx: Context) {
      await answering(ctx, async () => {
        const version = await versions().findOne(versionId(ctx.params.id));
        requireToken(strapi, version.uid, 'find');
        ctx.body = { data: version };
      });
    },

    /** `POST /versions/:id/restore`: the version's values become the new draft. */
    async restore(ctx: Context) {
      await answering(ctx, async () => {
        const version = await versions().findOne(versionId(ctx.params.id));
        requireToken(strapi, version.uid, 'update');
        const { draft, notRestored } = await versions().restore(version.id);
        ctx.body = { data: draft, meta: { restoredFrom: version.id, notRestored } };
      });
    },
  };
};
