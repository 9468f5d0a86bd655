/**
 * The term base as the plugin sees it, whatever the app's glossary type is called: one concept
 * per document, its term (and definition or note) per locale, and the flags that apply to the
 * concept in every locale.
 */

export const TERM_STATUSES = ['approved', 'forbidden'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];

/** Parts of speech, as TBX-Basic names them. */
export const PARTS_OF_SPEECH = ['noun', 'verb', 'adjective', 'adverb', 'properNoun', 'other'];

export interface LocalizedTerm {
  term: string;
  /** Definition or usage note in this locale. */
  definition: string | null;
}

export interface Concept {
  /** Stable id (the document's documentId). */
  id: string;
  /** `approved`: use this term; `forbidden`: never use it (in any locale). */
  status: TermStatus;
  /** The term stays as it is in every locale (a name such as "UNESCO"). */
  doNotTranslate: boolean;
  partOfSpeech: string | null;
  /** The term per locale code; a locale without a version is absent. */
  terms: Record<string, LocalizedTerm>;
}
