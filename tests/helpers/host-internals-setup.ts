/**
 * Global setup of the `host-internals` jest project (the plugins' contract tests of Strapi
 * internals, src/plugins/<name>/tests/host/*.contract.test.ts): boots the plugin host in this
 * process once per run (tests/helpers/plugin-host-in-process.ts); the test environment
 * (host-internals-environment.js) hands the instance to each test file.
 */
import { bootPluginHostInProcess, type InProcessHost } from './plugin-host-in-process';

export const hostInternalsGlobals = globalThis as typeof globalThis & {
  __PLUGIN_HOST_IN_PROCESS__?: InProcessHost;
};

export default async function hostInternalsSetup(): Promise<void> {
  const host = await bootPluginHostInProcess();
  hostInternalsGlobals.__PLUGIN_HOST_IN_PROCESS__ = host;
  console.log(`\nplugin host (in process) up at ${host.url} from ${host.dir}`);
}
