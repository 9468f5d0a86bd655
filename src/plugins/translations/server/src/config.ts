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
  /** Refuse to publish a target-locale version whose review state is not `reviewed`. */
  requireReview: boolean;
}

export default {
  default: (): TranslationsConfig => ({
    // Big enough for every text of a site several times over.
    importMaxBytes: 10 * 1024 * 1024,
    requireReview: false,
  }),
  validator(config: TranslationsConfig): void {
    const { importMaxBytes, previewUrl, requireReview } = config;
    if (!Number.isInteger(importMaxBytes) || importMaxBytes <= 0) {
      throw new Error(
        `translations.importMaxBytes must be a positive whole number of bytes, got ${String(importMaxBytes)}`
      );
    }
    if (typeof requireReview !== 'boolean') {
      throw new Error(
        `translations.requireReview must be true or false, got ${String(requireReview)}`
      );
    }
    if (previewUrl !== undefined && typeof previewUrl !== 'function') {
      throw new Error(
        `translations.previewUrl must be a function (uid, document, locale) => url, got ${typeof previewUrl}`
      );
    }
  },
};
