import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  acceptedWeights,
  chooseRepresentation,
  encode,
  forbidsTransform,
  isCompressible,
  varyOnEncoding,
} from '../../server/src/lib/encoding';

const SETTINGS = { enabled: true, minBytes: 1024, brotliQuality: 5 };
const choose = (header: string | undefined, size = 5000) =>
  chooseRepresentation(header, size, SETTINGS);

describe('Accept-Encoding (RFC 9110 §12.5.3)', () => {
  it('sends plain bytes to a request without the header', () => {
    expect(choose(undefined)).toBe('identity');
  });

  it('follows q-values, ties going to br, then gzip, then identity', () => {
    expect(choose('gzip, deflate, br')).toBe('br');
    expect(choose('gzip')).toBe('gzip');
    expect(choose('br;q=0.5, gzip;q=0.9')).toBe('gzip');
    expect(choose('gzip;q=0.5')).toBe('gzip');
    expect(choose('identity, gzip;q=0.5')).toBe('identity');
    expect(choose('identity;q=0.5, gzip;q=0.5')).toBe('gzip');
    expect(choose('GZIP;Q=1.000')).toBe('gzip');
    expect(choose('x-gzip')).toBe('gzip');
  });

  it('applies * to every coding not named, identity included', () => {
    expect(choose('*')).toBe('br');
    expect(choose('*;q=0.2, br;q=0')).toBe('gzip');
    expect(choose('*;q=0')).toBeUndefined();
    expect(choose('*;q=0, identity')).toBe('identity');
  });

  it('sends plain bytes for unknown codings, an empty header, and refused codings', () => {
    expect(choose('compress, deflate, zstd')).toBe('identity');
    expect(choose('')).toBe('identity');
    expect(choose('gzip;q=0, br;q=0')).toBe('identity');
  });

  it('ignores malformed members instead of guessing', () => {
    expect(choose('gzip;q=abc')).toBe('identity');
    expect(choose('br;q=2, gzip;q=1.5')).toBe('identity');
    expect(choose('g zip, br;q=0.5=1')).toBe('identity');
    expect(choose(';;, ,')).toBe('identity');
    expect(choose('gzip;q=0.5;level=9')).toBe('gzip');
    expect(acceptedWeights('gzip;q=0.1234')).toEqual({ br: 0, gzip: 0, identity: 0.0001 });
  });

  it('finds nothing acceptable when identity is refused and no coding is left', () => {
    expect(choose('identity;q=0')).toBeUndefined();
    expect(choose('deflate, identity;q=0')).toBeUndefined();
  });

  it('keeps small bodies plain unless plain is refused', () => {
    expect(choose('gzip, br', 1023)).toBe('identity');
    expect(choose('gzip, br', 1024)).toBe('br');
    expect(choose('gzip, identity;q=0', 10)).toBe('gzip');
  });

  it('compresses nothing when switched off, but still refuses what identity;q=0 refuses', () => {
    const off = { ...SETTINGS, enabled: false };
    expect(chooseRepresentation('gzip, br', 5000, off)).toBe('identity');
    expect(chooseRepresentation('identity;q=0, gzip', 5000, off)).toBeUndefined();
  });
});

describe('what is compressed', () => {
  it('compresses text, JSON, JavaScript, XML and SVG, not images or archives', () => {
    for (const type of [
      'application/json; charset=utf-8',
      'application/graphql-response+json',
      'application/vnd.oai.openapi+json',
      'text/html; charset=utf-8',
      'text/css',
      'application/javascript',
      'application/xml',
      'image/svg+xml',
    ]) {
      expect([type, isCompressible(type)]).toEqual([type, true]);
    }
    for (const type of ['image/png', 'application/zip', 'font/woff2', undefined]) {
      expect([type, isCompressible(type)]).toEqual([type, false]);
    }
  });

  it('leaves no-transform responses alone', () => {
    expect(forbidsTransform('public, no-transform')).toBe(true);
    expect(forbidsTransform('no-transform')).toBe(true);
    expect(forbidsTransform('public, max-age=0')).toBe(false);
    expect(forbidsTransform(undefined)).toBe(false);
  });

  it('adds Accept-Encoding to Vary once', () => {
    expect(varyOnEncoding(undefined)).toBe('Accept-Encoding');
    expect(varyOnEncoding('Origin')).toBe('Origin, Accept-Encoding');
    expect(varyOnEncoding('Origin, accept-encoding')).toBe('Origin, accept-encoding');
    expect(varyOnEncoding('*')).toBe('*');
  });

  it('round-trips gzip and brotli', async () => {
    const body = Buffer.from(JSON.stringify({ data: Array(200).fill({ name: 'Heidelberg' }) }));
    const gzip = await encode(body, 'gzip', SETTINGS);
    const br = await encode(body, 'br', SETTINGS);
    expect(gunzipSync(gzip).equals(body)).toBe(true);
    expect(brotliDecompressSync(br).equals(body)).toBe(true);
    expect(br.length).toBeLessThan(body.length / 10);
  });
});
