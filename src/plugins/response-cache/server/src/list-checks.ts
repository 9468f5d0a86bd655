/**
 * Runs the list checks of entries a write marked (lib/list-reads.ts, lib/store.ts): the recorded
 * Document Service list reads again, without `populate`, compared with what they answered when
 * the entry was computed. One check per entry at a time, shared by the requests waiting for it.
 */
import type { Core, UID } from '@strapi/strapi';
import { checkParams, fingerprintOf, type ListRead } from './lib/list-reads';
import type { PendingCheck, ResponseStore } from './lib/store';

/** What the checks found since start (for benchmarks and operators). */
export interface ListCheckStats {
  kept: number;
  changed: number;
}

type ListReader = (params: Record<string, unknown>) => Promise<unknown>;

export class ListChecker {
  private readonly running = new Map<string, Promise<boolean>>();
  readonly stats: ListCheckStats = { kept: 0, changed: 0 };

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly store: ResponseStore
  ) {}

  /**
   * Undefined when the entry under `key` waits for no check; else resolves to true when it may be
   * served again, false when it was dropped.
   */
  confirm(key: string): Promise<boolean> | undefined {
    const pending = this.store.pendingCheck(key);
    if (!pending) return undefined;
    let running = this.running.get(key);
    if (!running) {
      running = this.check(key, pending).finally(() => this.running.delete(key));
      this.running.set(key, running);
    }
    return running;
  }

  private async check(key: string, pending: PendingCheck): Promise<boolean> {
    // Taken before reading: a write evicting one of the entry's tags meanwhile fails the check.
    const generation = this.store.generation;
    let unchanged = true;
    try {
      for (const read of pending.lists) {
        if (!(await this.answersTheSame(read))) {
          unchanged = false;
          break;
        }
      }
    } catch (error) {
      this.strapi.log.warn(`[response-cache] list check failed: ${(error as Error).message}`);
      unchanged = false;
    }
    const kept = this.store.settleCheck(key, pending, generation, unchanged);
    if (kept) this.stats.kept += 1;
    else this.stats.changed += 1;
    return kept;
  }

  private async answersTheSame(read: ListRead): Promise<boolean> {
    const documents = this.strapi.documents(read.uid as UID.ContentType) as unknown as Record<
      ListRead['action'],
      ListReader
    >;
    const result = await documents[read.action](checkParams(read));
    return fingerprintOf(read.action, result) === read.fingerprint;
  }
}
