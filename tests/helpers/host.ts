import type { Core } from '@strapi/strapi';

/**
 * What a plugin's host test needs of the plugin host its jest project started
 * (tests/helpers/host-setup.ts): the URL, and the headers of a full-access API token and of an
 * administrator's session.
 */
export interface HostClient {
  url: string;
  token: Record<string, string>;
  admin: Record<string, string>;
}

export function pluginHost(): HostClient {
  const url = process.env.PLUGIN_HOST_URL;
  if (!url) throw new Error('No plugin host: run these tests with `--selectProjects host`.');
  return {
    url,
    token: JSON.parse(process.env.PLUGIN_HOST_TOKEN ?? '{}') as Record<string, string>,
    admin: JSON.parse(process.env.PLUGIN_HOST_ADMIN ?? '{}') as Record<string, string>,
  };
}

interface InProcessHostGlobals {
  __PLUGIN_HOST_IN_PROCESS__?: { strapi: Core.Strapi; url: string; dir: string };
}

function inProcessHost(): { strapi: Core.Strapi; url: string; dir: string } {
  const host = (globalThis as typeof globalThis & InProcessHostGlobals).__PLUGIN_HOST_IN_PROCESS__;
  if (!host) {
    throw new Error(
      'No plugin host in this process: run contract tests with `--selectProjects host-internals`.'
    );
  }
  return host;
}

/**
 * The plugin host's Strapi instance, booted in the jest process (project `host-internals`), for
 * the contract tests of Strapi internals: they call services a client cannot reach.
 */
export function hostStrapi(): Core.Strapi {
  return inProcessHost().strapi;
}

/** The URL of the plugin host booted in the jest process. */
export function hostStrapiUrl(): string {
  return inProcessHost().url;
}

/** The folder of the plugin host booted in the jest process (its schema files). */
export function hostStrapiDir(): string {
  return inProcessHost().dir;
}
