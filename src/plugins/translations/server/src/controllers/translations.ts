/** Translation status, XLIFF export and import over HTTP (API token or admin session). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canInLocale, type AdminAbility } from '../internals';
import { isReviewState, REVIEW_ACTIONS, REVIEW_STATES, type ReviewRight } from '../lib/review';
import { parseStates } from '../lib/status';
import { GLOSSARY_FORMATS, GlossaryDisabledError, type GlossaryFormat } from '../services/glossary';
import { ReviewForbiddenError } from '../services/review';
import { TranslationRequestError } from '../services/status';
import {
  ImportError,
  ImportForbiddenError,
  parseXliffStates,
  type ImportOptions,
} from '../services/xliff-import';
import { getService } from '../utils';
import { sendStreamed } from './streamed-export';

const XLIFF_TYPES = ['application/xliff+xml', 'application/x-xliff+xml', 'application/xml'];

function list(value: unknown): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const values = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return values.map((v) => v.trim()).filter(Boolean);
}

function flag(value: unknown): boolean {
  return value === 'true' || value === '1' || value === '';
}

function badRequest(ctx: Context, error: unknown): void {
  if (error instanceof ReviewForbiddenError || error instanceof ImportForbiddenError) {
    ctx.status = 403;
    ctx.body = { error: { status: 403, name: 'ForbiddenError', message: error.message } };
    return;
  }
  if (error instanceof ImportError) {
    ctx.status = 400;
    ctx.body = {
      error: {
        status: 400,
        name: 'ImportError',
        message: error.message,
        details: { problems: error.problems },
      },
    };
    return;
  }
  if (
    error instanceof TranslationRequestError ||
    (error instanceof Error && error.message.startsWith('unknown state'))
  ) {
    ctx.status = 400;
    ctx.body = { error: { status: 400, name: 'ValidationError', message: error.message } };
    return;
  }
  throw error;
}

/**
 * Sets a review state from `{ type, documentId, locale, state }` in the request body. An admin
 * `ability` must also allow editing the type in that locale.
 */
async function setReviewState(
  strapi: Core.Strapi,
  ctx: Context,
  rights: ReviewRight[],
  ability?: AdminAbility
): Promise<void> {
  try {
    const body = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
    const { type, documentId, locale, state } = body;
    if (typeof type !== 'string' || typeof documentId !== 'string' || typeof locale !== 'string')
      throw new TranslationRequestError(
        'send { "type": "<content type uid>", "documentId": "…", "locale": "…", "state": "…" }'
      );
    if (!isReviewState(state))
      throw new TranslationRequestError(
        `unknown review state "${String(state)}" (use ${REVIEW_STATES.join(', ')})`
      );
    if (
      ability &&
      !canInLocale(strapi, ability, 'plugin::content-manager.explorer.update', type, locale)
    )
      throw new ReviewForbiddenError(`no permission to edit the "${locale}" version of ${type}`);
    const user = ctx.state.user as { email?: string } | undefined;
    ctx.body = await getService(strapi, 'review').set({
      uid: type,
      documentId,
      locale,
      state,
      rights,
      changedBy: ability ? user?.email : 'API token',
    });
  } catch (error) {
    badRequest(ctx, error);
  }
}

const CM_CREATE = 'plugin::content-manager.explorer.create';
const CM_UPDATE = 'plugin::content-manager.explorer.update';
const CM_PUBLISH = 'plugin::content-manager.explorer.publish';

