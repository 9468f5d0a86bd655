/**
 * Global setup of the `host` jest project (the plugins' own API tests, src/plugins/<name>/tests/host):
 * starts the plugin host once per run (tests/helpers/plugin-host.ts) and hands its URL and
 * credentials to the test files through the environment (jest runs in band: one process).
 */
import { startPluginHost, type PluginHost } from './plugin-host';

export const hostGlobals = globalThis as typeof globalThis & { __PLUGIN_HOST__?: PluginHost };

export default async function hostSetup(): Promise<void> {
  const host = await startPluginHost();
  hostGlobals.__PLUGIN_HOST__ = host;
  process.env.PLUGIN_HOST_URL = host.url;
  process.env.PLUGIN_HOST_TOKEN = JSON.stringify(host.token);
  process.env.PLUGIN_HOST_ADMIN = JSON.stringify(host.admin);
}
