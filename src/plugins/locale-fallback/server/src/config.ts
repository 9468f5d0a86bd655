/**
 * The plugin's options (config/plugins.ts → `'locale-fallback': { config: {...} }`).
 */
export interface LocaleFallbackConfig {
  /**
   * The content types that get strict locale parameters and fallback (REST and GraphQL). Empty:
   * every localized content type of the app (uid `api::…`).
   */
  contentTypes: string[];
  /** GraphQL: `fallbackLocale` argument, `fallback` field, strict locales, batched relations. */
  graphql: boolean;
  /** Describe `locale`, `fallbackLocale` and their 400 in the documentation plugin's OpenAPI. */
  openapi: boolean;
}

export const PLUGIN_ID = 'locale-fallback';

export default {
  default: (): LocaleFallbackConfig => ({ contentTypes: [], graphql: true, openapi: true }),
  validator(config: Record<string, unknown>): void {
    const { contentTypes, graphql, openapi } = config;
    if (
      !Array.isArray(contentTypes) ||
      contentTypes.some((uid) => typeof uid !== 'string' || !uid.includes('::'))
    ) {
      throw new Error(
        `[${PLUGIN_ID}] contentTypes must be a list of content type uids (e.g. "api::page.page"), got ${JSON.stringify(contentTypes)}`
      );
    }
    for (const [name, value] of Object.entries({ graphql, openapi })) {
      if (typeof value !== 'boolean') {
        throw new Error(
          `[${PLUGIN_ID}] ${name} must be true or false, got ${JSON.stringify(value)}`
        );
      }
    }
  },
};
