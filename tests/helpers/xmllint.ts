import { spawnSync } from 'node:child_process';
import path from 'node:path';

const SCHEMA = path.resolve(__dirname, '..', 'fixtures', 'sitemap-schema', 'sitemap-hreflang.xsd');

/**
 * Validates a sitemap against the sitemaps.org 0.9 schema plus the xhtml:link alternate with
 * xmllint (Debian package libxml2-utils). Returns xmllint's verdict and its messages.
 */
export function validateSitemap(xml: string): { valid: boolean; messages: string } {
  const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { valid: result.status === 0, messages: `${result.stdout}${result.stderr}`.trim() };
}
