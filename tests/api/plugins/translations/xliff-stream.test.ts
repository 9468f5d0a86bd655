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

/** The export over HTTP, read to its end: status, headers, body and trailers. */
async function overHttp(query: string): Promise<{
  status: number;
  headers: Record<string, string>;
  body: string;
  trailers: Record<string, string | undefined>;
}> {
  let trailers: Record<string, string | undefined> = {};
  const response = await request(baseUrl())
    .get(`/api/translations/export?${query}`)
    .set(tokenHeader())
    .buffer(true)
    .parse((res, done) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        trailers = { ...(res as unknown as { trailers: Record<string, string> }).trailers };
        done(null, Buffer.concat(parts).toString('utf8'));
      });
    });
  return {
    status: response.status,
    headers: response.headers as Record<string, string>,
    body: (response.body as string | undefined) ?? '',
    trailers,
  };
}

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

  // Every option of the export: the HTTP answer is the document the service builds, byte for byte.
  it.each([
    'target=en',
    'target=en&format=xliff12',
    'target=en&source=de&format=xliff2',
    'target=en&only=translated,missing,outdated,unknown&format=xliff12',
    'target=en&only=translated',
    'target=en&type=api::city.city,api::network.network&format=xliff12',
    'target=en&type=api::creative-field.creative-field&only=translated,unknown',
  ])(
    "over HTTP, %s: the service's bytes, sent in chunks, the unit count as a trailer",
    async (query) => {
      const params = new URLSearchParams(query);
      const expected = await exporter().export({
        targetLocale: 'en',
        sourceLocale: params.get('source') ?? undefined,
        only: (params.get('only')?.split(',') as ExportOptions['only']) ?? undefined,
        types: params.get('type')?.split(','),
        format: params.get('format') === 'xliff12' ? '1.2' : '2.0',
      });
      const http = await overHttp(query);
      expect(http.status).toBe(200);
      expect(http.headers['content-type']).toBe('application/xliff+xml; charset=utf-8');
      expect(http.headers['content-disposition']).toBe(
        'attachment; filename="translations-en.xlf"'
      );
      expect(http.headers['transfer-encoding']).toBe('chunked');
      expect(http.headers['x-translation-units']).toBeUndefined();
      expect(http.trailers['x-translation-units']).toBe(String(expected.units));
      expect(expected.units).toBeGreaterThan(0);
      expect(http.body).toBe(expected.xml);
    }
  );

  it('answers 204 without a body when no unit matches, 400 before anything is written', async () => {
    const empty = await overHttp('target=en&only=missing&type=api::network.network');
    expect(empty.status).toBe(204);
    expect(empty.body).toBe('');
    const unknownLocale = await overHttp('target=xx');
    expect(unknownLocale.status).toBe(400);
    expect(unknownLocale.body).toContain('target locale \\"xx\\" does not exist');
  });

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
