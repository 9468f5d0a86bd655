/** The translators' full XLIFF export timed (the full run and `--only xliff`). */
import { apiToken, onFreshDatabases, startApp } from '../lib/app';
import { loadAverage } from '../lib/report';

/** The collections whose German rich text the XLIFF timing edits first (all entries with one). */
const OUTDATED_COLLECTIONS = ['cities', 'creative-fields', 'network-goals'];

interface TextBlock {
  type: string;
  children?: Array<{ type: string; text?: string }>;
}

/**
 * A translator's export is worth timing when the source has moved: appends a sentence to the
 * first paragraph of every German `description` of `collections` through the REST API (published
 * at once), so those English blocks are outdated and the export looks them up in the translation
 * memory (the old German text is a fuzzy match of the new one). Returns how many it edited.
 */
async function outdateGermanSources(
  base: string,
  token: string,
  collections: string[]
): Promise<number> {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  let edited = 0;
  for (const collection of collections) {
    for (let page = 1; ; page++) {
      const list = await fetch(
        `${base}/api/${collection}?locale=de&sort=documentId&pagination[pageSize]=100&pagination[page]=${page}`,
        { headers }
      );
      if (!list.ok) throw new Error(`${collection} (de): ${list.status}`);
      const { data, meta } = (await list.json()) as {
        data: Array<{ documentId: string; description?: TextBlock[] | null }>;
        meta: { pagination: { pageCount: number } };
      };
      for (const entry of data) {
        const description = structuredClone(entry.description ?? []);
        const text = description[0]?.children?.find((child) => typeof child.text === 'string');
        if (!text) continue;
        text.text = `${text.text} Seit Langem im Netzwerk aktiv.`;
        const response = await fetch(`${base}/api/${collection}/${entry.documentId}?locale=de`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ data: { description } }),
        });
        if (!response.ok)
          throw new Error(`PUT ${collection} (de): ${response.status} ${await response.text()}`);
        edited += 1;
      }
      if (page >= meta.pagination.pageCount) break;
    }
  }
  return edited;
}

export interface XliffExportTiming {
  format: string;
  units: number;
  ms: number;
  bytes: number;
  /** Fuzzy and exact matches from the translation memory attached to the units. */
  memoryMatches: number;
  /** German descriptions edited before the export (their English blocks are outdated). */
  outdatedSources: number;
}

/**
 * The translators' export of the full content into the second locale with the translation memory
 * (issue 14: under 10 s): wall time of `GET /api/translations/export?target=en` in both XLIFF
 * versions, with a full-access token, on the instance the editorial load has written to (so some
 * German sources are newer than their translations and the memory is searched for them).
 */
export async function xliffExportTimings(base: string): Promise<XliffExportTiming[]> {
  const token = await apiToken(base, 'full-access', 'bench translations');
  const edited = await outdateGermanSources(base, token, OUTDATED_COLLECTIONS);
  if (edited === 0) throw new Error('XLIFF timing: no German description to edit');
  const timings: XliffExportTiming[] = [];
  for (const format of ['xliff2', 'xliff12']) {
    const started = performance.now();
    const response = await fetch(`${base}/api/translations/export?target=en&format=${format}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = await response.text();
    const ms = Math.round(performance.now() - started);
    if (response.status !== 200)
      throw new Error(`XLIFF export (${format}): ${response.status} ${body.slice(0, 200)}`);
    timings.push({
      format,
      // The count is a trailer of the streamed answer, which fetch does not expose: counted here.
      units: (body.match(/<unit |<trans-unit /g) ?? []).length,
      ms,
      bytes: Buffer.byteLength(body),
      memoryMatches: (body.match(/<mtc:match[ >]|<alt-trans[ >]/g) ?? []).length,
      outdatedSources: edited,
    });
  }
  return timings;
}

/** One line of the XLIFF export timings, with the ceiling of 10 s. */
export function xliffExportLine(timings: XliffExportTiming[]): string {
  const parts = timings.map(
    (timing) =>
      `${timing.format} ${timing.units} units, ${(timing.bytes / 1024 / 1024).toFixed(1)} MB, ${timing.memoryMatches} memory matches in ${timing.ms} ms`
  );
  const slowest = Math.max(...timings.map((timing) => timing.ms));
  return `XLIFF export of the full content (en, with the translation memory, ${timings[0]?.outdatedSources ?? 0} German descriptions edited first): ${parts.join('; ')} (${slowest < 10_000 ? 'under' : 'OVER'} the 10 s ceiling)`;
}

/**
 * `--only xliff`: a fresh seeded instance, then the full XLIFF export in both versions, as in the
 * full run but without the editorial writes before it (so the memory is searched only for what
 * the seed left untranslated). Prints, writes nothing under bench/.
 */
export async function xliffMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile }) => {
    console.log('Starting an instance on an empty database (seeds it)…');
    const app = await startApp('xliff', databaseFile, {});
    console.log(xliffExportLine(await xliffExportTimings(app.url)));
    console.log(`Load average (1, 5, 15 min): ${(await loadAverage()).join(', ')}`);
  });
}
