/** Plugin options (config/plugins.ts → `translations.config`). */
export interface TranslationsConfig {
  /** Largest XLIFF file the import accepts, in bytes. */
  importMaxBytes: number;
}

export default {
  default: (): TranslationsConfig => ({
    // Big enough for every text of a site several times over.
    importMaxBytes: 10 * 1024 * 1024,
  }),
  validator(config: TranslationsConfig): void {
    const { importMaxBytes } = config;
    if (!Number.isInteger(importMaxBytes) || importMaxBytes <= 0) {
      throw new Error(
        `translations.importMaxBytes must be a positive whole number of bytes, got ${String(importMaxBytes)}`
      );
    }
  },
};
