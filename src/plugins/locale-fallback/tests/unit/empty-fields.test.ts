import {
  emptyFieldsOf,
  fillableFields,
  fillFrom,
  isEmptyValue,
  selectedFillable,
} from '../../server/src/lib/empty-fields';

const localized = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  pluginOptions: { i18n: { localized: true } },
  ...extra,
});

describe('fillableFields', () => {
  it('keeps translated scalar fields only', () => {
    const fillable = fillableFields({
      name: localized('string'),
      description: localized('blocks'),
      memberSince: localized('integer'),
      key: { type: 'string', pluginOptions: { i18n: { localized: false } } },
      unmarked: { type: 'string' },
      slug: localized('uid'),
      country: localized('relation'),
      links: localized('component'),
      body: localized('dynamiczone'),
      image: localized('media'),
      secret: localized('string', { private: true }),
    });
    expect([...fillable]).toEqual([
      ['name', 'string'],
      ['description', 'blocks'],
      ['memberSince', 'integer'],
    ]);
  });
});

describe('selectedFillable', () => {
  const fillable = new Map([
    ['name', 'string'],
    ['description', 'blocks'],
  ]);

  it('is every fillable field without a selection or with *', () => {
    expect([...selectedFillable(fillable, undefined).keys()]).toEqual(['name', 'description']);
    expect([...selectedFillable(fillable, '*').keys()]).toEqual(['name', 'description']);
    expect([...selectedFillable(fillable, []).keys()]).toEqual(['name', 'description']);
  });

  it('is the selected ones otherwise, in list or comma form', () => {
    expect([...selectedFillable(fillable, ['description', 'locale']).keys()]).toEqual([
      'description',
    ]);
    expect([...selectedFillable(fillable, 'name, slug').keys()]).toEqual(['name']);
  });
});

describe('isEmptyValue', () => {
  it('null and absent are empty for every type', () => {
    for (const type of ['string', 'blocks', 'integer', 'boolean', 'json']) {
      expect(isEmptyValue(type, null)).toBe(true);
      expect(isEmptyValue(type, undefined)).toBe(true);
    }
  });

  it('blank text is empty, any other text is not', () => {
    expect(isEmptyValue('string', '')).toBe(true);
    expect(isEmptyValue('text', ' \n\t')).toBe(true);
    expect(isEmptyValue('richtext', '# Title')).toBe(false);
    expect(isEmptyValue('email', 'a@b.example')).toBe(false);
  });

  it('blocks are empty without visible text or image', () => {
    expect(isEmptyValue('blocks', [])).toBe(true);
    expect(
      isEmptyValue('blocks', [{ type: 'paragraph', children: [{ type: 'text', text: ' ' }] }])
    ).toBe(true);
    expect(
      isEmptyValue('blocks', [
        {
          type: 'list',
          children: [{ type: 'list-item', children: [{ type: 'text', text: 'x' }] }],
        },
      ])
    ).toBe(false);
    expect(
      isEmptyValue('blocks', [{ type: 'image', image: { url: '/a.png' }, children: [] }])
    ).toBe(false);
  });

  it('0, false and empty JSON are values', () => {
    expect(isEmptyValue('integer', 0)).toBe(false);
    expect(isEmptyValue('boolean', false)).toBe(false);
    expect(isEmptyValue('json', {})).toBe(false);
    expect(isEmptyValue('json', [])).toBe(false);
  });
});

describe('emptyFieldsOf and fillFrom', () => {
  const fields = new Map([
    ['name', 'string'],
    ['summary', 'text'],
    ['count', 'integer'],
  ]);

  it('fills what the version has and records where from; the rest stays for the next locale', () => {
    const entry: Record<string, unknown> = { name: 'Ville', summary: ' ', count: null };
    const empty = emptyFieldsOf(entry, fields);
    expect(empty).toEqual(['summary', 'count']);
    const left = fillFrom(entry, { summary: 'Town', count: null }, empty, fields, 'en');
    expect(left).toEqual(['count']);
    expect(fillFrom(entry, { count: 0 }, left, fields, 'de')).toEqual([]);
    expect(entry).toEqual({
      name: 'Ville',
      summary: 'Town',
      count: 0,
      fallbackFields: { summary: 'en', count: 'de' },
    });
  });

  it('leaves everything for the next locale when the document has no version there', () => {
    const entry: Record<string, unknown> = { name: '' };
    expect(fillFrom(entry, undefined, ['name'], fields, 'en')).toEqual(['name']);
    expect(entry).toEqual({ name: '' });
  });
});
