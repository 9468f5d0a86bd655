/**
 * Where the content lives on the public website. Used by the sitemap, the admin preview and the
 * demo site, so that all three agree on every URL. `{locale}`, `{slug}` and `{position}` are
 * replaced by the document's values; `default` applies to locales added later.
 */
import type { Core } from '@strapi/strapi';
import { PROTOCOL_LIMITS, type SitemapLimits } from '../src/lib/sitemap/sitemap-files';

export interface SitePaths {
  [locale: string]: string;
  default: string;
}

export interface SiteConfig {
  /** Public origin of the website, without a trailing slash. */
  publicUrl: string;
  /** Home page (the network page) per locale. */
  home: SitePaths;
  /** List of all member cities (with the map) per locale. */
  cityList: SitePaths;
  /** Document pages per content type. */
  paths: Record<string, SitePaths>;
  /**
   * Per sitemap file; beyond them `/sitemap.xml` becomes an index of `/sitemap-<locale>-<n>.xml`
   * files. At most the protocol's 50,000 URLs and 50 MB; lower values serve tests and crawlers
   * that want smaller files.
   */
  sitemap: SitemapLimits;
  /** How long a preview link of the admin panel shows the draft, in minutes. */
  previewMinutes: number;
}

/** A sitemap limit from the environment: a whole number from 1 to the protocol's ceiling. */
function sitemapLimit(value: number, name: string, ceiling: number): number {
  if (!Number.isInteger(value) || value < 1 || value > ceiling) {
    throw new Error(
      `${name} must be a whole number from 1 to ${ceiling} (the sitemap protocol's limit)`
    );
  }
  return value;
}

const config = ({ env }: Core.Config.Shared.ConfigParams): SiteConfig => ({
  publicUrl: env('PUBLIC_SITE_URL', 'http://localhost:1337').replace(/\/+$/, ''),
  home: { de: '/de/', en: '/en/', default: '/{locale}/' },
  cityList: { de: '/de/staedte/', en: '/en/cities/', default: '/{locale}/cities/' },
  paths: {
    'api::city.city': {
      de: '/de/staedte/{slug}',
      en: '/en/cities/{slug}',
      default: '/{locale}/cities/{slug}',
    },
    'api::creative-field.creative-field': {
      de: '/de/kreativfelder/{slug}',
      en: '/en/creative-fields/{slug}',
      default: '/{locale}/creative-fields/{slug}',
    },
    'api::network-goal.network-goal': {
      de: '/de/ziele/{position}',
      en: '/en/goals/{position}',
      default: '/{locale}/goals/{position}',
    },
  },
  sitemap: {
    maxUrls: sitemapLimit(
      env.int('SITEMAP_MAX_URLS', PROTOCOL_LIMITS.maxUrls),
      'SITEMAP_MAX_URLS',
      PROTOCOL_LIMITS.maxUrls
    ),
    maxBytes: sitemapLimit(
      env.int('SITEMAP_MAX_BYTES', PROTOCOL_LIMITS.maxBytes),
      'SITEMAP_MAX_BYTES',
      PROTOCOL_LIMITS.maxBytes
    ),
  },
  previewMinutes: env.int('PREVIEW_TOKEN_MINUTES', 10),
});

export default config;
