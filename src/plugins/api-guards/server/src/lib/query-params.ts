/**
 * Query parameters a website cannot keep off its URLs (campaign and click ids, cache-busters) and
 * that never change a response. Pure.
 */

/** `utm_*`, Google/Facebook click ids, Mailchimp ids and jQuery's `_` cache-buster. */
export const TRACKING_QUERY_PARAMS: readonly string[] = [
  'utm_*',
  'gclid',
  'fbclid',
  'mc_cid',
  'mc_eid',
  '_',
];

/**
 * True when the parameter `name` (decoded; `utm_source` or `utm_source[x]`) matches one of
 * `patterns`: an exact name, or a prefix ending in `*` (`utm_*`).
 */
export function isIgnoredParam(name: string, patterns: readonly string[]): boolean {
  const bracket = name.indexOf('[');
  const base = bracket < 0 ? name : name.slice(0, bracket);
  return patterns.some((pattern) =>
    pattern.endsWith('*') ? base.startsWith(pattern.slice(0, -1)) : base === pattern
  );
}

function decodeName(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * The raw query string without the parameters matching `patterns`; the others are kept byte for
 * byte and in order. Returns `search` itself when nothing matches.
 */
export function stripQueryParams(search: string, patterns: readonly string[]): string {
  if (search === '' || patterns.length === 0) return search;
  const parts = search.split('&');
  const kept = parts.filter((part) => {
    if (part === '') return false;
    const eq = part.indexOf('=');
    return !isIgnoredParam(decodeName(eq < 0 ? part : part.slice(0, eq)), patterns);
  });
  return kept.length === parts.length ? search : kept.join('&');
}
