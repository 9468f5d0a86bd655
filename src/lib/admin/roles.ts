/**
 * Admin roles of the editorial team, declared as data. The bootstrap step applies them with
 * Strapi's role service, which diffs against what is stored, so a restart changes nothing and a
 * permission clicked away in the admin panel comes back at the next start.
 */

const CM = 'plugin::content-manager.explorer';
export const CM_ACTIONS = {
  create: `${CM}.create`,
  read: `${CM}.read`,
  update: `${CM}.update`,
  delete: `${CM}.delete`,
  publish: `${CM}.publish`,
} as const;

/** The content types the editorial roles work on, with the permission fields Strapi offers. */
export interface ManagedContentType {
  uid: string;
  /** Every permission field (components nested: `links.label`). */
  fields: string[];
  /** The fields that are the same in every locale (top-level attribute names). */
  sharedFields: string[];
}

export interface RolePermission {
  action: string;
  /** A content type uid; null for a plugin action (review states). */
  subject: string | null;
  properties: { fields?: string[]; locales?: string[] };
  conditions: string[];
}

/**
 * Review-state actions of the translations plugin (src/plugins/translations/README.md): set
 * states up to "translated", or review (every state).
 */
export const REVIEW_ACTIONS = {
  translate: 'plugin::translations.review.translate',
  approve: 'plugin::translations.review.approve',
} as const;

/** The releases plugin (src/plugins/releases/README.md): see releases, and change and run them. */
export const RELEASE_ACTIONS = {
  read: 'plugin::releases.read',
  manage: 'plugin::releases.manage',
} as const;

const pluginPermission = (action: string): RolePermission => ({
  action,
  subject: null,
  properties: {},
  conditions: [],
});

export interface RoleDefinition {
  /** Stable code: the role is found by it even after an admin renamed it. */
  code: string;
  name: string;
  description: string;
  permissions: RolePermission[];
}

export const EDITOR_ROLE_CODE = 'ccn-redaktion';
export const translatorRoleCode = (locale: string): string => `ccn-uebersetzung-${locale}`;

const isShared = (field: string, sharedFields: readonly string[]): boolean =>
  sharedFields.includes(field.split('.')[0]);

/**
 * `Redaktion`: create, read, update, delete and publish everything in every locale, review
 * translations (every review state), and prepare, schedule and publish releases.
 * `Übersetzung (<code>)` per non-default locale: read every locale (to translate from the source),
 * but create, update and delete only in its own locale, and move its review states up to
 * "translated"; it does not publish (the Redaktion reviews and publishes). Translators may not touch shared
 * fields: Strapi copies them to every locale, so editing them from `en` would change `de` too.
 */
export function buildEditorialRoles(
  contentTypes: readonly ManagedContentType[],
  locales: readonly string[],
  defaultLocale: string
): RoleDefinition[] {
  const permission = (
    action: string,
    type: ManagedContentType,
    localeCodes: readonly string[],
    fields: string[]
  ): RolePermission => ({
    action,
    subject: type.uid,
    // publish and delete are whole-entry actions: Strapi stores them without fields.
    properties:
      action === CM_ACTIONS.publish || action === CM_ACTIONS.delete
        ? { locales: [...localeCodes] }
        : { fields, locales: [...localeCodes] },
    conditions: [],
  });

  const editor: RoleDefinition = {
    code: EDITOR_ROLE_CODE,
    name: 'Redaktion',
    description:
      'Redaktion: erstellt, bearbeitet und veröffentlicht alle Inhalte in allen Sprachen. / ' +
      'Editorial team: creates, edits and publishes all content in all locales.',
    permissions: [
      ...contentTypes.flatMap((type) =>
        Object.values(CM_ACTIONS).map((action) => permission(action, type, locales, type.fields))
      ),
      pluginPermission(REVIEW_ACTIONS.translate),
      pluginPermission(REVIEW_ACTIONS.approve),
      pluginPermission(RELEASE_ACTIONS.read),
      pluginPermission(RELEASE_ACTIONS.manage),
    ],
  };

  const translators = locales
    .filter((locale) => locale !== defaultLocale)
    .map((locale): RoleDefinition => ({
      code: translatorRoleCode(locale),
      name: `Übersetzung (${locale})`,
      description:
        `Übersetzung: liest alle Sprachen, bearbeitet nur „${locale}“ und meldet sie als übersetzt; ` +
        `veröffentlicht wird nach Prüfung durch die Redaktion. / ` +
        `Translation: reads every locale, edits only "${locale}" and marks it translated; ` +
        `the editorial team reviews and publishes.`,
      permissions: [
        ...contentTypes.flatMap((type) => {
          const translated = type.fields.filter((field) => !isShared(field, type.sharedFields));
          return [
            permission(CM_ACTIONS.read, type, locales, type.fields),
            permission(CM_ACTIONS.create, type, [locale], translated),
            permission(CM_ACTIONS.update, type, [locale], translated),
            permission(CM_ACTIONS.delete, type, [locale], []),
          ];
        }),
        pluginPermission(REVIEW_ACTIONS.translate),
      ],
    }));

  return [editor, ...translators];
}
