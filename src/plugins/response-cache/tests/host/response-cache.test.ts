/**
 * response-cache in the plugin host (tests/plugin-host): hits, and eviction on a write.
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const get = (path: string) => request(host.url).get(path);

interface Article {
  documentId: string;
  title: string;
  locale: string;
  fallback?: boolean;
  author?: { name: string; locale: string; fallback?: boolean } | null;
}

describe('response-cache in the plugin host', () => {
  it('serves a HIT, and the change after a write', async () => {
    const path = '/api/articles?locale=fr&sort=title:asc&fields[0]=title';
    const first = await get(path);
    const second = await get(path);
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    const [bonjour] = first.body.data as Article[];
    expect(bonjour.title).toBe('Bonjour');

    const write = await request(host.url)
      .put(`/api/articles/${bonjour.documentId}?locale=fr`)
      .set(host.token)
      .send({ data: { title: 'Bonjour à tous' } });
    expect(write.status).toBe(200);

    const after = await get(path);
    expect(after.headers['x-cache']).toBe('MISS');
    expect((after.body.data as Article[]).map((a) => a.title)).toContain('Bonjour à tous');
  });
});
