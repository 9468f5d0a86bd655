/**
 * Makes every `localizations` populate of a REST query that selects `fields` select `locale` too,
 * so that withoutUnlaunched can tell the versions apart (`populate[localizations][fields][0]=slug`
 * would otherwise list a private version's slug). Changes `populate` in place; true when it added
 * `locale` anywhere (the answer then drops it again).
 */
export function selectLocaleOfLocalizations(populate: unknown): boolean {
  let added = false;
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'localizations' && typeof child === 'object' && child !== null) {
        const options = child as { fields?: unknown };
        if (Array.isArray(options.fields) && !options.fields.includes('locale')) {
          options.fields = [...(options.fields as unknown[]), 'locale'];
          added = true;
        } else if (
          typeof options.fields === 'string' &&
          !options.fields.split(',').some((field) => field.trim() === 'locale')
        ) {
          options.fields = `${options.fields},locale`;
          added = true;
        }
      }
      walk(child);
    }
  };
  walk(populate);
  return added;
}

/**
 * Removes the versions in unlaunched locales from every `localizations` list of a content API
 * answer (language alternates, hreflang): an unlaunched locale is private until it is launched.
 * A version whose `locale` was not selected cannot be told apart and is kept (see
 * selectLocaleOfLocalizations); `dropLocale` removes `locale` from the kept versions again where
 * the query did not ask for it. Pure; returns the same object when there was nothing to change.
 */
export function withoutUnlaunched(
  body: unknown,
  launched: readonly string[],
  { dropLocale = false }: { dropLocale?: boolean } = {}
): unknown {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      let changed = false;
      const items = value.map((item) => {
        const next = walk(item);
        changed ||= next !== item;
        return next;
      });
      return changed ? items : value;
    }
    if (typeof value !== 'object' || value === null) return value;
    let copy: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(value)) {
      let next = walk(child);
      if (key === 'localizations' && Array.isArray(next)) {
        const kept = next.filter((version: unknown) => {
          const locale = (version as { locale?: unknown } | null)?.locale;
          return typeof locale !== 'string' || launched.includes(locale);
        });
        if (dropLocale) {
          next = kept.map((version: unknown) => {
            if (typeof version !== 'object' || version === null || !('locale' in version))
              return version;
            const copy: Record<string, unknown> = { ...version };
            delete copy.locale;
            return copy;
          });
        } else if (kept.length !== next.length) next = kept;
      }
      if (next !== child) {
        copy ??= { ...(value as Record<string, unknown>) };
        copy[key] = next;
      }
    }
    return copy ?? value;
  };
  return walk(body);
}
