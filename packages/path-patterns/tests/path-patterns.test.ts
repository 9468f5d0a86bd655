import { isPathPattern, pathMatcher } from '../src';

describe('configured paths', () => {
  const matches = pathMatcher(['/sitemap.xml', '/sitemap-*.xml']);

  it('matches exact paths and part of one segment for *', () => {
    expect(matches('/sitemap.xml')).toBe(true);
    expect(matches('/sitemap-de-1.xml')).toBe(true);
  });

  it('matches nothing across a slash, nothing empty, nothing else', () => {
    expect(matches('/sitemap-de/1.xml')).toBe(false);
    expect(matches('/sitemap-.xml')).toBe(false);
    expect(matches('/sitemap-de-1.xml.gz')).toBe(false);
    expect(matches('/api/sitemap-de-1.xml')).toBe(false);
  });

  it('accepts absolute paths with at most one *', () => {
    expect(isPathPattern('/sitemap-*.xml')).toBe(true);
    expect(isPathPattern('sitemap.xml')).toBe(false);
    expect(isPathPattern('/a*b*.xml')).toBe(false);
    expect(isPathPattern(3)).toBe(false);
  });
});
