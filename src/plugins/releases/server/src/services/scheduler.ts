/**
 * Runs due releases on a timer: every `pollIntervalMs` (1 s by default) one small query asks for
 * releases whose time has come or whose claim expired. The first look is at start, so a release
 * that fell due while the app was down runs then. Ticks never overlap.
 */
import type { Core } from '@strapi/strapi';
import { describeError, type RunnerService } from './runner';
import { releasesConfig } from './releases';

const scheduler = ({ strapi }: { strapi: Core.Strapi }) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function tick(): Promise<void> {
    try {
      const runner = strapi.plugin('releases').service('runner') as RunnerService;
      // A full batch may mean more are due: look again at once rather than after an interval.
      while (!stopped && (await runner.runDue(10)) === 10);
    } catch (error) {
      // The database may be briefly unreachable: the next tick tries again.
      strapi.log.warn(`[releases] scheduler: ${describeError(error)}`);
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule(releasesConfig(strapi).pollIntervalMs);
      });
    }, delayMs);
  }

  return {
    /** Starts the timer (bootstrap); a no-op when this instance does not run scheduled releases. */
    start(): void {
      if (!stopped || !releasesConfig(strapi).runScheduled) return;
      stopped = false;
      schedule(0);
    },

    /** Stops the timer and waits for a run in progress (destroy). */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
};

export type SchedulerService = ReturnType<typeof scheduler>;
export default scheduler;
