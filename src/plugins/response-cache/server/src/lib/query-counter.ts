/** Counts the SQL queries each request issues, for the `X-Query-Count` debug header. */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Tally {
  queries: number;
}

export class QueryCounter {
  private readonly storage = new AsyncLocalStorage<Tally>();

  /** Runs `work` with a fresh tally and returns the number of queries it issued. */
  async count(work: () => Promise<unknown>): Promise<number> {
    const tally: Tally = { queries: 0 };
    await this.storage.run(tally, work);
    return tally.queries;
  }

  /** Called for each query (knex `query` event); counts it for the request it belongs to. */
  record(): void {
    const tally = this.storage.getStore();
    if (tally) tally.queries += 1;
  }
}
