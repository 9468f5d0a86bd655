/**
 * Plugin config, given by the host app in config/plugins.ts:
 * `search: { enabled: true, resolve: './src/plugins/search', config: { types: {
 *   'api::city.city': { fields: ['name'] } } } }`. The plugin names no content type itself.
 */

export interface SearchTypeConfig {
  /** String attributes whose values (in every locale) are searched; the first is the hit's name. */
  fields: string[];
  /** The attribute returned as `slug`; defaults to the schema's first `uid` attribute. */
  slug?: string;
  /**
   * A text attribute holding other names of the document (exonyms, historical and local names),
   * one per line or comma-separated: searched in every locale, ranked after the names.
   */
  alternativeNames?: string;
  /** To-one relation attributes to count hits by (`facets=country`); the target must be searched. */
  facets?: string[];
}

export interface SearchConfig {
  types: Record<string, SearchTypeConfig>;
  /** Longest accepted `q`, in characters. */
  maxQueryLength: number;
  /** Most words in `q` (each may bring typo candidates, so the query stays bounded). */
  maxQueryWords: number;
  /**
   * Describe `GET /search` in @strapi/plugin-documentation's OpenAPI document (when that plugin
   * is enabled). A host that builds its own public document leaves this plugin's action to it.
   */
  openapi: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export default {
  default: (): SearchConfig => ({
    types: {},
    maxQueryLength: 100,
    maxQueryWords: 10,
    openapi: true,
  }),
  validator(config: unknown): void {
    if (!isRecord(config)) throw new Error('search plugin: config must be an object');
    const { types, maxQueryLength, maxQueryWords, openapi } = config;
    if (!isRecord(types)) {
      throw new Error(
        'search plugin: config.types must map content type uids to { fields: [...] }'
      );
    }
    for (const [uid, type] of Object.entries(types)) {
      const fields = isRecord(type) ? type.fields : undefined;
      if (
        !Array.isArray(fields) ||
        fields.length === 0 ||
        !fields.every((field) => typeof field === 'string' && field !== '')
      ) {
        throw new Error(
          `search plugin: config.types['${uid}'].fields must be a non-empty list of attribute names`
        );
      }
      if (isRecord(type) && type.slug !== undefined && typeof type.slug !== 'string') {
        throw new Error(`search plugin: config.types['${uid}'].slug must be an attribute name`);
      }
      if (
        isRecord(type) &&
        type.alternativeNames !== undefined &&
        typeof type.alternativeNames !== 'string'
      ) {
        throw new Error(
          `search plugin: config.types['${uid}'].alternativeNames must be an attribute name`
        );
      }
      const facets = isRecord(type) ? type.facets : undefined;
      if (
        facets !== undefined &&
        !(Array.isArray(facets) && facets.every((facet) => typeof facet === 'string'))
      ) {
        throw new Error(
          `search plugin: config.types['${uid}'].facets must be a list of relation attributes`
        );
      }
    }
    if (!Number.isInteger(maxQueryLength) || (maxQueryLength as number) < 1) {
      throw new Error('search plugin: config.maxQueryLength must be a positive integer');
    }
    if (!Number.isInteger(maxQueryWords) || (maxQueryWords as number) < 1) {
      throw new Error('search plugin: config.maxQueryWords must be a positive integer');
    }
    if (typeof openapi !== 'boolean') {
      throw new Error('search plugin: config.openapi must be true or false');
    }
  },
};
