/**
 * Contract of server/src/lib/count-memo.ts with Strapi, on the plugin host booted in the jest
 * process: the Document Service's `count` sends the database the same SQL whatever the page,
 * sort, populate and field list of its parameters (the memo keys a count without them, so one
 * count serves every page and sort of a list). A failure names what changed.
 */
import { hostStrapi } from '../../../../../tests/helpers/host';
import { addArticles, ARTICLE, hostDocuments } from '../../../../../tests/helpers/host-fixture';

let removeAdded: () => Promise<void>;
beforeAll(async () => {
  removeAdded = await addArticles(hostStrapi(), ['Zählung A', 'Zählung B', 'Zählung C']);
});
afterAll(() => removeAdded());

interface QueryEvent {
  sql: string;
  bindings?: unknown[];
}

/** The SQL the database was sent while `work` ran, with its bindings. */
async function sqlDuring(
  work: () => Promise<unknown>
): Promise<{ sql: string[]; result: unknown }> {
  const knex = hostStrapi().db.connection as unknown as {
    on(event: 'query', listener: (query: QueryEvent) => void): void;
    off(event: 'query', listener: (query: QueryEvent) => void): void;
  };
  const sql: string[] = [];
  const listener = (query: QueryEvent): void => {
    sql.push(`${query.sql} ${JSON.stringify(query.bindings ?? [])}`);
  };
  knex.on('query', listener);
  try {
    return { sql, result: await work() };
  } finally {
    knex.off('query', listener);
  }
}

describe('count memo (server/src/lib/count-memo.ts)', () => {
  it('count reads only the filters, search, status and locale of its parameters', async () => {
    const articles = hostDocuments(hostStrapi(), ARTICLE) as unknown as {
      count(params: Record<string, unknown>): Promise<number>;
    };
    const filters = { title: { $startsWith: 'Zählung' } };
    // Inside a transaction, where the memo (installed on the host) never answers.
    const counted = (params: Record<string, unknown>) =>
      sqlDuring(() => hostStrapi().db.transaction(() => articles.count(params)));
    const plain = await counted({ locale: 'fr', filters });
    const extras = await counted({
      locale: 'fr',
      filters,
      sort: 'title:desc',
      page: 2,
      pageSize: 1,
      populate: ['author'],
      fields: ['title'],
    });
    const offset = await counted({ locale: 'fr', filters, start: 1, limit: 1 });
    const counts = (run: { sql: string[] }) => run.sql.filter((sql) => /count\(/i.test(sql));
    try {
      expect(plain.result).toBe(3);
      expect(extras.result).toBe(3);
      expect(counts(plain)).toHaveLength(1);
      // The same statement with and without page, sort, populate and fields.
      expect(counts(extras)).toEqual(counts(plain));
      expect(counts(offset)).toEqual(counts(plain));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Strapi changed the Document Service's count: ${reason}`);
    }
  });
});