/** Imports the XLIFF file of the request body; `may` limits the target locale (admin roles). */
async function importXliff(
  strapi: Core.Strapi,
  ctx: Context,
  may?: ImportOptions['may']
): Promise<void> {
  try {
    if (!ctx.is(XLIFF_TYPES)) {
      throw new TranslationRequestError(
        `send the XLIFF file as the request body with Content-Type ${XLIFF_TYPES[0]}`
      );
    }
    // The body is parsed as it arrives (the body parser leaves XLIFF alone), up to the size limit.
    ctx.body = await getService(strapi, 'xliff-import').import(ctx.req, {
      publish: flag(ctx.query.publish),
      dryRun: flag(ctx.query.dryRun),
      acceptStale: flag(ctx.query.acceptStale),
      states: typeof ctx.query.states === 'string' ? parseXliffStates(ctx.query.states) : undefined,
      ...(may ? { may } : {}),
    });
  } catch (error) {
    badRequest(ctx, error);
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async status(ctx: Context) {
    try {
      ctx.body = await getService(strapi, 'status').status({
        sourceLocale: typeof ctx.query.source === 'string' ? ctx.query.source : undefined,
        targetLocales: list(ctx.query.target),
        types: list(ctx.query.type),
        documents: ctx.query.documents !== 'false',
      });
    } catch (error) {
      badRequest(ctx, error);
    }
  },

  async export(ctx: Context) {
    try {
      const format = ctx.query.format ?? 'xliff2';
      if (format !== 'xliff2' && format !== 'xliff12')
        throw new TranslationRequestError(
          `unknown format "${String(format)}" (use xliff2 or xliff12)`
        );
      if (typeof ctx.query.target !== 'string')
        throw new TranslationRequestError('target locale missing (?target=en)');
      const only = typeof ctx.query.only === 'string' ? parseStates(ctx.query.only) : undefined;
      const options = {
        sourceLocale: typeof ctx.query.source === 'string' ? ctx.query.source : undefined,
        targetLocale: ctx.query.target,
        only,
        types: list(ctx.query.type),
        format: format === 'xliff12' ? ('1.2' as const) : ('2.0' as const),
      };
      // Sent as it is written, a batch of documents at a time: the unit count is known only at
      // the end, so it is a trailer, not a header (docs/upgrading.md).
      await sendStreamed(
        ctx,
        {
          headers: {
            'Content-Type': 'application/xliff+xml; charset=utf-8',
            'Content-Disposition': `attachment; filename="translations-${ctx.query.target}.xlf"`,
          },
          trailers: ({ units }) => ({ 'X-Translation-Units': String(units) }),
          produce: (write) => getService(strapi, 'xliff-export').stream(options, write),
        },
        (error) =>
          strapi.log.error(`translations: XLIFF export failed mid-stream: ${String(error)}`)
      );
    } catch (error) {
      badRequest(ctx, error);
    }
  },

  /** `POST /api/translations/import` (API token): every locale. */
  async import(ctx: Context) {
    await importXliff(strapi, ctx);
  },

  /**
   * `POST /translations/import` (admin session): only into a locale the role may create and
   * update versions in, and publish only where it may publish.
   */
  async importAdmin(ctx: Context) {
    const ability = ctx.state.userAbility as AdminAbility;
    await importXliff(strapi, ctx, ({ uid, targetLocale, publish }) =>
      [CM_CREATE, CM_UPDATE, ...(publish ? [CM_PUBLISH] : [])].every((action) =>
        canInLocale(strapi, ability, action, uid, targetLocale)
      )
    );
  },

  /** `GET /tmx`: the translation memory as TMX 1.4b. */
  async tmx(ctx: Context) {
    const { xml, units } = await getService(strapi, 'memory').exportTmx();
    ctx.set('Content-Type', 'application/x-tmx+xml; charset=utf-8');
    ctx.set('Content-Disposition', 'attachment; filename="translation-memory.tmx"');
    ctx.set('X-Translation-Units', String(units));
    ctx.body = xml;
  },

  /** `GET /tbx[?format=csv]`: the term base as TBX-Basic or CSV. */
  async tbx(ctx: Context) {
    const format = ctx.query.format ?? 'tbx';
    if (!GLOSSARY_FORMATS.includes(format as GlossaryFormat)) {
      ctx.status = 400;
      ctx.body = {
        error: {
          status: 400,
          name: 'ValidationError',
          message: `unknown format "${String(format)}" (use ${GLOSSARY_FORMATS.join(' or ')})`,
        },
      };
      return;
    }
    try {
      const result = await getService(strapi, 'glossary').export(format as GlossaryFormat);
      ctx.set('Content-Type', result.contentType);
      ctx.set('Content-Disposition', `attachment; filename="${result.filename}"`);
      ctx.set('X-Term-Entries', String(result.concepts));
      ctx.body = result.body;
    } catch (error) {
      if (!(error instanceof GlossaryDisabledError)) throw error;
      ctx.status = 404;
      ctx.body = { error: { status: 404, name: 'NotFoundError', message: error.message } };
    }
  },

  /** `PUT /api/translations/state` (API token): every state but "published". */
  async setState(ctx: Context) {
    await setReviewState(strapi, ctx, ['translate', 'review']);
  },

  /**
   * `PUT /translations/state` (admin session): as far as the role's review actions allow, and
   * only in locales the role may edit.
   */
  async setStateAdmin(ctx: Context) {
    const ability = ctx.state.userAbility as AdminAbility;
    const rights: ReviewRight[] = [];
    if (ability.can(`plugin::translations.${REVIEW_ACTIONS.translate}`)) rights.push('translate');
    if (ability.can(`plugin::translations.${REVIEW_ACTIONS.approve}`)) rights.push('review');
    await setReviewState(strapi, ctx, rights, ability);
  },
});
