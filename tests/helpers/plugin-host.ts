/**
 * Starts the second app (tests/plugin-host: plain JavaScript, articles and authors, locales fr and
 * it) as a child process on a free loopback port with its own SQLite file, and signs in to it the
 * way an operator would: the first administrator over the admin API, then a full-access API token.
 *
 * The host is tests/plugin-host itself (its plugins are this repo's workspace packages, found in
 * the root node_modules), or, with PLUGIN_HOST_DIR, a copy of it that installed the plugins'
 * packed tarballs into its own node_modules (`npm run test:packages`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/lib/free-port';
import { freshSecrets } from '../../src/lib/security/secrets';

const REPO_HOST_DIR = path.resolve(__dirname, '..', 'plugin-host');
const STRAPI_BIN = path.join('node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

/** The host's folder, and the Strapi it runs (its own when it has one, else the repo's). */
export function hostLocation(): { dir: string; strapiBin: string } {
  const dir = process.env.PLUGIN_HOST_DIR || REPO_HOST_DIR;
  const own = path.join(dir, STRAPI_BIN);
  return {
    dir,
    strapiBin: existsSync(own) ? own : path.resolve(__dirname, '..', '..', STRAPI_BIN),
  };
}

export interface PluginHost {
  url: string;
  /** Header of a full-access API token. */
  token: Record<string, string>;
  /** Header of the administrator's session (admin routes). */
  admin: Record<string, string>;
  /** The host's directory, environment and SQLite file (for its command line, or a look inside). */
  dir: string;
  env: NodeJS.ProcessEnv;
  databaseFile: string;
  /** Stops the host and starts it again on the same database; resolves to the new start's log. */
  restart(): Promise<string>;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, log: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`plugin host exited with ${child.exitCode}:\n${log.join('')}`);
    }
    try {
      if ((await fetch(`${url}/_health`)).status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`plugin host did not answer /_health within 90 s:\n${log.join('')}`);
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: Record<string, unknown>; error?: unknown };
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json.data ?? {};
}

export async function startPluginHost(): Promise<PluginHost> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plugin-host-'));
  // A clean environment: nothing of the main app's test settings (database, cache bus) leaks in.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_FILENAME: path.join(dataDir, 'data.db'),
    STRAPI_PLUGIN_I18N_INIT_LOCALE_CODE: 'fr',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    STRAPI_LOG_LEVEL: 'warn',
    ...freshSecrets(),
  };
  const { dir, strapiBin } = hostLocation();
  let log: string[] = [];
  const launch = (): ChildProcess => {
    log = [];
    const started = spawn(process.execPath, [strapiBin, 'start'], { cwd: dir, env });
    started.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    return started;
  };
  let child = launch();
  const halt = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  const stop = async (): Promise<void> => {
    await halt();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const restart = async (): Promise<string> => {
    await halt();
    child = launch();
    await waitForHealth(url, child, log);
    return log.join('');
  };
  try {
    await waitForHealth(url, child, log);
    const session = await postJson(`${url}/admin/register-admin`, {
      firstname: 'Host',
      lastname: 'Admin',
      email: 'host-admin@example.org',
      password: 'Host-Admin-2026',
    });
    const admin = { Authorization: `Bearer ${String(session.token)}` };
    const apiToken = await postJson(
      `${url}/admin/api-tokens`,
      { name: 'plugin host tests', type: 'full-access', lifespan: null },
      admin
    );
    return {
      url,
      token: { Authorization: `Bearer ${String(apiToken.accessKey)}` },
      admin,
      dir,
      env,
      databaseFile: env.DATABASE_FILENAME as string,
      restart,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
