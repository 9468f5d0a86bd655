import type { StrapiApp } from '@strapi/strapi/admin';
import { HistoryPanel } from './components/HistoryPanel';
import { getTranslation, PLUGIN_ID } from './pluginId';

type Messages = Record<string, string>;

/** The content manager's plugin APIs, as far as this plugin uses them. */
interface ContentManagerApis {
  addEditViewSidePanel?: (panels: Array<typeof HistoryPanel>) => void;
}

/** Prefixes the keys of a translation file with the plugin id (`panel.title` → `history.panel.title`). */
function prefixed(messages: Messages): Messages {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [getTranslation(key), value])
  );
}

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'History' });
  },

  bootstrap(app: StrapiApp) {
    // Edit-view side panel: the versions of the locale being edited, diff and restore.
    const apis = app.getPlugin('content-manager')?.apis as ContentManagerApis | undefined;
    apis?.addEditViewSidePanel?.([HistoryPanel]);
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
