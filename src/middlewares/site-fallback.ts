/**
 * Serves the demo website (public/index.html) for its pages, so that a deep link such as
 * /de/staedte/heidelberg or a reload works: the browser code then renders the page from the
 * public REST API. Registered in config/middlewares.ts before `strapi::public`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { SiteConfig } from '../../config/site';
import { launchedLocales, localeCodes } from '../i18n/locales';
import { DEFAULT_LOCALE } from '../lib/i18n/locales';
import { classifySitePath, clientSiteConfig, renderSiteHtml } from '../lib/site/fallback';
import { PREVIEW_HEADERS } from '../preview/draft-route';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  body: unknown;
  type: string;
  acceptsLanguages(languages: string[]): string | false;
  redirect(url: string): void;
  set(field: string, value: string): void;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const site = strapi.config.get<SiteConfig>('site');
  // The site offers the launched locales (its language switch, its pages); a preview page
  // may be in any locale, launched or not. Resolved per list, which changes rarely.
  const configs = new Map<string, ReturnType<typeof clientSiteConfig>>();
  const clientConfigFor = (locales: readonly string[]) => {
    const key = locales.join(',');
    let config = configs.get(key);
    if (!config) {
      config = clientSiteConfig(site, locales, DEFAULT_LOCALE);
      configs.set(key, config);
    }
    return config;
  };
  const indexFile = path.join(strapi.dirs.static.public, 'index.html');
  let template: string | undefined;

  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const locales = [
      ...(ctx.query.preview !== undefined
        ? await localeCodes(strapi)
        : await launchedLocales(strapi)),
    ].sort();
    const clientConfig = clientConfigFor(locales);
    const preferred = ctx.acceptsLanguages(locales) || DEFAULT_LOCALE;
    const request = classifySitePath(ctx.path, locales, preferred);
    if (request.kind === 'other') return next();
    if (request.kind === 'redirect') {
      ctx.set('Vary', 'Accept-Language');
      ctx.redirect(request.location);
      return;
    }
    // Read once in production; in development the file is re-read so edits show on reload.
    if (template === undefined || process.env.NODE_ENV !== 'production') {
      template = await readFile(indexFile, 'utf8');
    }
    ctx.type = 'text/html; charset=utf-8';
    if (ctx.query.preview !== undefined) {
      // A preview page (src/preview): its token is a credential, its draft not for caches or
      // search engines, whether the token turns out valid or not.
      for (const [name, value] of Object.entries(PREVIEW_HEADERS)) ctx.set(name, value);
    } else {
      ctx.set('Cache-Control', 'no-cache');
    }
    ctx.body = renderSiteHtml(template, clientConfig, request.locale);
  };
};
