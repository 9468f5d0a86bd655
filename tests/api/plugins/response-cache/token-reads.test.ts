/**
 * Reads with a read-only API token are cached per token: never shared with another token or with
 * anonymous readers, the token checked on every hit, drafts and writing tokens never cached.
 */
import request from 'supertest';
import { anonymous, baseUrl, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import { until } from '../../../helpers/until';

const TOKEN = 'admin::api-token';

interface CreatedToken {
  id: number;
  accessKey: string;
}

let counter = 0;
/** A query parameter that changes nothing but makes a fresh cache key. */
function fresh(): string {
  counter += 1;
  return `filters[documentId][$ne]=token-test-${Date.now()}-${counter}`;
}

async function createToken(type: 'read-only' | 'full-access' | 'custom'): Promise<CreatedToken> {
  counter += 1;
  const token = (await getStrapi()
    .service(TOKEN)
    .create({
      name: `cache token test ${type} ${Date.now()}-${counter}`,
      type,
      lifespan: null,
      ...(type === 'custom' ? { permissions: ['api::city.city.find'] } : {}),
    })) as CreatedToken;
  return token;
}

function withToken(path: string, token: CreatedToken): request.Test {
  return request(baseUrl()).get(path).set('Authorization', `Bearer ${token.accessKey}`);
}

describe('reads with a read-only API token', () => {
  let reader: CreatedToken;
  let otherReader: CreatedToken;

  beforeAll(async () => {
    reader = await createToken('read-only');
    otherReader = await createToken('read-only');
  });

  it('are cached per token, privately', async () => {
    const path = `/api/cities?locale=en&${fresh()}`;
    const miss = await withToken(path, reader).expect(200);
    expect(miss.headers['x-cache']).toBe('MISS');
    const hit = await withToken(path, reader).expect(200);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.text).toBe(miss.text);
    expect(hit.headers['cache-control']).toBe('private, no-cache');
    // No CDN may keep or purge a token's response.
    expect(hit.headers['surrogate-key']).toBeUndefined();
    expect(hit.headers['surrogate-control']).toBeUndefined();
  });

  it('are never shared with another token or with anonymous readers', async () => {
    const path = `/api/cities?locale=de&${fresh()}`;
    await withToken(path, reader).expect(200);
    expect((await withToken(path, reader).expect(200)).headers['x-cache']).toBe('HIT');
    expect((await withToken(path, otherReader).expect(200)).headers['x-cache']).toBe('MISS');
    expect((await anonymous().get(path).expect(200)).headers['x-cache']).toBe('MISS');

    // And the other way round: an anonymous entry is not served to a token.
    const anonymousPath = `/api/countries?locale=de&${fresh()}`;
    await anonymous().get(anonymousPath).expect(200);
    expect((await anonymous().get(anonymousPath).expect(200)).headers['x-cache']).toBe('HIT');
    expect((await withToken(anonymousPath, reader).expect(200)).headers['x-cache']).toBe('MISS');
  });

  it('cover GraphQL queries, but never drafts', async () => {
    const query = {
      query:
        'query Cities($nonce: ID) { cities(locale: "en", filters: { documentId: { ne: $nonce } }) { documentId name } }',
      variables: { nonce: fresh() },
    };
    const post = () =>
      request(baseUrl())
        .post('/graphql')
        .set('Authorization', `Bearer ${reader.accessKey}`)
        .send(query);
    expect((await post().expect(200)).headers['x-cache']).toBe('MISS');
    expect((await post().expect(200)).headers['x-cache']).toBe('HIT');

    const drafts = {
      query: '{ cities(locale: "en", status: DRAFT) { documentId name } }',
      variables: { nonce: fresh() },
    };
    for (let i = 0; i < 2; i += 1) {
      const res = await request(baseUrl())
        .post('/graphql')
        .set('Authorization', `Bearer ${reader.accessKey}`)
        .send(drafts)
        .expect(200);
      expect(res.headers['x-cache']).toBe('BYPASS');
    }
  });

  it('never cache status=draft previews', async () => {
    const path = `/api/cities?locale=en&status=draft&${fresh()}`;
    for (let i = 0; i < 2; i += 1) {
      expect((await withToken(path, reader).expect(200)).headers['x-cache']).toBe('BYPASS');
    }
  });

  it('are evicted by content writes like anonymous reads', async () => {
    const list = await withToken(`/api/network-goals?locale=en&sort=position:asc`, reader);
    const goal = list.body.data[0] as { documentId: string; title: string };
    const path = `/api/network-goals/${goal.documentId}?locale=en&${fresh()}`;
    await withToken(path, reader).expect(200);
    expect((await withToken(path, reader).expect(200)).headers['x-cache']).toBe('HIT');
    const changed = `${goal.title} (token test)`;
    const documents = getStrapi().documents('api::network-goal.network-goal');
    try {
      await documents.update({
        documentId: goal.documentId,
        locale: 'en',
        data: { title: changed } as never,
        status: 'published',
      });
      const after = await withToken(path, reader).expect(200);
      expect(after.headers['x-cache']).toBe('MISS');
      expect(after.body.data.title).toBe(changed);
    } finally {
      await documents.update({
        documentId: goal.documentId,
        locale: 'en',
        data: { title: goal.title } as never,
        status: 'published',
      });
    }
  });
});

