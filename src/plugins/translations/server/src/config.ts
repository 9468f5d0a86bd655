/** Where a document can be seen: an absolute URL, or null when it has no page. */
export type PreviewUrl = (
  uid: string,
  document: Record<string, unknown>,
  locale: string
) => string | null | undefined | Promise<string | null | undefined>;

/** Attribute names of the app's glossary type (each defaults to the key's own name). */
export interface GlossaryFields {
  /** Localized string: the term. */
  term: string;
  /** Localized text: definition or usage note (optional attribute). */
  definition: string;
  /** Enumeration (noun, verb, adjective, adverb, properNoun, other), not localized. */
  partOfSpeech: string;
  /** Boolean, not localized: keep the term as written in every language. */
  doNotTranslate: string;
  /** Enumeration `approved`/`forbidden`, not localized. */
  status: string;
}

/** The term base: a localized collection type of the app (glossary off without it). */
export interface GlossaryConfig {
  uid: string;
  fields?: Partial<GlossaryFields>;
}

export const GLOSSARY_FIELD_DEFAULTS: GlossaryFields = {
  term: 'term',
  definition: 'definition',
  partOfSpeech: 'partOfSpeech',
  doNotTranslate: 'doNotTranslate',
  status: 'status',
};

/** Plugin options (config/plugins.ts → `translations.config`). */
export interface TranslationsConfig {
  /** Largest XLIFF file the import accepts, in bytes. */
  importMaxBytes: number;
  /** The page of a document, named in each XLIFF unit's context note (optional). */
  previewUrl?: PreviewUrl;
  /** Refuse to publish a target-locale version whose review state is not `reviewed`. */
  requireReview: boolean;
  /** The term base's content type and attribute names; none: no term base. */
  glossary?: GlossaryConfig;
}

export default {
  default: (): TranslationsConfig => ({
    // Big enough for every text of a site several times over.
    importMaxBytes: 10 * 1024 * 1024,
    requireReview: false,
  }),
  validator(config: TranslationsConfig): void {
    const { importMaxBytes, previewUrl, requireReview, glossary } = config;
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
    if (glossary !== undefined) validateGlossary(glossary);
  },
};

function validateGlossary(glossary: unknown): void {
  if (typeof glossary !== 'object' || glossary === null)
    throw new Error('translations.glossary must be { uid, fields? }');
  const { uid, fields } = glossary as { uid?: unknown; fields?: unknown };
  if (typeof uid !== 'string' || !/^[a-z]+::[\w-]+\.[\w-]+$/.test(uid))
    throw new Error(
      `translations.glossary.uid must be a content type uid such as "api::term.term", got ${String(uid)}`
    );
  if (fields === undefined) return;
  if (typeof fields !== 'object' || fields === null)
    throw new Error('translations.glossary.fields must map term, definition, … to attribute names');
  for (const [key, value] of Object.entries(fields)) {
    if (!(key in GLOSSARY_FIELD_DEFAULTS))
      throw new Error(
        `translations.glossary.fields.${key} is not an option (use ${Object.keys(GLOSSARY_FIELD_DEFAULTS).join(', ')})`
      );
    if (typeof value !== 'string' || value === '')
      throw new Error(`translations.glossary.fields.${key} must be an attribute name`);
  }
}
