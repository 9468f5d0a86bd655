/**
 * Bytes per history entry in an SQLite file: the table and its index pages (dbstat) over the
 * entries, and the JSON the entries hold (values, changed fields) alone.
 */
import Database from 'better-sqlite3';
import { apiToken, onFreshDatabases, startApp } from '../lib/app';
import { cpuMs } from '../lib/load';
import { ROUNDS } from '../lib/options';
import { loadAverage } from '../lib/report';
import { editorialWrite } from './editorial';
function historyStorage(databaseFile: string): {
  entries: number;
  bytesPerEntry: number | null;
  jsonBytesPerEntry: number;
} {
  const database = new Database(databaseFile, { readonly: true });
  try {
    const { entries, json } = database
      .prepare(
        'SELECT count(*) AS entries, coalesce(sum(length("values") + length(changed_fields)), 0) AS json FROM history_entries'
      )
      .get() as { entries: number; json: number };
    let pages: number | null = null;
    try {
      pages = (
        database
          .prepare(
            "SELECT sum(pgsize) AS bytes FROM dbstat WHERE name IN ('history_entries', 'history_entries_version_lookup')"
          )
          .get() as { bytes: number }
      ).bytes;
    } catch {
      // SQLite built without the dbstat table: the JSON figure alone.
    }
    return {
      entries,
      bytesPerEntry: pages !== null && entries > 0 ? Math.round(pages / entries) : null,
      jsonBytesPerEntry: entries > 0 ? Math.round(json / entries) : 0,
    };
  } finally {
    database.close();
  }
}

/**
 * `--only history`: the server CPU time of the editorial load's city updates with the version
 * history recorded and with HISTORY_ENABLED=false, in alternating rounds on two instances of one
 * seeded database; then the storage one entry takes.
 */
export async function historyMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile, stockDatabaseFile: copyFile }) => {
    const writes = Number(process.env.BENCH_HISTORY_WRITES ?? 100);
    console.log('Starting an instance with history on an empty database (seeds it)…');
    const on = await startApp('history on', databaseFile, {});
    const seeded = historyStorage(databaseFile);
    const source = new Database(databaseFile);
    source.exec(`VACUUM INTO '${copyFile.replace(/'/g, "''")}'`);
    source.close();
    console.log('Starting an instance with HISTORY_ENABLED=false on a copy…');
    const off = await startApp('history off', copyFile, {
      DATABASE_FILENAME: copyFile,
      HISTORY_ENABLED: 'false',
    });
    const cities = (await (
      await fetch(
        `${on.url}/api/cities?locale=en&fields[0]=key&sort=key:asc&pagination[pageSize]=10`
      )
    ).json()) as { data: Array<{ documentId: string }> };
    const fields = (await (
      await fetch(`${on.url}/api/creative-fields?locale=de&fields[0]=key&sort=key:asc`)
    ).json()) as { data: Array<{ documentId: string }> };
    const cityIds = cities.data.map((city) => city.documentId);
    const fieldIds = fields.data.slice(0, 2).map((field) => field.documentId);
    const sides = [
      { name: 'on', app: on, token: await apiToken(on.url, 'full-access'), cpu: 0, n: 0 },
      { name: 'off', app: off, token: await apiToken(off.url, 'full-access'), cpu: 0, n: 0 },
    ];
    const run = async (side: (typeof sides)[number], count: number) => {
      const before = cpuMs(side.app.child.pid);
      for (let i = 0; i < count; i++)
        await editorialWrite(side.app.url, side.token, cityIds, fieldIds, side.n++);
      const after = cpuMs(side.app.child.pid);
      if (before === null || after === null) throw new Error('no CPU time from /proc');
      return after - before;
    };
    for (const side of sides) await run(side, 20); // warm-up
    const perRound: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so a busier minute of the machine hits both.
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      const figures: string[] = [];
      for (const side of order) {
        const ms = await run(side, writes);
        side.cpu += ms;
        figures.push(`${side.name} ${(ms / writes).toFixed(2)}`);
      }
      perRound.push(figures.join(', '));
    }
    const [withHistory, without] = sides.map((side) => side.cpu / (writes * ROUNDS));
    const storage = historyStorage(databaseFile);
    console.log(
      `\nCity updates (editorial load), server CPU ms per update, ${ROUNDS} rounds of ${writes}:`
    );
    console.log(`  per round: ${perRound.join(' | ')}`);
    console.log(
      `  history on ${withHistory.toFixed(2)} ms, off ${without.toFixed(2)} ms: ` +
        `+${(((withHistory - without) / without) * 100).toFixed(1)} %`
    );
    console.log(
      `History storage (SQLite): ${storage.entries} entries (${seeded.entries} from the seed), ` +
        `${storage.bytesPerEntry ?? '?'} bytes per entry with its index, ` +
        `${storage.jsonBytesPerEntry} of them JSON (values, changed fields)`
    );
    console.log(`Load average (1, 5, 15 min): ${(await loadAverage()).join(', ')}`);
  });
}
