import { Clock } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { AddToReleaseAction } from './components/AddToRelease';
import { getTranslation, PLUGIN_ID } from './pluginId';

type Messages = Record<string, string>;

/** The content manager's plugin APIs, as far as this plugin uses them. */
interface ContentManagerApis {
  addBulkAction?: (actions: Array<typeof AddToReleaseAction>) => void;
}

/** Prefixes the keys of a translation file with the plugin id (`list.title` → `releases.list.title`). */
function prefixed(messages: Messages): Messages {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [getTranslation(key), value])
  );
}

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Releases' });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Clock,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Releases' },
      permissions: [{ action: 'plugin::releases.read', subject: null }],
      Component: () => import('./pages/App'),
    });
  },

  bootstrap(app: StrapiApp) {
    // List view: "Add to release" for the selected documents.
    const apis = app.getPlugin('content-manager')?.apis as ContentManagerApis | undefined;
    apis?.addBulkAction?.([AddToReleaseAction]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as {
            default: Messages;
          };
          return { data: prefixed(data), locale };
        } catch {
          // No file for this admin locale: the English default messages are shown.
          return { data: {}, locale };
        }
      })
    );
  },
};
