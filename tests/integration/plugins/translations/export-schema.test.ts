/**
 * The export of the whole seeded site, fetched over HTTP, is valid against the OASIS XLIFF schemas
 * (xmllint).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { baseUrl, tokenHeader } from '../../../helpers/api';
import { validateXliff } from './tools';

const dir = mkdtempSync(path.join(tmpdir(), 'xlf-'));

async function exportText(query: string): Promise<string> {
  const response = await request(baseUrl())
    .get(`/api/translations/export?${query}`)
    .set(tokenHeader())
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
  expect(response.status).toBe(200);
  return response.body as string;
}

describe.each([
  ['2.0', 'xliff2'],
  ['1.2', 'xliff12'],
] as const)('export of all seeded content as XLIFF %s', (version, format) => {
  it('validates against the OASIS schema', async () => {
    const file = path.join(dir, `all-${format}.xlf`);
    writeFileSync(file, await exportText(`source=de&target=en&format=${format}`));
    const result = validateXliff(file, version);
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });
});
