/**
 * Review states of a target-locale version: untranslated → in-translation → translated →
 * reviewed → published, and who may set which.
 */
export const REVIEW_STATES = [
  'untranslated',
  'in-translation',
  'translated',
  'reviewed',
  'published',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** What a caller may do with review states. */
export type ReviewRight = 'translate' | 'review';

export type ReviewCounts = Record<ReviewState, number>;

export const rank = (state: ReviewState): number => REVIEW_STATES.indexOf(state);

export function isReviewState(value: unknown): value is ReviewState {
  return REVIEW_STATES.includes(value as ReviewState);
}

/**
 * Why a caller may not set `to`, or null when it may. `published` is never set by hand: it is
 * what publishing records. A translator moves its locale's states up to `translated` (and back
 * below it); a reviewer sets every other state.
 */
export function refusal(
  from: ReviewState,
  to: ReviewState,
  rights: readonly ReviewRight[]
): string | null {
  if (to === 'published') return 'the state "published" is set by publishing the version';
  if (rights.includes('review')) return null;
  if (!rights.includes('translate')) return 'no permission to change review states';
  if (rank(to) > rank('translated'))
    return `a translator may set the state up to "translated", not "${to}"`;
  if (rank(from) > rank('translated'))
    return `the version is "${from}": only a reviewer may change it`;
  return null;
}

/**
 * The state of a version without a recorded one: untranslated without a version, published when
 * it has a published version, else in translation.
 */
export function defaultReviewState(exists: boolean, published: boolean): ReviewState {
  if (!exists) return 'untranslated';
  return published ? 'published' : 'in-translation';
}

/** Counts per review state. */
export function countReviewStates(states: readonly ReviewState[]): ReviewCounts {
  const counts = Object.fromEntries(REVIEW_STATES.map((s) => [s, 0])) as ReviewCounts;
  for (const state of states) counts[state] += 1;
  return counts;
}

/** May a target version in this state be published when review is required? */
export function publishable(state: ReviewState): boolean {
  return state === 'reviewed' || state === 'published';
}

/** The admin actions (uids under `plugin::translations.`) behind the two rights. */
export const REVIEW_ACTIONS = { translate: 'review.translate', approve: 'review.approve' } as const;
