/**
 * The XLIFF import reads its file as a stream (lib/xliff.ts `XliffReader`, fed by the request
 * body or the CLI's file stream as bytes arrive): its report is the one of the same file read
 * whole, whatever the pieces, including pieces that cut a UTF-8 character in two; a malformed
 * file says the same line and column; a file over the size limit is refused for its size even
 * when it is malformed before the limit is reached.
 */
import request from 'supertest';
import { baseUrl, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import { exportXliff } from '../../../helpers/xliff-export';
import type { XliffImportService } from '../../../../src/plugins/translations/server/src/services/xliff-import';

const importer = (): XliffImportService =>
  getStrapi().plugin('translations').service('xliff-import') as XliffImportService;

/**
 * How far pieces of 1 and 3 bytes go: the whole 450 KB export in 1-byte pieces took the reader
 * over a minute per format on CI. The characters cut in two sit in the file's first unit.
 */
const SMALL_PIECES_BYTES = 32 * 1024;

/**
 * The file's bytes as a request body arrives: pieces of `size` bytes up to `smallUpTo` bytes,
 * then pieces of 4096.
 */
async function* inPieces(
  xml: string,
  size: number,
  smallUpTo = Number.POSITIVE_INFINITY
): AsyncIterable<Buffer> {
  const bytes = Buffer.from(xml, 'utf8');
  for (let at = 0; at < bytes.length;) {
    const length = at < smallUpTo ? size : 4096;
    yield bytes.subarray(at, at + length);
    at += length;
  }
}

async function outcome(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    const problems = (error as { problems?: unknown }).problems;
    return {
      error: (error as Error).constructor.name,
      message: (error as Error).message,
      problems,
    };
  }
}

function exported(format: 'xliff2' | 'xliff12'): Promise<string> {
  return exportXliff(`target=en&format=${format}`);
}

describe('streamed XLIFF import', () => {
  it.each(['xliff2', 'xliff12'] as const)(
    '%s: the dry run of the export reports the same read whole, in pieces of 1, 3 (its first 32 KiB) and 4096 bytes, and over HTTP',
    async (format) => {
      const xml = await exported(format);
      // A translation with characters of 2, 3 and 4 bytes, so that pieces cut them in two.
      const edited = xml.replace('</source>', '</source><target>Grüße – 🎉</target>');
      expect(edited).not.toBe(xml);
      expect(Buffer.byteLength(edited.slice(0, edited.indexOf('🎉')))).toBeLessThan(
        SMALL_PIECES_BYTES
      );
      for (const file of [xml, edited]) {
        const whole = await importer().import(file, { dryRun: true });
        expect(whole.units).toBeGreaterThan(100);
        for (const size of [1, 3])
          expect(
            await importer().import(inPieces(file, size, SMALL_PIECES_BYTES), { dryRun: true })
          ).toEqual(whole);
        expect(await importer().import(inPieces(file, 4096), { dryRun: true })).toEqual(whole);
        const http = await request(baseUrl())
          .post('/api/translations/import?dryRun=true')
          .set(tokenHeader())
          .set('Content-Type', 'application/xliff+xml')
          .send(file)
          .expect(200);
        expect(http.body).toEqual(whole);
      }
    }
  );

  it('a malformed or invalid file is refused with the problem of the file read whole', async () => {
    const xml = await exported('xliff2');
    const broken = [
      xml.replace('</xliff>', '<oops></xliff>'),
      xml.replace(/(<unit [^>]*>[\s\S]*?<\/unit>)/, '$1$1'),
      xml.replace('version="2.0"', 'version="3.0"'),
      xml.slice(0, Math.floor(xml.length / 2)),
    ];
    for (const file of broken) {
      const whole = await outcome(() => importer().import(file, { dryRun: true }));
      expect(whole).toMatchObject({ error: 'ImportError' });
      expect(await outcome(() => importer().import(inPieces(file, 5), { dryRun: true }))).toEqual(
        whole
      );
    }
  });

  it('a file over the size limit is refused for its size, even when malformed before it', async () => {
    const limit = getStrapi().plugin('translations').config('importMaxBytes') as number;
    const oversized = `<not-xliff>${'<'.repeat(limit)}`;
    const response = await request(baseUrl())
      .post('/api/translations/import?dryRun=true')
      .set(tokenHeader())
      .set('Content-Type', 'application/xliff+xml')
      .send(oversized);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      new RegExp(`file is larger than the limit of ${limit} bytes`)
    );
  });
});
