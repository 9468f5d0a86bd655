/**
 * The one non-public Strapi API of locale-fallback (server/src/internals.ts) that needs
 * @strapi/plugin-documentation, checked against this app (the plugin host does not install the
 * documentation plugin; the rest of the contract: src/plugins/locale-fallback/tests/host/
 * internals.contract.test.ts). A failure names the API that changed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getStrapi } from '../../../helpers/strapi';

/** Runs `check`, turning any failure into one that names the Strapi API. */
async function contract(api: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    throw new Error(
      `Strapi internal API ${api} changed: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

describe('Strapi internals used by the locale-fallback plugin (documentation)', () => {
  it('documentation: x-strapi-config.mutateDocumentation runs on the generated document', async () => {
    const strapi = getStrapi();
    await contract("plugin('documentation') mutateDocumentation hook", async () => {
      const documentation = strapi.plugin('documentation').service('documentation');
      const file = path.join(
        documentation.getFullDocumentationPath(),
        documentation.getDocumentationVersion(),
        'full_documentation.json'
      );
      const document = JSON.parse(await readFile(file, 'utf8')) as {
        paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
      };
      const withFallback = Object.values(document.paths).filter((item) =>
        item.get?.parameters?.some((parameter) => parameter.name === 'fallbackLocale')
      );
      expect(withFallback.length).toBeGreaterThan(0);
    });
  });
});
