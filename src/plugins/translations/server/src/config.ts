/** Where a document can be seen: an absolute URL, or null when it has no page. */
export type PreviewUrl = (
  uid: string,
  document: Record<string, unknown>,
  locale: string
) => string | null | undefined | Promise<string | null | undefined>;

/** Plugin options (config/plugins.ts → `translations.config`). */
export interface TranslationsConfig {
  /** Largest XLIFF file the import accepts, in bytes. */
  importMaxBytes: number;
  /** The page of a document, named in each XLIFF unit's context note (optional). */
  previewUrl?: PreviewUrl;
}

export default {
  default: (): TranslationsConfig => ({
    // Big enough for every text of a site several times over.
    importMaxBytes: 10 * 1024 * 1024,
  }),
  validator(config: TranslationsConfig): void {
    const { importMaxBytes, previewUrl } = config;
    if (!Number.isInteger(importMaxBytes) || importMaxBytes <= 0) {
      throw new Error(
        `translations.importMaxBytes must be a positive whole number of bytes, got ${String(importMaxBytes)}`
      );
    }
    if (previewUrl !== undefined && typeof previewUrl !== 'function') {
      throw new Error(
        `translations.previewUrl must be a function (uid, document, locale) => url, got ${typeof previewUrl}`
      );
    }
  },
};
