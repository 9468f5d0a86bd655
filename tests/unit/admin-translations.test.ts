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
