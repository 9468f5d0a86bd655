import { Earth } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { TranslationPanel } from './components/TranslationPanel';
import { getTranslation, PLUGIN_ID } from './pluginId';

type Messages = Record<string, string>;

/** The content manager's plugin APIs, as far as this plugin uses them. */
interface ContentManagerApis {
  addEditViewSidePanel?: (panels: Array<typeof TranslationPanel>) => void;
}

/** Prefixes the keys of a translation file with the plugin id (`widget.title` → `translations.widget.title`). */
function prefixed(messages: Messages): Messages {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [getTranslation(key), value])
  );
}

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Translations' });
    // The "Languages" page: the locale lifecycle, for admins with "Manage languages".
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Earth,
      intlLabel: { id: getTranslation('locales.title'), defaultMessage: 'Languages' },
      permissions: [{ action: 'plugin::translations.locales.manage', subject: null }],
      Component: () => import('./pages/LocalesPage'),
    });
    // Home-page widget: translated / outdated / missing per localized type and target locale.
    app.widgets.register({
      id: 'translation-status',
      pluginId: PLUGIN_ID,
      icon: Earth,
      title: { id: getTranslation('widget.title'), defaultMessage: 'Translation status' },
      component: async () =>
        (await import('./components/TranslationStatusWidget')).TranslationStatusWidget,
    });
  },

  bootstrap(app: StrapiApp) {
    // Edit-view side panel: translation state, source diff and review state of a target version.
    const apis = app.getPlugin('content-manager')?.apis as ContentManagerApis | undefined;
    apis?.addEditViewSidePanel?.([TranslationPanel]);
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
