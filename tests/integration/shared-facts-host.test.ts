/**
 * Shared relations whose links differ between locales (data from before the declaration) in the
 * plugin host (tests/plugin-host: Article.author declared shared, locales fr and it): the
 * translations plugin's `check` lists them without booting the app, and the next start logs one
 * warning line. A host of its own: the test restarts it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { startPluginHost, type PluginHost } from '../helpers/plugin-host';

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

let host: PluginHost;

beforeAll(async () => {
  host = await startPluginHost();
}, 120_000);

afterAll(async () => {
  await host?.stop();
});

const put = (path: string, data: Record<string, unknown>) =>
  request(host.url).put(path).set(host.token).send({ data });
const post = (path: string, data: Record<string, unknown>) =>
  request(host.url).post(path).set(host.token).send({ data });

/** A new author in fr and it; its documentId. */
async function author(name: string): Promise<string> {
  const documentId = (await post('/api/authors?locale=fr', { name })).body.data
    .documentId as string;
  expect((await put(`/api/authors/${documentId}?locale=it`, { name: `${name} (it)` })).status).toBe(
    200
  );
  return documentId;
}

describe('shared relations that differ between locales, in the plugin host', () => {
  it('`strapi-translations check` lists them without booting, and start-up warns in one line', async () => {
    const carla = await author('Carla');
    const elena = await author('Elena');
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
          elenaIt.find((version) => (version.published_at === null) === (row.published_at === null))
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
    expect(JSON.parse(check.stdout).differing).toEqual([
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
