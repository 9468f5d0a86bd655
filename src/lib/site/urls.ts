/**
 * Builds public website URLs from the patterns in config/site.ts. Used by the admin preview and
 * the demo site's HTML fallback; no Strapi here, so it is unit-tested on its own.
 */
import type { SiteConfig, SitePaths } from '../../../config/site';

/** The document values a URL pattern may refer to. */
export interface UrlValues {
  slug?: string | null;
  position?: number | string | null;
}

/** Picks the pattern of a locale, or the `default` pattern for locales added later. */
export function patternFor(paths: SitePaths, locale: string): string {
  return paths[locale] ?? paths.default;
}

/**
 * Fills `{locale}`, `{slug}` and `{position}` into a pattern. Returns `null` when the pattern
 * needs a value the document does not have (a city without a slug has no page yet).
 */
export function fillPattern(pattern: string, locale: string, values: UrlValues): string | null {
  let missing = false;
  const path = pattern.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = name === 'locale' ? locale : values[name as keyof UrlValues];
    if (value === null || value === undefined || value === '') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? null : path;
}

/**
 * Absolute URL of a document's page on the public website, or `null` when the content type has
 * no page (countries, for example) or the document lacks a value its URL needs.
 */
export function documentUrl(
  site: SiteConfig,
  uid: string,
  locale: string,
  values: UrlValues
): string | null {
  const paths = site.paths[uid];
  if (!paths) return null;
  const path = fillPattern(patternFor(paths, locale), locale, values);
  return path === null ? null : `${site.publicUrl}${path}`;
}

/** Absolute URL of the home page of a locale. */
export function homeUrl(site: SiteConfig, locale: string): string {
  return `${site.publicUrl}${fillPattern(patternFor(site.home, locale), locale, {})}`;
}
