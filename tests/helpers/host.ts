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
