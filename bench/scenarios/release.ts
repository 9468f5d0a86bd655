/** `--only release`: the release scenario (./release.ts) on a freshly seeded instance. */
import { apiToken, onFreshDatabases, startApp } from '../lib/app';
import { loadAverage } from '../lib/report';
import { releaseLines, releaseTimings } from '../release';
export async function releaseMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile }) => {
    console.log('Starting an instance on an empty database (seeds it)…');
    const app = await startApp('release', databaseFile, { QUERY_COUNT_HEADER: 'false' });
    const token = await apiToken(app.url, 'full-access');
    for (const line of releaseLines(await releaseTimings(app.url, token))) console.log(line);
    console.log(`Load average (1, 5, 15 min): ${(await loadAverage()).join(', ')}`);
  });
}
