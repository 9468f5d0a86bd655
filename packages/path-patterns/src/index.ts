/**
 * Paths given in the configuration: exact (`/sitemap.xml`), or with one `*` standing for one path
 * segment or part of one (`/sitemap-*.xml` matches `/sitemap-de-1.xml`, not `/sitemap-a/b.xml`),
 * for files whose names depend on the content.
 */

/** True when `pattern` is an absolute path with at most one `*`. */
export function isPathPattern(pattern: unknown): pattern is string {
  return (
    typeof pattern === 'string' &&
    pattern.startsWith('/') &&
    (pattern.match(/\*/g) ?? []).length <= 1
  );
}

/** A test for `path` against the patterns: exact ones by lookup, `*` ones by prefix and suffix. */
export function pathMatcher(patterns: readonly string[]): (path: string) => boolean {
  const exact = new Set(patterns.filter((pattern) => !pattern.includes('*')));
  const wild = patterns
    .filter((pattern) => pattern.includes('*'))
    .map((pattern) => {
      const star = pattern.indexOf('*');
      return { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1) };
    });
  return (path) =>
    exact.has(path) ||
    wild.some(
      ({ prefix, suffix }) =>
        path.length > prefix.length + suffix.length &&
        path.startsWith(prefix) &&
        path.endsWith(suffix) &&
        !path.slice(prefix.length, path.length - suffix.length).includes('/')
    );
}
