/**
 * Removes the versions in unlaunched locales from every `localizations` list of a content API
 * answer (language alternates, hreflang): an unlaunched locale is private until it is launched.
 * A version whose `locale` was not selected cannot be told apart and is kept. Pure; returns
 * the same object when there was nothing to remove.
 */
export function withoutUnlaunched(body: unknown, launched: readonly string[]): unknown {
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
        if (kept.length !== next.length) next = kept;
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
