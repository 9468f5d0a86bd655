import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adminTranslations, GERMAN_TYPE_NAMES } from '../../src/lib/admin/admin-translations';
import { CONTENT_TYPE_UIDS } from '../../src/lib/content-model';

function schemaOf(uid: string): { info: { displayName: string }; attributes: object } {
  const name = uid.split('.').pop() as string;
  const file = path.resolve(__dirname, '../../src/api', name, 'content-types', name, 'schema.json');
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('admin translations', () => {
  it('name every content type in German under its displayName', () => {
    const de = adminTranslations('de');
    expect(CONTENT_TYPE_UIDS.map((uid) => [uid, de[schemaOf(uid).info.displayName]])).toEqual([
      ['api::city.city', 'Städte'],
      ['api::country.country', 'Länder'],
      ['api::creative-field.creative-field', 'Kreativfelder'],
      ['api::glossary-term.glossary-term', 'Glossar'],
      ['api::network-goal.network-goal', 'Netzwerkziele'],
      ['api::network.network', 'Netzwerkseite'],
    ]);
  });

  it('leave the English names to the displayName', () => {
    const en = adminTranslations('en');
    for (const displayName of Object.keys(GERMAN_TYPE_NAMES)) {
      expect(en[displayName]).toBeUndefined();
    }
  });

  it('label every field in one language, under the key the content manager looks up', () => {
    const de = adminTranslations('de');
    const en = adminTranslations('en');
    const key = 'content-manager.content-types.api::city.city.memberSince';
    expect([de[key], en[key]]).toEqual(['Mitglied seit', 'Member since']);
    expect(de['content-manager.content-types.api::city.city.country']).toBe('Land');
    expect(en['content-manager.content-types.api::network-goal.network-goal.title']).toBe('Title');
    for (const label of [...Object.values(de), ...Object.values(en)]) {
      expect(label).not.toContain(' · ');
    }
  });

  it('label every attribute of the city in both languages', () => {
    const de = adminTranslations('de');
    const en = adminTranslations('en');
    for (const field of Object.keys(schemaOf('api::city.city').attributes)) {
      const key = `content-manager.content-types.api::city.city.${field}`;
      expect([field, typeof de[key], typeof en[key]]).toEqual([field, 'string', 'string']);
    }
  });
});

/** Strapi's own translation files of the packages whose screens editors use, by key prefix. */
const STRAPI_TRANSLATIONS: Array<[string, string]> = [
  ['@strapi/admin/dist/admin/admin/src/translations', ''],
  ['@strapi/content-manager/dist/admin/translations', 'content-manager.'],
  ['@strapi/i18n/dist/admin/translations', 'i18n.'],
  ['@strapi/plugin-users-permissions/dist/admin/translations', 'users-permissions.'],
];

function strapiMessages(folder: string, language: 'de' | 'en'): Record<string, string> {
  // The CommonJS build of each JSON file (`module.exports = { … }` as a default export).
  // By file path: the packages' `exports` do not offer their translation files.
  const file = path.resolve(__dirname, '../../node_modules', folder, `${language}.json.js`);
  const loaded = require(file) as { default?: Record<string, string> };
  return loaded.default ?? (loaded as Record<string, string>);
}

describe('the German admin panel', () => {
  it('has a German text for every text of Strapi’s English admin, content manager, i18n and users-permissions', () => {
    const ours = adminTranslations('de');
    const missing: string[] = [];
    for (const [folder, prefix] of STRAPI_TRANSLATIONS) {
      const german = strapiMessages(folder, 'de');
      for (const key of Object.keys(strapiMessages(folder, 'en'))) {
        if (!(key in german) && !(`${prefix}${key}` in ours)) missing.push(`${prefix}${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names the users-permissions User type and its fields in German', () => {
    const de = adminTranslations('de');
    expect(de.User).toBe('Benutzer');
    expect(de['content-manager.content-types.plugin::users-permissions.user.blocked']).toBe(
      'Gesperrt'
    );
    expect(adminTranslations('en').User).toBeUndefined();
  });

  it('translates Strapi’s Media Library announcement', () => {
    expect(adminTranslations('de')['app.components.MediaLibraryBanner.intro']).toBe(
      'Die neue Medienbibliothek '
    );
  });
});
