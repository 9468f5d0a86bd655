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
  /**
   * GraphQL: a batch of related entries reads the to-one relations its selection asks for on
   * them in the same query, and their resolvers answer without a promise (graphql/preload.ts).
   * `false` leaves every relation to its own batch (to compare; answers are the same).
   */
  graphqlLookAhead: boolean;
  /** Describe `locale`, `fallbackLocale` and their 400 in the documentation plugin's OpenAPI. */
  openapi: boolean;
  /**
   * Without a bus to the other instances (the response-cache plugin's, see services/locales.ts):
   * how long the locales and their settings read from the database are used before they are read
   * again, in milliseconds, so that a change made on another instance shows within this time.
   * 0 reads them for every request. With a bus, changes are announced and this is not used.
   */
  settingsRecheckMs: number;
}

export const PLUGIN_ID = 'locale-fallback';

export default {
  default: (): LocaleFallbackConfig => ({
    contentTypes: [],
    graphql: true,
    graphqlLookAhead: true,
    openapi: true,
    settingsRecheckMs: 1000,
  }),
  validator(config: Record<string, unknown>): void {
    const { contentTypes, graphql, graphqlLookAhead, openapi, settingsRecheckMs } = config;
    if (
      !Array.isArray(contentTypes) ||
      contentTypes.some((uid) => typeof uid !== 'string' || !uid.includes('::'))
    ) {
      throw new Error(
        `[${PLUGIN_ID}] contentTypes must be a list of content type uids (e.g. "api::page.page"), got ${JSON.stringify(contentTypes)}`
      );
    }
    if (
      typeof settingsRecheckMs !== 'number' ||
      !Number.isInteger(settingsRecheckMs) ||
      settingsRecheckMs < 0
    ) {
      throw new Error(
        `[${PLUGIN_ID}] settingsRecheckMs must be a whole number of milliseconds (0 or more), got ${JSON.stringify(settingsRecheckMs)}`
      );
    }
    for (const [name, value] of Object.entries({ graphql, graphqlLookAhead, openapi })) {
      if (typeof value !== 'boolean') {
        throw new Error(
          `[${PLUGIN_ID}] ${name} must be true or false, got ${JSON.stringify(value)}`
        );
      }
    }
  },
};