describe('the token is checked on every hit', () => {
  it('a revoked token gets 401 at once', async () => {
    const token = await createToken('read-only');
    const path = `/api/cities?locale=en&${fresh()}`;
    await withToken(path, token).expect(200);
    expect((await withToken(path, token).expect(200)).headers['x-cache']).toBe('HIT');
    await getStrapi().service(TOKEN).revoke(token.id);
    const after = await withToken(path, token);
    expect(after.status).toBe(401);
    expect(after.headers['x-cache']).toBe('BYPASS');
  });

  it('an expired token gets 401 at once, without any write', async () => {
    const token = await createToken('read-only');
    const expiresAt = Date.now() + 1500;
    await getStrapi()
      .db.query(TOKEN)
      .update({ where: { id: token.id }, data: { expiresAt: new Date(expiresAt).toISOString() } });
    const path = `/api/cities?locale=en&${fresh()}`;
    const first = await withToken(path, token);
    expect({ status: first.status, body: first.status === 200 ? '' : first.text }).toEqual({
      status: 200,
      body: '',
    });
    expect((await withToken(path, token).expect(200)).headers['x-cache']).toBe('HIT');
    // The state, not the clock: the hits go on until the token expires, then the next read is
    // refused, with nothing written in between (bounded well past the expiry).
    await until(
      'the expired token is refused',
      async () => {
        const { status } = await withToken(path, token);
        if (status !== 200 && status !== 401) throw new Error(`expected 200 or 401, got ${status}`);
        return status === 401;
      },
      { timeoutMs: expiresAt - Date.now() + 10_000, everyMs: 100 }
    );
  });

  it("a change of the token's permissions drops its entries", async () => {
    const token = await createToken('read-only');
    const path = `/api/cities?locale=en&${fresh()}`;
    await withToken(path, token).expect(200);
    expect((await withToken(path, token).expect(200)).headers['x-cache']).toBe('HIT');
    // Now a custom token without `find` on cities: Strapi refuses, the cache must not answer.
    await getStrapi()
      .service(TOKEN)
      .update(token.id, { type: 'custom', permissions: ['api::country.country.find'] });
    const after = await withToken(path, token);
    expect(after.status).toBe(403);
    expect(after.headers['x-cache']).toBe('BYPASS');
  });
});

describe('tokens that may write', () => {
  it('full-access and custom tokens bypass the cache', async () => {
    const custom = await createToken('custom');
    const path = `/api/cities?locale=en&${fresh()}`;
    for (let i = 0; i < 2; i += 1) {
      const full = await request(baseUrl()).get(path).set(tokenHeader()).expect(200);
      expect(full.headers['x-cache']).toBe('BYPASS');
      expect((await withToken(path, custom).expect(200)).headers['x-cache']).toBe('BYPASS');
    }
  });
});
