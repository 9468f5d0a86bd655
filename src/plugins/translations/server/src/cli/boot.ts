/**
 * Boots the host app for a command, quietly, and stops it after: the app in the current
 * directory (where `npm run` and `npx` run), compiled with Strapi's own compiler. The host builds
 * its local plugins first (this app: `npm run build:plugins`, in the `i18n:*` scripts).
 */
import { compileStrapi, createStrapi, type Core } from '@strapi/strapi';

export async function withStrapi<T>(work: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.STRAPI_DISABLE_UPDATE_NOTIFICATION = 'true';
  process.env.STRAPI_LOG_LEVEL ??= 'error';
  const appDir = process.cwd();
  const strapi = await createStrapi(await compileStrapi({ appDir })).load();
  strapi.log.level = process.env.STRAPI_LOG_LEVEL;
  try {
    return await work(strapi);
  } finally {
    await strapi.destroy();
  }
}

/**
 * Runs a script's main: exit code 0 on success (or the `process.exitCode` it set), 1 with the
 * message on failure.
 */
export function run(main: () => Promise<void>): void {
  main().then(
    () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  );
}

/** A progress reporter: a bar on a terminal, nothing otherwise. */
export async function progress(
  label: string
): Promise<{ update: (done: number, total: number) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, stream: process.stderr },
    Presets.shades_classic
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
