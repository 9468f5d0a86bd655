/**
 * Locale fallback: strict `locale` / `fallbackLocale` parameters and fallback to another locale
 * at every depth, over REST and GraphQL (README.md).
 */
import type { Core } from '@strapi/strapi';
import bootstrap from './bootstrap';
import config from './config';
import register from './register';
import locales, { type LocalesService } from './services/locales';

type Context = { strapi: Core.Strapi };

export default {
  register: (context: Context): void => register(context),
  bootstrap: (context: Context): Promise<void> => bootstrap(context),
  destroy(): void {},
  config,
  contentTypes: {},
  controllers: {},
  services: { locales: (context: Context): LocalesService => locales(context) },
  routes: {},
  middlewares: {},
  policies: {},
};
