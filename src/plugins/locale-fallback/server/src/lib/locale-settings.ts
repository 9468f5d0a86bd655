/**
 * Per-locale settings: whether a locale is launched (offered to the public) and its fallback
 * chain. Pure rules over the stored value (docs/adr/0005-locale-settings.md): the plugin store
 * holds them, ../services/locales.ts reads and writes them.
 *
 * Migration rule: a locale without stored settings is launched and has no chain, so an existing
 * install (and a locale created in Settings → Internationalization) behaves as before.
 */

export interface LocaleSettings {
  /** Offered to the public (content API, OpenAPI, sitemap, search, language switch). */
  launched: boolean;
  /** Locales to fill from, in order, when a read in this locale finds nothing. */
  fallback: string[];
}

export type LocaleSettingsMap = Record<string, LocaleSettings>;

/**
 * What is wrong with a settings change, in words the person making it can act on. `reason` and
 * `values` let an admin page say the same in its own language (the message stays English, as
 * every server message here).
 */
export class LocaleSettingsError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly values: Record<string, string> = {}
  ) {
    super(message);
    this.name = 'LocaleSettingsError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The settings of every existing locale: the stored entry where there is one, else launched
 * without a chain. The default locale is always launched; chain members that no longer exist are
 * dropped (a locale deleted in the admin panel).
 */
export function resolveSettings(
  codes: readonly string[],
  defaultLocale: string,
  stored: unknown
): LocaleSettingsMap {
  const entries = isRecord(stored) ? stored : {};
  const resolved: LocaleSettingsMap = {};
  for (const code of codes) {
    const entry = entries[code];
    const launched = isRecord(entry) && typeof entry.launched === 'boolean' ? entry.launched : true;
    const fallback =
      isRecord(entry) && Array.isArray(entry.fallback)
        ? entry.fallback.filter(
            (member): member is string =>
              typeof member === 'string' && member !== code && codes.includes(member)
          )
        : [];
    resolved[code] = { launched: launched || code === defaultLocale, fallback };
  }
  return resolved;
}

/** The launched codes, sorted. */
export function launchedCodes(settings: LocaleSettingsMap): string[] {
  return Object.keys(settings)
    .filter((code) => settings[code].launched)
    .sort();
}

/**
 * Checks the chain `chain` for `code` against the other locales' settings: every member exists,
 * is launched, is not `code` and appears once, and following the chains never leads back to
 * `code`.
 *
 * @throws LocaleSettingsError naming the member at fault
 */
export function checkChain(
  code: string,
  chain: readonly string[],
  settings: LocaleSettingsMap
): string[] {
  const seen = new Set<string>();
  for (const member of chain) {
    if (member === code) {
      throw new LocaleSettingsError(
        `The fallback chain of "${code}" cannot contain "${code}".`,
        'chainContainsItself',
        { code }
      );
    }
    if (seen.has(member)) {
      throw new LocaleSettingsError(
        `The fallback chain of "${code}" names "${member}" twice.`,
        'chainNamesTwice',
        { code, member }
      );
    }
    seen.add(member);
    const target = settings[member];
    if (!target) {
      throw new LocaleSettingsError(
        `Unknown locale "${member}" in the fallback chain of "${code}". Locales: ${Object.keys(settings).sort().join(', ')}.`,
        'chainUnknownLocale',
        { code, member, locales: Object.keys(settings).sort().join(', ') }
      );
    }
    if (!target.launched) {
      throw new LocaleSettingsError(
        `Locale "${member}" in the fallback chain of "${code}" is not launched. Launched locales: ${launchedCodes(settings).join(', ')}.`,
        'chainUnlaunchedLocale',
        { code, member, locales: launchedCodes(settings).join(', ') }
      );
    }
  }
  // A cycle: some member's own chain (transitively) leads back to `code`.
  const path = (from: string, trail: string[]): string[] | undefined => {
    for (const next of settings[from]?.fallback ?? []) {
      if (next === code) return [...trail, next];
      if (trail.includes(next)) continue;
      const found = path(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  for (const member of chain) {
    const cycle = member === code ? [] : path(member, [code, member]);
    if (cycle) {
      throw new LocaleSettingsError(
        `The fallback chain of "${code}" makes a cycle: ${cycle.join(' → ')}.`,
        'chainCycle',
        { code, cycle: cycle.join(' → ') }
      );
    }
  }
  return [...chain];
}

/**
 * The settings after launching or unlaunching `code`.
 *
 * @throws LocaleSettingsError for an unknown locale, the default locale, a locale already in that
 *   state, launching a locale whose chain names an unlaunched one, or unlaunching a locale
 *   another launched locale falls back to
 */
export function withLaunched(
  settings: LocaleSettingsMap,
  code: string,
  launched: boolean,
  defaultLocale: string
): LocaleSettingsMap {
  const current = settings[code];
  if (!current) {
    throw new LocaleSettingsError(
      `Unknown locale "${code}". Locales: ${Object.keys(settings).sort().join(', ')}.`,
      'unknownLocale',
      { code, locales: Object.keys(settings).sort().join(', ') }
    );
  }
  if (current.launched === launched) {
    throw new LocaleSettingsError(
      `Locale "${code}" is already ${launched ? 'launched' : 'unlaunched'}.`,
      launched ? 'alreadyLaunched' : 'alreadyUnlaunched',
      { code }
    );
  }
  if (launched) {
    // A launched locale must not fall back to a private one: its reads would show that text.
    const privateMembers = current.fallback.filter((member) => !settings[member]?.launched);
    if (privateMembers.length > 0) {
      throw new LocaleSettingsError(
        `Locale "${code}" falls back to the unlaunched locale(s) ${privateMembers.join(', ')}: launch them first or change the chain.`,
        'fallsBackToUnlaunched',
        { code, locales: privateMembers.join(', ') }
      );
    }
  }
  if (!launched) {
    if (code === defaultLocale) {
      throw new LocaleSettingsError(
        `Locale "${code}" is the default locale: it is always launched.`,
        'defaultAlwaysLaunched',
        { code }
      );
    }
    const dependents = Object.keys(settings)
      .filter((other) => settings[other].launched && settings[other].fallback.includes(code))
      .sort();
    if (dependents.length > 0) {
      throw new LocaleSettingsError(
        `Locale "${code}" is in the fallback chain of the launched locale(s) ${dependents.join(', ')}: change their chains first.`,
        'inLaunchedChain',
        { code, locales: dependents.join(', ') }
      );
    }
  }
  return { ...settings, [code]: { ...current, launched } };
}
