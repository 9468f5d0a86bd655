/**
 * Two instances of the compiled app (child processes) on one PostgreSQL database, both polling
 * for due releases every 100 ms: each due release runs on exactly one of them. Then a release
 * that falls due while the only instance is stopped runs when it starts again. Creates its own
 * throw-away database and drops it after.
 */
import { Client } from 'pg';
import { postgresServer, runOnPostgresServer } from '../../../../scripts/lib/database-env';
import {
  createApiToken,
  startInstance,
  stop as stopChild,
  type Instance,
} from '../../../helpers/app-instances';
import { until } from '../../../helpers/until';

const database = `ccn_releases_${process.pid}_${Date.now()}`;
const RELEASES = 12;
const CITY = 'api::city.city';

/** An instance that polls for due releases every 100 ms and logs each one it runs (at info). */
const start = (): Promise<Instance> =>
  startInstance(database, { STRAPI_LOG_LEVEL: 'info', RELEASES_POLL_INTERVAL_MS: '100' });

const stop = (instance: Instance | undefined): Promise<void> => stopChild(instance?.child);

async function call(
  url: string,
  method: string,
  pathname: string,
  token: string,
  body?: unknown
): Promise<{ status: number; body: { data?: unknown; error?: unknown } }> {
  const res = await fetch(`${url}${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown } };
}

interface Release {
  id: number;
  status: string;
  scheduledAt: string;
  startedAt: string | null;
}

/** Lines in which an instance reports a release it ran. */
function runsIn(instance: Instance, id: number): number {
  const pattern = new RegExp(`\\[releases\\] release ${id} "[^"]*" (done|failed)`, 'g');
  return (instance.log.join('').match(pattern) ?? []).length;
}

describe('releases on two instances sharing one PostgreSQL database', () => {
  let first: Instance | undefined;
  let second: Instance | undefined;
  let token = '';

  beforeAll(async () => {
    await runOnPostgresServer(`CREATE DATABASE ${database}`);
    // One after the other: the first creates the schema.
    first = await start();
    second = await start();
    token = (await createApiToken(first.url, 'full-access', 'Releases')).accessKey;
  }, 400_000);

  afterAll(async () => {
    await Promise.all([stop(first), stop(second)]);
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(
      () => undefined
    );
  }, 60_000);

  it(`runs each of ${RELEASES} due releases exactly once, within 5 s of its time`, async () => {
    const a = first as Instance;
    const b = second as Instance;
    const cities: string[] = [];
    for (let i = 0; i < RELEASES; i += 1) {
      const city = await call(a.url, 'POST', '/api/cities?locale=de&status=draft', token, {
        data: { name: `Stadt ${i + 1}` },
      });
      expect(city.status).toBe(201);
      cities.push((city.body.data as { documentId: string }).documentId);
    }
    // Due after the last release is created (a time in the past is refused with a 400), with
    // room for a loaded machine: 12 requests took more than 4 s at a load average of 15.
    const at = new Date(Date.now() + 10_000).toISOString();
    const ids: number[] = [];
    for (const [i, documentId] of cities.entries()) {
      const release = await call(a.url, 'POST', '/api/releases', token, {
        data: {
          name: `goal ${i + 1}`,
          scheduledAt: at,
          entries: [{ uid: CITY, documentId, locale: 'de' }],
        },
      });
      expect(release.status).toBe(201);
      ids.push((release.body.data as Release).id);
    }

    await until(
      'every release is done',
      async () => {
        const list = await call(b.url, 'GET', '/api/releases?pageSize=100', token);
        const releases = list.body.data as Release[];
        return ids.every((id) => releases.find((r) => r.id === id)?.status === 'done');
      },
      { timeoutMs: 30_000, everyMs: 200 }
    );

    const ranOn = ids.map((id) => [runsIn(a, id), runsIn(b, id)]);
    // Exactly one run per release, on one instance or the other.
    expect(ranOn.map(([onA, onB]) => onA + onB)).toEqual(Array(RELEASES).fill(1));
    const published = await fetch(`${b.url}/api/cities?locale=de&pagination[pageSize]=100`);
    expect(((await published.json()) as { data: unknown[] }).data).toHaveLength(RELEASES);
    for (const id of ids) {
      const release = (await call(a.url, 'GET', `/api/releases/${id}`, token)).body.data as Release;
      const late = Date.parse(release.startedAt ?? '') - Date.parse(release.scheduledAt);
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(5000);
    }
    console.log(
      `releases run on the first / second instance: ${ranOn.filter(([onA]) => onA).length} / ${ranOn.filter(([, onB]) => onB).length}`
    );
  });

  it('runs a release that fell due while the app was down when it starts again', async () => {
    const a = first as Instance;
    const city = await call(a.url, 'POST', '/api/cities?locale=de&status=draft', token, {
      data: { name: 'Während der Pause' },
    });
    const { documentId } = city.body.data as { documentId: string };
    const created = await call(a.url, 'POST', '/api/releases', token, {
      data: {
        name: 'due during downtime',
        scheduledAt: '2099-01-01T09:00:00+01:00',
        entries: [{ uid: CITY, documentId, locale: 'de' }],
      },
    });
    const { id } = created.body.data as Release;
    await Promise.all([stop(first), stop(second)]);

    // While nothing runs, its time passes (moved into the past, rather than waited for).
    const client = new Client({ ...postgresServer, database });
    await client.connect();
    await client.query(
      `UPDATE release_sets SET scheduled_at = now() - interval '10 minutes' WHERE id = $1`,
      [id]
    );
    await client.end();

    first = await start();
    await until(
      'the release that fell due during the downtime is done',
      async () =>
        (
          (await call((first as Instance).url, 'GET', `/api/releases/${id}`, token)).body
            .data as Release
        ).status === 'done',
      { timeoutMs: 10_000, everyMs: 100 }
    );
    const read = await fetch(
      `${(first as Instance).url}/api/cities?locale=de&filters[documentId][$eq]=${documentId}`
    );
    expect(((await read.json()) as { data: unknown[] }).data).toHaveLength(1);
  });
});
