/**
 * Boots the plugin host (tests/plugin-host, or the copy with the packed tarballs named by
 * PLUGIN_HOST_DIR) inside the jest process, the way tests/helpers/global-setup.ts boots this app:
 * for the plugins' contract tests of Strapi internals, which call Strapi's services directly and
 * so need the instance, not only its HTTP port. Its own throw-away SQLite file, locales fr and it.
 *
 * The Strapi is the host's own when it has one (`require` from the host's folder), so that the
 * plugins loaded from its node_modules and the core that loads them are one installation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { freshSecrets } from '../../src/lib/security/secrets';
import { hostLocation } from './plugin-host';

export interface InProcessHost {
  strapi: Core.Strapi;
  url: string;
  dir: string;
  stop(): Promise<void>;
}

type CreateStrapi = (options: { appDir: string; distDir: string }) => Core.Strapi;

export async function bootPluginHostInProcess(): Promise<InProcessHost> {
  const { dir } = hostLocation();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plugin-host-in-process-'));
  // What tests/helpers/plugin-host.ts hands the child process; here the process is jest's own.
  Object.assign(process.env, {
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_FILENAME: path.join(dataDir, 'data.db'),
    STRAPI_PLUGIN_I18N_INIT_LOCALE_CODE: 'fr',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'warn',
    ...freshSecrets(),
  });
  const { createStrapi } = createRequire(path.join(dir, 'package.json'))('@strapi/strapi') as {
    createStrapi: CreateStrapi;
  };
  // A plain JavaScript app: its sources are what runs (Strapi's `start` does the same).
  const strapi = await createStrapi({ appDir: dir, distDir: dir }).start();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    dir,
    stop: async () => {
      await strapi.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
