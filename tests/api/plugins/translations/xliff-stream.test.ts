/**
 * The XLIFF export is written as a stream, documents read in batches: its bytes are those of
 * the export built in one piece (the admin and HTTP path), whatever the batch size, including
 * one batch per type (every document of a type read at once, as the export always read them).
 */
import request from 'supertest';
import { baseUrl, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import type {
  ExportOptions,
  XliffExportService,
} from '../../../../src/plugins/translations/server/src/services/xliff-export';

const exporter = (): XliffExportService =>
  getStrapi().plugin('translations').service('xliff-export') as XliffExportService;

async function streamed(options: ExportOptions): Promise<{ xml: string; pieces: number }> {
  const chunks: string[] = [];
  await exporter().stream(options, (chunk) => {
    chunks.push(chunk);
  });
  return { xml: chunks.join(''), pieces: chunks.length };
}

describe('streamed XLIFF export', () => {
  it.each([
    ['2.0', 'xliff2'],
    ['1.2', 'xliff12'],
  ] as const)(
    'XLIFF %s: the same bytes in batches of 1, 7 and all, and over HTTP',
    async (format, param) => {
      const http = await request(baseUrl())
        .get(`/api/translations/export?target=en&format=${param}`)
        .set(tokenHeader())
        .buffer(true)
        .parse((res, done) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => done(null, Buffer.concat(parts).toString('utf8')));
        });
      expect(http.status).toBe(200);
      const whole = await streamed({ targetLocale: 'en', format, batchSize: 1_000_000 });
      const single = await streamed({ targetLocale: 'en', format, batchSize: 1 });
      const seven = await streamed({ targetLocale: 'en', format, batchSize: 7 });
      expect(whole.xml).toContain('<xliff');
      expect(single.xml).toBe(whole.xml);
      expect(seven.xml).toBe(whole.xml);
      expect(http.body).toBe(whole.xml);
      // Written as it goes: one piece per document with units, not one string at the end.
      const result = await exporter().export({ targetLocale: 'en', format });
      expect(single.pieces).toBeGreaterThanOrEqual(result.documents);
    }
  );

  it('writes nothing when no unit matches', async () => {
    const { xml, pieces } = await streamed({
      targetLocale: 'en',
      only: ['missing'],
      types: ['api::network.network'],
    });
    expect(pieces).toBe(0);
    expect(xml).toBe('');
  });
});
