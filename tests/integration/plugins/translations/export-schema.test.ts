/**
 * The export of the whole seeded site, fetched over HTTP, is valid against the OASIS XLIFF schemas
 * (xmllint).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportXliff } from '../../../helpers/xliff-export';
import { validateXliff } from './tools';

const dir = mkdtempSync(path.join(tmpdir(), 'xlf-'));

describe.each([
  ['2.0', 'xliff2'],
  ['1.2', 'xliff12'],
] as const)('export of all seeded content as XLIFF %s', (version, format) => {
  it('validates against the OASIS schema', async () => {
    const file = path.join(dir, `all-${format}.xlf`);
    writeFileSync(file, await exportXliff(`source=de&target=en&format=${format}`));
    const result = validateXliff(file, version);
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });
});
