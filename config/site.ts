/**
 * Where the content lives on the public website. Used by the sitemap, the admin preview and the
 * demo site, so that all three agree on every URL. `{locale}`, `{slug}` and `{position}` are
 * replaced by the document's values; `default` applies to locales added later.
 */
import type { Core } from '@strapi/strapi';

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
  /** How long a preview link of the admin panel shows the draft, in minutes. */
  previewMinutes: number;
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
  previewMinutes: env.int('PREVIEW_TOKEN_MINUTES', 10),
});

export default config;
