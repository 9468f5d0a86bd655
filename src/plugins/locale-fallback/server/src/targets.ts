import type { Core, Struct, UID } from '@strapi/strapi';
import { PLUGIN_ID, type LocaleFallbackConfig } from './config';
import { i18n } from './internals';
import type { LocalesService } from './services/locales';

/**
 * The content types the plugin acts on: those of `contentTypes` in the config, or every localized
 * content type of the app (`api::…`) when the list is empty. Schemas do not change while Strapi
 * runs, so this is worked out at register.
 *
 * @throws Error for a configured uid that does not exist or is not localized
 */
export function targetContentTypes(strapi: Core.Strapi): Struct.ContentTypeSchema[] {
  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as LocaleFallbackConfig;
  const { isLocalizedContentType } = i18n(strapi);
  if (config.contentTypes.length === 0) {
    return Object.values(strapi.contentTypes).filter(
      (contentType) => contentType.uid.startsWith('api::') && isLocalizedContentType(contentType)
    );
  }
  return config.contentTypes.map((uid) => {
    const contentType = strapi.contentTypes[uid as UID.ContentType];
    if (!contentType || !isLocalizedContentType(contentType)) {
      throw new Error(`[${PLUGIN_ID}] contentTypes: "${uid}" is no localized content type`);
    }
    return contentType;
  });
}

/** The config of this plugin. */
export function pluginConfig(strapi: Core.Strapi): LocaleFallbackConfig {
  return strapi.config.get(`plugin::${PLUGIN_ID}`) as LocaleFallbackConfig;
}

/** The plugin's locales service (./services/locales.ts). */
export function localesService(strapi: Core.Strapi) {
  return strapi.plugin(PLUGIN_ID).service('locales') as LocalesService;
}
