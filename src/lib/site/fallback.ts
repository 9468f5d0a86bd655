/**
 * Server side of the demo website: which request paths are pages of the site (served with
 * public/index.html so that deep links and reloads work), and the HTML they get.
 */
import type { SiteConfig } from '../../../config/site';
import { fillPattern, patternFor } from './urls';

export type SiteRequest =
  { kind: 'page'; locale: string } | { kind: 'redirect'; location: string } | { kind: 'other' };

/**
 * Classifies a request path. Site pages live under `/<locale>/`; `/` and `/<locale>` redirect
 * to a home page. Everything else (`/api`, `/admin`, `/graphql`, `/documentation`,
 * `/sitemap.xml`, files with an extension) is not the site's business.
 */
export function classifySitePath(
  path: string,
  locales: readonly string[],
  preferredLocale: string
): SiteRequest {
  if (path === '/' || path === '') return { kind: 'redirect', location: `/${preferredLocale}/` };
  const match = /^\/([a-z]{2}(?:-[A-Za-z0-9]+)?)(\/.*)?$/.exec(path);
  if (!match || !locales.includes(match[1])) return { kind: 'other' };
  const rest = match[2];
  if (rest === undefined) return { kind: 'redirect', location: `/${match[1]}/` };
  const lastSegment = rest.split('/').pop() ?? '';
  if (lastSegment.includes('.')) return { kind: 'other' };
  return { kind: 'page', locale: match[1] };
}

/** What the browser code needs from config/site.ts: the URL patterns, resolved per locale. */
export interface ClientSiteConfig {
  locales: string[];
  defaultLocale: string;
  home: Record<string, string>;
  cityList: Record<string, string>;
  paths: Record<string, Record<string, string>>;
}

/** Resolves the patterns of config/site.ts for the given locales (`{locale}` filled in). */
export function clientSiteConfig(
  site: SiteConfig,
  locales: readonly string[],
  defaultLocale: string
): ClientSiteConfig {
  const perLocale = (paths: SiteConfig['home']): Record<string, string> =>
    Object.fromEntries(
      locales.map((locale) => [
        locale,
        patternFor(paths, locale).replace(/\{locale\}/g, encodeURIComponent(locale)),
      ])
    );
  return {
    locales: [...locales],
    defaultLocale,
    home: perLocale(site.home),
    cityList: perLocale(site.cityList),
    paths: Object.fromEntries(
      Object.entries(site.paths).map(([uid, paths]) => [uid, perLocale(paths)])
    ),
  };
}

/**
 * Puts the site configuration and the page language into the HTML template: the
 * `<!--SITE_CONFIG-->` marker becomes a JSON script (not executed, so the CSP stays strict) and
 * `<html lang>` the request's locale.
 */
export function renderSiteHtml(template: string, config: ClientSiteConfig, locale: string): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return template
    .replace(/<html lang="[^"]*"/, `<html lang="${locale}"`)
    .replace(
      '<!--SITE_CONFIG-->',
      `<script type="application/json" id="site-config">${json}</script>`
    );
}

/** Re-exported for callers that build a single URL. */
export { fillPattern };
