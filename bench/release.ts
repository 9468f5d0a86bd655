/**
 * The release scenario (`npm run bench -- --only release`): an announcement day. 58 seeded cities
 * get a new draft in de and en, and the 116 versions are published together as one release
 * (one request, one transaction; the plugin's target: under 5 s on SQLite), then the same 116
 * versions once more one by one through the REST API, as an editor without releases would. Prints
 * the times, the ratio and the release's own start-to-finish time.
 */

const CITIES = 58;
const LOCALES = ['de', 'en'];

interface ReleaseView {
  id: number;
  status: string;
  startedAt: string;
  finishedAt: string;
  entries: unknown[];
}

export interface ReleaseTimings {
  entries: number;
  /** The publish request of the release, end to end. */
  releaseMs: number;
  /** startedAt → finishedAt as the release records it (the transaction and its bookkeeping). */
  releaseRunMs: number;
  /** The same versions published one PUT at a time. */
  oneByOneMs: number;
}

async function call(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: unknown; error?: unknown };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.error)}`);
  return json.data;
}

/** Runs the scenario against an instance seeded with the member cities. */
export async function releaseTimings(base: string, token: string): Promise<ReleaseTimings> {
  const cities = (await call(
    base,
    token,
    'GET',
    `/api/cities?locale=de&sort=key:asc&pagination[pageSize]=${CITIES}&fields[0]=website`
  )) as Array<{ documentId: string; website: string | null }>;
  if (cities.length < CITIES) throw new Error(`only ${cities.length} cities to release`);

  // A new draft in both locales (the website is shared, so one write changes both).
  for (const city of cities) {
    await call(base, token, 'PUT', `/api/cities/${city.documentId}?locale=de&status=draft`, {
      data: { website: `https://example.org/announcement/${city.documentId}` },
    });
  }
  const entries = cities.flatMap((city) =>
    LOCALES.map((locale) => ({ uid: 'api::city.city', documentId: city.documentId, locale }))
  );
  const created = (await call(base, token, 'POST', '/api/releases', {
    data: { name: `Announcement of ${CITIES} cities`, entries },
  })) as ReleaseView;

  const started = performance.now();
  const done = (await call(
    base,
    token,
    'POST',
    `/api/releases/${created.id}/publish`
  )) as ReleaseView;
  const releaseMs = performance.now() - started;
  if (done.status !== 'done') throw new Error(`the release ended ${done.status}`);

  // The same 116 versions once more, one request each (PUT publishes in Strapi 5's REST API).
  const oneByOneStarted = performance.now();
  for (const city of cities) {
    for (const locale of LOCALES) {
      await call(base, token, 'PUT', `/api/cities/${city.documentId}?locale=${locale}`, {
        data: {},
      });
    }
  }
  const oneByOneMs = performance.now() - oneByOneStarted;

  return {
    entries: entries.length,
    releaseMs,
    releaseRunMs: Date.parse(done.finishedAt) - Date.parse(done.startedAt),
    oneByOneMs,
  };
}

/** One line per figure, for the console and the dated bench notes. */
export function releaseLines(timings: ReleaseTimings): string[] {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `Release of ${timings.entries} entries (${CITIES} cities × ${LOCALES.length} locales), one transaction: ` +
      `${seconds(timings.releaseMs)} for the request, ${seconds(timings.releaseRunMs)} start to finish ` +
      `(target under 5 s: ${timings.releaseMs < 5000 ? 'met' : 'NOT met'})`,
    `The same ${timings.entries} versions one PUT at a time: ${seconds(timings.oneByOneMs)} ` +
      `(release / one by one: ${(timings.releaseMs / timings.oneByOneMs).toFixed(2)})`,
  ];
}
