/**
 * The refusal messages of both languages, checked against the one list of reasons: a reason of
 * ../refusal-reasons.ts without its `locales.refused.<reason>` entry in de.json or en.json does
 * not compile (`npm run typecheck`).
 */
import type { RefusalReason } from '../refusal-reasons';
import de from './de.json';
import en from './en.json';

/** The message of each reason, by its translation id. */
export type RefusalMessages = { readonly [R in RefusalReason as `locales.refused.${R}`]: string };

export const REFUSAL_MESSAGES: Readonly<Record<'de' | 'en', RefusalMessages>> = { de, en };
