/**
 * Compression figures for `npm run bench`: the bytes on the wire of typical reads in each coding,
 * and req/s and server CPU per request of the 100-city list plain against brotli and gzip, cached
 * (a hit replays a stored variant) and uncached (every request compresses).
 */
import { request as httpRequest } from 'node:http';

/** What the website reads most, and the other compressed paths. */
export const WIRE_TARGETS: ReadonlyArray<{ label: string; path: string; body?: string }> = [
  { label: 'REST list of 100 cities (en)', path: '/api/cities?locale=en&pagination[pageSize]=100' },
  {
    label: 'REST list of 25 cities + creativeField, country',
    path: '/api/cities?locale=en&pagination[pageSize]=25&populate[0]=creativeField&populate[1]=country',
  },
  {
    label: 'GraphQL list of 100 cities',
    path: '/graphql',
    body: JSON.stringify({
      query:
        '{ cities(locale: "en", pagination: { pageSize: 100 }) { documentId name slug memberSince creativeField { name } country { name } } }',
    }),
  },
  { label: 'sitemap.xml', path: '/sitemap.xml' },
  { label: 'openapi.json', path: '/openapi.json' },
  { label: 'demo site: land.js', path: '/site/land.js' },
  { label: 'demo site: app.js', path: '/site/app.js' },
  { label: 'network goals (de)', path: '/api/network-goals?locale=de' },
  { label: 'locales (under 1 KB: stays plain)', path: '/api/i18n/locales' },
];

export const CODINGS = ['identity', 'gzip', 'br'] as const;
export type Coding = (typeof CODINGS)[number];

export interface WireBytes {
  label: string;
  path: string;
  /** Body bytes on the wire per `Accept-Encoding`, and the coding the server chose. */
  bytes: Record<Coding, number>;
  sentAs: Record<Coding, string>;
}

/** One request with `Accept-Encoding: <coding>`: the body's bytes as sent, and its coding. */
function sizeOnTheWire(
  url: string,
  coding: Coding,
  body?: string
): Promise<{ status: number; bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Accept-Encoding': coding };
    if (body) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const req = httpRequest(url, { method: body ? 'POST' : 'GET', headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          encoding: String(res.headers['content-encoding'] ?? 'identity'),
        })
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function wireBytes(base: string): Promise<WireBytes[]> {
  const rows: WireBytes[] = [];
  for (const target of WIRE_TARGETS) {
    const bytes = {} as Record<Coding, number>;
    const sentAs = {} as Record<Coding, string>;
    for (const coding of CODINGS) {
      const res = await sizeOnTheWire(`${base}${target.path}`, coding, target.body);
      if (res.status !== 200) throw new Error(`${target.path} (${coding}): status ${res.status}`);
      bytes[coding] = res.bytes;
      sentAs[coding] = res.encoding;
    }
    rows.push({ label: target.label, path: target.path, bytes, sentAs });
  }
  return rows;
}

export function wireBytesTable(rows: WireBytes[]): string {
  const lines = [
    '| Response | plain bytes | gzip bytes | br bytes | br of plain |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const coded = (coding: Coding) =>
      row.sentAs[coding] === coding ? String(row.bytes[coding]) : `${row.bytes[coding]} (plain)`;
    const ratio = ((row.bytes.br / row.bytes.identity) * 100).toFixed(1);
    lines.push(
      `| ${row.label} | ${row.bytes.identity} | ${coded('gzip')} | ${coded('br')} | ${ratio} % |`
    );
  }
  return lines.join('\n');
}
