/**
 * The translations plugin's XLIFF export over HTTP with the test run's API token, read as text
 * (supertest does not parse `application/xliff+xml` into a body by itself).
 */
import request from 'supertest';
import { baseUrl, tokenHeader } from './api';

/**
 * The XLIFF file of `GET /api/translations/export?<query>`; fails the test unless the answer is
 * a 200 of `application/xliff+xml`.
 */
export async function exportXliff(query: string): Promise<string> {
  const response = await request(baseUrl())
    .get(`/api/translations/export?${query}`)
    .set(tokenHeader())
    .buffer(true)
    .parse((res, done) => {
      // Decoded once at the end: a chunk may end inside a multi-byte character.
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toContain('application/xliff+xml');
  return response.body as string;
}
