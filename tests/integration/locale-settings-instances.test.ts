/**
 * Locale settings across two instances of the compiled app on one PostgreSQL database, as behind
 * a load balancer. Each instance keeps the locales and their settings in memory
 * (src/plugins/locale-fallback/server/src/services/locales.ts) and hears of a change made on the
 * other over the response cache's bus (PostgreSQL LISTEN/NOTIFY): a launch, an unlaunch, a chain
 * change and a new default locale on A show in B's next read once the bus message arrived (within
 * a second, as the response cache's own multi-instance test allows), and B's cached answers from
 * before are not served again. It creates its own throw-away database and drops it after.
 */
import request from 'supertest';
import { runOnPostgresServer } from '../../scripts/lib/database-env';
import {
  createApiToken,
  read,
  RESPONSE_CACHE_ON,
  seenWithin,
  startInstance,
  stop,
  type Instance,
  type Read,
} from '../helpers/app-instances';

const database = `ccn_locales_${process.pid}_${Date.now()}`;
const FR = 'fr';
const LOCALES = '/translations/locales';

const publicCodes = (r: Read): string[] =>
  ((r.body as unknown as Array<{ code: string }>) ?? []).map((l) => l.code).sort();

describe('locale settings across two instances on one PostgreSQL database', () => {
  let a: Instance | undefined;
  let b: Instance | undefined;
  let token = '';
  let adminJwt = '';
  const admin = () => ({ Authorization: `Bearer ${adminJwt}` });

  beforeAll(async () => {
    await runOnPostgresServer(`CREATE DATABASE ${database}`);
    // One after the other: the first creates the schema.
    a = await startInstance(database, RESPONSE_CACHE_ON);
    b = await startInstance(database, RESPONSE_CACHE_ON);
    ({ accessKey: token, adminJwt } = await createApiToken(a.url, 'full-access', 'Locales'));
  }, 400_000);

  afterAll(async () => {
    await Promise.all([stop(a?.child), stop(b?.child)]);
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(
      () => undefined
    );
  }, 60_000);

  it('a launch, a chain change, an unlaunch and a new default locale on A reach B and its cache', async () => {
    const first = a as Instance;
    const second = b as Instance;
    // A goal in German only: a read in fr shows it only through a chain that reaches de.
    await request(first.url)
      .post('/api/network-goals?locale=de')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { position: 2, title: 'Nur Deutsch', description: 'Kettenprobe' } })
      .expect(201);
    const goalsInFr = '/api/network-goals?locale=fr';
    const goalsByDefault = '/api/network-goals';
    const localeList = '/api/i18n/locales';

    // fr added on A: unlaunched, so private on both; B lists the public locales without it.
    await request(first.url)
      .post(LOCALES)
      .set(admin())
      .send({ code: FR, name: 'Französisch', fallback: ['en'] })
      .expect(201);
    expect((await read(second.url, goalsInFr)).status).toBe(400);
    expect(publicCodes(await read(second.url, localeList))).toEqual(['de', 'en']);

    // Launch on A: B's next reads (after the bus message) offer fr, its cached list is gone.
    await request(first.url)
      .post(`${LOCALES}/${FR}/launch`)
      .set(admin())
      .send({ force: true })
      .expect(200);
    expect(
      await seenWithin(second.url, localeList, (r) => publicCodes(r).includes(FR))
    ).toBeLessThan(1000);
    const launched = await read(second.url, goalsInFr);
    expect(launched.status).toBe(200);
    // The chain fr → en: no English version of the goal.
    expect(launched.body.data).toEqual([]);
    expect((await read(second.url, goalsInFr)).cache).toBe('HIT');

    // Chain change on A (fr → de): B serves the German goal, not its cached empty list.
    await request(first.url)
      .put(`${LOCALES}/${FR}/fallback`)
      .set(admin())
      .send({ fallback: ['de'] })
      .expect(200);
    expect(
      await seenWithin(second.url, goalsInFr, (r) => r.body.data?.[0]?.title === 'Nur Deutsch')
    ).toBeLessThan(1000);
    expect((await read(second.url, goalsInFr)).body.data?.[0]?.locale).toBe('de');
    expect((await read(second.url, goalsInFr)).cache).toBe('HIT');

    // Unlaunch on A: no stale 200 on B once the message arrived, a 400 naming the launched ones.
    await request(first.url).post(`${LOCALES}/${FR}/unlaunch`).set(admin()).expect(200);
    expect(await seenWithin(second.url, goalsInFr, (r) => r.status === 400)).toBeLessThan(1000);
    const refused = await read(second.url, goalsInFr);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('de, en');
    expect(publicCodes(await read(second.url, localeList))).toEqual(['de', 'en']);

    // A new default locale on A (en): B's reads without a locale follow it (no English goal),
    // not its cached German answer.
    expect((await read(second.url, goalsByDefault)).body.data?.[0]?.title).toBe('Nur Deutsch');
    expect((await read(second.url, goalsByDefault)).cache).toBe('HIT');
    const adminLocales = await request(first.url).get('/i18n/locales').set(admin()).expect(200);
    const en = (adminLocales.body as Array<{ id: number; code: string }>).find(
      (l) => l.code === 'en'
    );
    await request(first.url)
      .put(`/i18n/locales/${en?.id}`)
      .set(admin())
      .send({ isDefault: true })
      .expect(200);
    expect(
      await seenWithin(
        second.url,
        goalsByDefault,
        (r) => r.status === 200 && r.body.data?.length === 0
      )
    ).toBeLessThan(1000);
    expect((await read(second.url, `${goalsByDefault}?locale=de`)).body.data?.[0]?.title).toBe(
      'Nur Deutsch'
    );
  });
});
