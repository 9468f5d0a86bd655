/**
 * `/history/versions` (admin): what the edit-view side panel shows and does. Reading needs the
 * content manager's read permission on the type in the version's locale, restoring its update
 * permission (a translator limited to `en` restores `en` versions only).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canInLocale, editViewLabels, type AdminAbility } from '../internals';
import { HistoryRequestError, versionId, type ListQuery } from '../services/versions';
import { getService } from '../utils';
import { answering } from './errors';

const READ = 'plugin::content-manager.explorer.read';
const UPDATE = 'plugin::content-manager.explorer.update';

function requirePermission(
  strapi: Core.Strapi,
  ctx: Context,
  action: typeof READ | typeof UPDATE,
  uid: string,
  locale: string | null
): void {
  const ability = ctx.state.userAbility as AdminAbility;
  if (!canInLocale(strapi, ability, action, uid, locale))
    throw new HistoryRequestError(
      403,
      `no permission to ${action === READ ? 'read' : 'update'} ${locale ? `the "${locale}" version of ` : ''}${uid}`
    );
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const versions = () => getService(strapi, 'versions');
  return {
    async find(ctx: Context) {
      await answering(ctx, async () => {
        const query = ctx.query as ListQuery;
        const uid = typeof query.uid === 'string' ? query.uid : '';
        const { locale } = await versions().checkTypeAndLocale(uid, query.locale);
        requirePermission(strapi, ctx, READ, uid, locale);
        const list = await versions().list(query);
        // The panel names fields as the edit view does ("Schlüssel", not "key").
        ctx.body = { ...list, meta: { ...list.meta, labels: await editViewLabels(strapi, uid) } };
      });
    },

    /** The version and, field by field, how it differs from the current draft. */
    async compare(ctx: Context) {
      await answering(ctx, async () => {
        const version = await versions().findOne(versionId(ctx.params.id));
        requirePermission(strapi, ctx, READ, version.uid, version.locale);
        const ability = ctx.state.userAbility as AdminAbility;
        ctx.body = {
          data: {
            ...(await versions().compare(version.id)),
            labels: await editViewLabels(strapi, version.uid),
            canRestore: canInLocale(strapi, ability, UPDATE, version.uid, version.locale),
          },
        };
      });
    },

    async restore(ctx: Context) {
      await answering(ctx, async () => {
        const version = await versions().findOne(versionId(ctx.params.id));
        requirePermission(strapi, ctx, UPDATE, version.uid, version.locale);
        const ability = ctx.state.userAbility as AdminAbility;
        const { draft, notRestored } = await versions().restore(version.id, {
          mayUpdate: (field) =>
            canInLocale(strapi, ability, UPDATE, version.uid, version.locale, field),
        });
        ctx.body = { data: draft, meta: { restoredFrom: version.id, notRestored } };
      });
    },
  };
};
