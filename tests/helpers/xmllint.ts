import { spawnSync } from 'node:child_process';
import path from 'node:path';

const SCHEMAS = path.resolve(__dirname, '..', 'fixtures', 'sitemap-schema');
const SCHEMA = path.join(SCHEMAS, 'sitemap-hreflang.xsd');
const INDEX_SCHEMA = path.join(SCHEMAS, 'sitemap-index.xsd');

/**
 * Validates a sitemap against the sitemaps.org 0.9 schema plus the xhtml:link alternate, or a
 * sitemap index against the index schema, with xmllint (Debian package libxml2-utils). Returns
 * xmllint's verdict and its messages.
 */
export function validateSitemap(xml: string): { valid: boolean; messages: string } {
  const schema = /<sitemapindex[\s>]/.test(xml) ? INDEX_SCHEMA : SCHEMA;
  const result = spawnSync('xmllint', ['--noout', '--schema', schema, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { valid: result.status === 0, messages: `${result.stdout}${result.stderr}`.trim() };
}
