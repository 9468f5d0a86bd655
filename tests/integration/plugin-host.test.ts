/**
 * The six plugins in a second app with another content model (tests/plugin-host: a localized
 * `article` with a relation to a localized `author`, locales fr (default) and it): what each
 * plugin promises must hold there too, with nothing of this app's types or locales.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { xliff12ToJs, jsToXliff12 } from 'xliff';
import { startPluginHost, type PluginHost } from '../helpers/plugin-host';

let host: PluginHost;

/** The translations plugin's command line (its package's bin), run in the host's directory. */
const CLI = path.resolve(
  __dirname,
  '..',
  '..',
  'src',
  'plugins',
  'translations',
  'bin',
  'strapi-translations.js'
);

beforeAll(async () => {
  host = await startPluginHost();
}, 120_000);

afterAll(async () => {
  await host?.stop();
});

const get = (path: string) => request(host.url).get(path);

interface Article {
  documentId: string;
  title: string;
  locale: string;
  fallback?: boolean;
  author?: { name: string; locale: string; fallback?: boolean } | null;
}

describe('locale-fallback in the plugin host', () => {
  it('refuses an unknown locale with a 400 naming the host locales', async () => {
    const res = await get('/api/articles?locale=de');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Unknown locale "de". Available locales: fr, it.');
  });

  it('serves the fr-only article in fr, marked, among the it articles (REST, with the relation)', async () => {
    const res = await get(
      '/api/articles?locale=it&fallbackLocale=fr&populate=author&sort=title:asc'
    );
    expect(res.status).toBe(200);
    const articles = res.body.data as Article[];
    expect(articles.map((a) => [a.title, a.locale, a.fallback])).toEqual([
      ['Buongiorno', 'it', false],
      ['Seulement en français', 'fr', true],
    ]);
    expect(articles[0].author).toMatchObject({ name: 'Ada', locale: 'it' });
    expect(articles[1].author).toMatchObject({ name: 'Bruno', locale: 'fr' });
  });

  it('does the same over GraphQL, relation included', async () => {
    const res = await request(host.url)
      .post('/graphql')
      .send({
        query: `{ articles(locale: "it", fallbackLocale: "fr", sort: "title:asc") {
          title locale fallback author { name locale fallback } } }`,
      });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.articles).toEqual([
      {
        title: 'Buongiorno',
        locale: 'it',
        fallback: false,
        author: { name: 'Ada', locale: 'it', fallback: false },
      },
      {
        title: 'Seulement en français',
        locale: 'fr',
        fallback: true,
        author: { name: 'Bruno', locale: 'fr', fallback: true },
      },
    ]);
  });
});

