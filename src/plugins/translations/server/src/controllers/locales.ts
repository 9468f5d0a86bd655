/**
 * The locale lifecycle over HTTP (the admin page "Languages"): every route calls the `locales`
 * service, which the app's command calls too. Bad input is Strapi's ValidationError: a 400 with
 * the message, and nothing changed.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { LocaleLifecycleError } from '../services/locales';
import { getService } from '../utils';

type Body = Record<string, unknown>;

const bodyOf = (ctx: Context): Body => {
  const body = (ctx.request as unknown as { body?: unknown }).body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Body) : {};
};

const codeOf = (ctx: Context): string => String((ctx.params as { code?: string }).code ?? '');

function text(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') {
    throw new LocaleLifecycleError(`"${key}" must be a string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** A chain: an array of codes, or omitted (none). */
function chain(body: Body): string[] {
  const value = body.fallback;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((member) => typeof member === 'string')) {
    throw new LocaleLifecycleError(
      `"fallback" must be an array of locale codes such as ["en", "de"], got ${JSON.stringify(value)}.`
    );
  }
  return value as string[];
}

function optionalNumber(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') {
    throw new LocaleLifecycleError(`"${key}" must be a number, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function optionalFlag(body: Body, key: string): boolean {
  const value = body[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') {
    throw new LocaleLifecycleError(`"${key}" must be true or false, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'locales');
  return {
    async list(ctx: Context) {
      ctx.body = { locales: await service().list() };
    },

    async add(ctx: Context) {
      const body = bodyOf(ctx);
      const locale = await service().add({
        code: text(body, 'code'),
        name: text(body, 'name'),
        fallback: chain(body),
      });
      ctx.status = 201;
      ctx.body = { locale };
    },

    async launch(ctx: Context) {
      const body = bodyOf(ctx);
      const locale = await service().launch(codeOf(ctx), {
        minCoverage: optionalNumber(body, 'minCoverage'),
        force: optionalFlag(body, 'force'),
      });
      ctx.body = { locale };
    },

    async unlaunch(ctx: Context) {
      ctx.body = { locale: await service().unlaunch(codeOf(ctx)) };
    },

    async setFallback(ctx: Context) {
      ctx.body = { locale: await service().setFallback(codeOf(ctx), chain(bodyOf(ctx))) };
    },

    /**
     * Removes a locale. With `?export=true` its translations are exported first and answered as
     * `xliff` (XLIFF 2.0), so the page can offer them as a download; without, a locale with
     * versions is refused.
     */
    async remove(ctx: Context) {
      const { export: exportParam } = ctx.query as { export?: string };
      if (exportParam !== undefined && exportParam !== 'true' && exportParam !== 'false') {
        throw new LocaleLifecycleError(`"export" must be true or false, got "${exportParam}".`);
      }
      let xliff: string | undefined;
      const { exported } = await service().remove(codeOf(ctx), {
        exportTo:
          exportParam === 'true'
            ? async (xml) => {
                xliff = xml;
              }
            : undefined,
      });
      ctx.body = { removed: codeOf(ctx), exported, ...(xliff === undefined ? {} : { xliff }) };
    },
  };
};
