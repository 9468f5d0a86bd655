import {
  DESCRIPTIONS,
  descriptionInLanguage,
  VIEWS,
  getPath,
  managedValues,
  mergeView,
} from '../../src/lib/admin/content-manager-views';

const attributes = {
  name: { type: 'string' },
  key: { type: 'string', pluginOptions: { i18n: { localized: false } } },
  country: { type: 'relation' },
  creativeField: { type: 'relation', pluginOptions: { translations: { shared: true } } },
};

/** Roughly what Strapi generates for a new type. */
const generated = () => ({
  settings: { mainField: 'key', defaultSortBy: 'key', defaultSortOrder: 'ASC', pageSize: 10 },
  metadatas: {
    name: { edit: { label: 'name', description: '' }, list: { label: 'name' } },
    key: { edit: { label: 'key', description: '' }, list: { label: 'key' } },
    country: {
      edit: { label: 'country', description: '', mainField: 'isoCode' },
      list: { label: 'country' },
    },
  },
  layouts: { list: ['id', 'key'], edit: [[{ name: 'name', size: 6 }]] },
});

describe('content-manager views', () => {
  const declared = managedValues(VIEWS['api::city.city'], attributes);

  it('declares the city list: name, country, creative field, member since, sorted by name', () => {
    expect(declared['layouts.list']).toEqual(['name', 'country', 'creativeField', 'memberSince']);
    expect(declared['settings.defaultSortBy']).toBe('name');
    expect(declared['settings.defaultSortOrder']).toBe('ASC');
  });

  it('describes translated, shared and relation fields in German and English', () => {
    expect(declared['metadatas.name.edit.description']).toBe(DESCRIPTIONS.translated);
    expect(declared['metadatas.key.edit.description']).toBe(DESCRIPTIONS.shared);
    expect(declared['metadatas.country.edit.description']).toBe(DESCRIPTIONS.relation);
    expect(declared['metadatas.creativeField.edit.description']).toBe(DESCRIPTIONS.sharedRelation);
    expect(DESCRIPTIONS.translated).toMatch(/Übersetzt pro Sprache.*Translated per locale/);
    expect(DESCRIPTIONS.shared).toMatch(/In allen Sprachen gleich.*Same in all locales/);
  });

  it('describes no field Strapi adds itself (locale, localizations, timestamps)', () => {
    const withSystem = managedValues(VIEWS['api::city.city'], {
      ...attributes,
      locale: { type: 'string' },
      localizations: { type: 'relation' },
      publishedAt: { type: 'datetime' },
      createdAt: { type: 'datetime' },
    });
    expect(Object.keys(withSystem).filter((path) => path.endsWith('.description'))).toEqual([
      'metadatas.name.edit.description',
      'metadatas.key.edit.description',
      'metadatas.country.edit.description',
      'metadatas.creativeField.edit.description',
    ]);
  });

  it('applies everything on the first run and leaves the rest of the view alone', () => {
    const current = generated();
    const result = mergeView(current, declared, {});
    expect(result.configuration.layouts.list).toEqual(declared['layouts.list']);
    expect(result.configuration.settings.pageSize).toBe(10);
    expect(result.configuration.layouts.edit).toEqual(current.layouts.edit);
    expect(getPath(result.configuration, 'metadatas.country.edit.mainField')).toBe('name');
    expect(current.layouts.list).toEqual(['id', 'key']);
  });

  it('changes nothing on a second run', () => {
    const first = mergeView(generated(), declared, {});
    const second = mergeView(first.configuration, declared, first.applied);
    expect(second.changed).toEqual([]);
    expect(second.configuration).toEqual(first.configuration);
  });

  it("keeps an editor's later change, also when the declaration changes", () => {
    const first = mergeView(generated(), declared, {});
    const edited = structuredClone(first.configuration);
    edited.layouts.list = ['name', 'memberSince'];
    edited.metadatas.name.edit.description = 'Offizieller Name';
    const changedDeclaration = {
      ...declared,
      'layouts.list': ['name', 'country'],
      'metadatas.name.edit.description': 'neu',
      'settings.defaultSortOrder': 'DESC',
    };
    const next = mergeView(edited, changedDeclaration, first.applied);
    expect(next.configuration.layouts.list).toEqual(['name', 'memberSince']);
    expect(next.configuration.metadatas.name.edit.description).toBe('Offizieller Name');
    expect(next.configuration.settings.defaultSortOrder).toBe('DESC');
    expect(next.changed).toEqual(['settings.defaultSortOrder']);
  });
});

describe('descriptionInLanguage', () => {
  it('shows the half of a bilingual description in the interface language', () => {
    expect(descriptionInLanguage(DESCRIPTIONS.translated, 'de')).toBe('Übersetzt pro Sprache');
    expect(descriptionInLanguage(DESCRIPTIONS.shared, 'en')).toBe('Same in all locales');
    expect(descriptionInLanguage(DESCRIPTIONS.relation, 'de')).toBe(
      'Pro Sprache verknüpft, mit der gleichen Sprache'
    );
  });

  it('leaves an editor’s own description as written', () => {
    expect(descriptionInLanguage('Nur für die Redaktion', 'en')).toBe('Nur für die Redaktion');
  });
});