describe('api-guards in the plugin host', () => {
  it('refuses a filter on a private field', async () => {
    const res = await get('/api/articles?filters[editorNote][$eq]=secret');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('editorNote');
  });

  it('refuses drafts to anonymous readers', async () => {
    const res = await get('/api/articles?status=draft');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Drafts are not public/);
  });

  it('refuses a populate nested deeper than the default limit', async () => {
    const res = await get(
      '/api/articles?populate[author][populate][articles][populate][author][populate]=articles'
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/populate nests 4 levels deep/);
  });

  it('refuses a GraphQL query over the cost budget before running it', async () => {
    const aliases = Array.from(
      { length: 3 },
      (_, i) =>
        `a${i}: articles(pagination: { pageSize: 100 }) { title author { name articles(pagination: { pageSize: 100 }) { title } } }`
    ).join(' ');
    const res = await request(host.url)
      .post('/graphql')
      .send({ query: `{ ${aliases} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

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

describe('miss-path-speedups in the plugin host', () => {
  it('answers uncached reads as Strapi does: relations shown, the private field never', async () => {
    // A fresh key each run (the cache would answer a repeated URL): pagination is the variable.
    const res = await get(
      `/api/articles?locale=fr&populate=author&sort=title:asc&pagination[pageSize]=${20 + (Date.now() % 50)}`
    );
    expect(res.status).toBe(200);
    expect(res.headers['x-cache']).toBe('MISS');
    const articles = res.body.data as Array<Article & { editorNote?: string }>;
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((a) => a.author?.locale === 'fr')).toBe(true);
    expect(articles.every((a) => !('editorNote' in a))).toBe(true);
  });

  it('keeps GraphQL answers uncacheable for browsers with the cache hints off', async () => {
    const res = await request(host.url)
      .post('/graphql')
      .set(host.token)
      .send({ query: '{ articles(locale: "fr") { title } }' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('search in the plugin host', () => {
  it('finds an author by a name without its accent and answers in the requested locale', async () => {
    const res = await get('/api/search?q=francais&locale=it&fallbackLocale=fr');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({
        type: 'articles',
        name: 'Seulement en français',
        locale: 'fr',
        fallback: true,
      }),
    ]);
  });
});

describe('translations in the plugin host', () => {
  interface StatusBody {
    types: { uid: string; documents: { label: string; states: Record<string, string> }[] }[];
  }
  const stateOf = (body: StatusBody, uid: string, label: string) =>
    body.types.find((type) => type.uid === uid)?.documents.find((doc) => doc.label === label)
      ?.states.it;

  it('exports fr → it, imports the translated file, and reports the documents translated', async () => {
    const statusPath = '/api/translations/status?source=fr&target=it&documents=true';
    const before = await get(statusPath).set(host.token);
    expect(before.status).toBe(200);
    expect(stateOf(before.body, 'api::article.article', 'Seulement en français')).toBe('missing');
    expect(stateOf(before.body, 'api::author.author', 'Bruno')).toBe('missing');

    const exported = await get(
      '/api/translations/export?source=fr&target=it&only=missing&format=xliff12'
    ).set(host.token);
    expect(exported.status).toBe(200);
    const xliff = await xliff12ToJs(exported.text);
    const units = Object.values(xliff.resources).flatMap((file) => Object.values(file));
    expect(units.map((unit) => unit.source)).toEqual(
      expect.arrayContaining(['Seulement en français', 'Pas encore traduit', 'Bruno'])
    );
    for (const unit of units) {
      if (typeof unit.source === 'string') unit.target = `${unit.source} (it)`;
    }

    const imported = await request(host.url)
      .post('/api/translations/import?publish=true')
      .set(host.token)
      .set('Content-Type', 'application/xliff+xml')
      .send(await jsToXliff12(xliff));
    expect(imported.status).toBe(200);

    const italian = await get('/api/articles?locale=it&sort=title:asc&fields[0]=title');
    expect((italian.body.data as Article[]).map((a) => a.title)).toContain(
      'Seulement en français (it)'
    );
    const after = await get(statusPath).set(host.token);
    expect(stateOf(after.body, 'api::article.article', 'Seulement en français')).toBe('translated');
    expect(stateOf(after.body, 'api::author.author', 'Bruno')).toBe('translated');
  });

  it('answers the admin route with an admin session and refuses anonymous readers', async () => {
    expect((await get('/translations/status?target=it').set(host.admin)).status).toBe(200);
    expect((await get('/api/translations/status?target=it')).status).toBe(403);
  });
});

describe('shared relations in the plugin host (Article.author declared shared)', () => {
  const put = (path: string, data: Record<string, unknown>) =>
    request(host.url).put(path).set(host.token).send({ data });
  const post = (path: string, data: Record<string, unknown>) =>
    request(host.url).post(path).set(host.token).send({ data });
  const authorOf = async (id: string, locale: string) =>
    (await get(`/api/articles/${id}?locale=${locale}&populate=author&status=draft`).set(host.token))
      .body.data.author?.name as string | undefined;

  let carla = '';
  let elena = '';
  let dario = '';

  beforeAll(async () => {
    const created = await post('/api/authors?locale=fr', { name: 'Carla' });
    carla = created.body.data.documentId;
    expect((await put(`/api/authors/${carla}?locale=it`, { name: 'Carla (it)' })).status).toBe(200);
    elena = (await post('/api/authors?locale=fr', { name: 'Elena' })).body.data.documentId;
    expect((await put(`/api/authors/${elena}?locale=it`, { name: 'Elena (it)' })).status).toBe(200);
    dario = (await post('/api/authors?locale=fr', { name: 'Dario' })).body.data.documentId;
  });

  it('a new it version starts with the author of fr; a change in fr reaches it, draft and published', async () => {
    const article = (await post('/api/articles?locale=fr', { title: 'Fatti', author: carla })).body
      .data.documentId as string;
    expect((await put(`/api/articles/${article}?locale=it`, { title: 'Fatti (it)' })).status).toBe(
      200
    );
    expect(await authorOf(article, 'it')).toBe('Carla (it)');

    expect((await put(`/api/articles/${article}?locale=fr`, { author: elena })).status).toBe(200);
    expect(await authorOf(article, 'it')).toBe('Elena (it)');
    const published = await get(`/api/articles/${article}?locale=it&populate=author`);
    expect(published.body.data.author.name).toBe('Elena (it)');
  });

  it('refuses an author without an it version with a 400 naming the locale, and keeps both versions', async () => {
    const article = (await post('/api/articles?locale=fr', { title: 'Coerente', author: carla }))
      .body.data.documentId as string;
    expect((await put(`/api/articles/${article}?locale=it`, { title: 'Coerente' })).status).toBe(
      200
    );
    const refused = await put(`/api/articles/${article}?locale=fr`, { author: dario });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('"author"');
    expect(refused.body.error.message).toContain('"it"');
    expect(await authorOf(article, 'fr')).toBe('Carla');
    expect(await authorOf(article, 'it')).toBe('Carla (it)');
  });

  it('existing data that differs: `strapi-translations check` lists it without booting, and start-up warns in one line', async () => {
    const article = (await post('/api/articles?locale=fr', { title: 'Deriva', author: carla })).body
      .data.documentId as string;
    expect((await put(`/api/articles/${article}?locale=it`, { title: 'Deriva (it)' })).status).toBe(
      200
    );
    // As data from before the declaration: the it versions alone link another author.
    const db = new Database(host.databaseFile);
    try {
      const elenaIt = db
        .prepare(`select id, published_at from authors where document_id = ? and locale = 'it'`)
        .all(elena) as Array<{ id: number; published_at: number | null }>;
      const italian = db
        .prepare(`select id, published_at from articles where document_id = ? and locale = 'it'`)
        .all(article) as Array<{ id: number; published_at: number | null }>;
      for (const row of italian)
        db.prepare('update articles_author_lnk set author_id = ? where article_id = ?').run(
          elenaIt.find((author) => (author.published_at === null) === (row.published_at === null))
            ?.id,
          row.id
        );
    } finally {
      db.close();
    }

    const check = spawnSync(process.execPath, [CLI, 'check', '--json'], {
      cwd: host.dir,
      env: host.env,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(1);
    const { differing } = JSON.parse(check.stdout) as {
      differing: Array<{ documentId: string; label: string; attribute: string; targets: object }>;
    };
    expect(differing).toEqual([
      expect.objectContaining({
        uid: 'api::article.article',
        documentId: article,
        label: 'Deriva',
        attribute: 'author',
        targets: { [carla]: 'Carla', [elena]: 'Elena' },
      }),
    ]);

    const log = await host.restart();
    const warnings = log.split('\n').filter((line) => line.includes('[translations]'));
    expect(warnings).toEqual([
      expect.stringContaining(
        '[translations] shared relations differ between locales in 1 document(s) (api::article.article.author): see npm run i18n:check'
      ),
    ]);
  }, 180_000);
});
