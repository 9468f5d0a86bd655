/** `GET /translations/changes` (admin): what the edit-view side panel shows. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canInLocale, type AdminAbility } from '../internals';
import { REVIEW_ACTIONS, type ReviewRight } from '../lib/review';
import { TranslationRequestError } from '../services/status';
import { getService } from '../utils';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function fail(ctx: Context, status: 400 | 403, name: string, message: string): void {
  ctx.status = status;
  ctx.body = { error: { status, name, message } };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * `?type=<uid>&documentId=…&locale=…`: translation state per unit with the source diff, and
   * the review state with the states this admin may set (the same rules `PUT /state` enforces).
   */
  async changes(ctx: Context) {
    const type = text(ctx.query.type);
    const documentId = text(ctx.query.documentId);
    const locale = text(ctx.query.locale);
    if (!type || !documentId || !locale) {
      fail(ctx, 400, 'ValidationError', 'type, documentId and locale are required');
      return;
    }
    // Bad input is named before permissions are looked at (they depend on type and locale).
    const content = getService(strapi, 'content');
    if (!content.typeInfo(type)) {
      fail(ctx, 400, 'ValidationError', `"${type}" is not a localized content type`);
      return;
    }
    const locales = (await content.locales()).map((l) => l.code);
    if (!locales.includes(locale)) {
      const configured = locales.join(', ');
      fail(
        ctx,
        400,
        'ValidationError',
        `locale "${locale}" does not exist (configured: ${configured})`
      );
      return;
    }
    const ability = ctx.state.userAbility as AdminAbility;
    if (!canInLocale(strapi, ability, 'plugin::content-manager.explorer.read', type, locale)) {
      fail(ctx, 403, 'ForbiddenError', `no permission to read the "${locale}" version of ${type}`);
      return;
    }
    const rights: ReviewRight[] = [];
    if (ability.can(`plugin::translations.${REVIEW_ACTIONS.translate}`)) rights.push('translate');
    if (ability.can(`plugin::translations.${REVIEW_ACTIONS.approve}`)) rights.push('review');
    try {
      ctx.body = await getService(strapi, 'source-diff').changes({
        uid: type,
        documentId,
        locale,
        rights,
        canEdit: canInLocale(
          strapi,
          ability,
          'plugin::content-manager.explorer.update',
          type,
          locale
        ),
      });
    } catch (error) {
      if (!(error instanceof TranslationRequestError)) throw error;
      fail(ctx, 400, 'ValidationError', error.message);
    }
  },
});
