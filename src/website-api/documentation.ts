/**
 * Configuration of @strapi/plugin-documentation (config/plugins.ts): the title of the OpenAPI
 * document and the hook that describes this app's `locale` / `fallbackLocale` rules in it.
 */
import { describeLocaleParams, type OpenApiDocument } from '../lib/openapi/locale-params';

export const documentationConfig = {
  info: {
    version: '1.0.0',
    title: 'Creative Cities CMS',
    description:
      'Content API of the UNESCO Creative Cities Network (de, en). Read access is public; see the README section "Using the API from a website".',
  },
  'x-strapi-config': {
    // Runs on the generated document before it is written (the plugin's documented escape hatch).
    mutateDocumentation: (draft: OpenApiDocument) => {
      describeLocaleParams(draft);
    },
  },
};
