/**
 * Every `reason` a refused locale change names in `error.details` (this plugin's locale
 * lifecycle, the locale settings' rules of the locale-fallback plugin, the app's hooks), listed
 * once. The languages page says each as `locales.refused.<reason>`;
 * translations/refusal-messages.ts makes a reason without German or English words a type error.
 */
export const REFUSAL_REASONS = [
  // Adding a locale.
  'unknownLocale',
  'malformedCode',
  'notOffered',
  'nameRequired',
  'malformedChainCode',
  'exists',
  // Launching and unlaunching.
  'noSettings',
  'minCoverageRange',
  'alreadyLaunched',
  'alreadyUnlaunched',
  'belowCoverage',
  'defaultAlwaysLaunched',
  'inLaunchedChain',
  // Removing.
  'defaultNotRemovable',
  'inChain',
  'hasVersions',
  'roleHasUsers',
  // Fallback chains.
  'chainContainsItself',
  'chainNamesTwice',
  'chainUnknownLocale',
  'chainUnlaunchedLocale',
  'chainCycle',
  'fallsBackToUnlaunched',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const known: ReadonlySet<string> = new Set(REFUSAL_REASONS);

/** Whether the server's `reason` is one the languages page has words for. */
export const isRefusalReason = (value: unknown): value is RefusalReason =>
  typeof value === 'string' && known.has(value);
