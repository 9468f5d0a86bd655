import {
  differences,
  planAlignment,
  referencesIn,
  sharedRelations,
  writeOrder,
  type SchemaForSharing,
  type VersionLinks,
} from '../../server/src/lib/shared-relations';

const localized = { i18n: { localized: true } };
const schema = (
  uid: string,
  attributes: SchemaForSharing['attributes'],
  pluginOptions: SchemaForSharing['pluginOptions'] = localized
): SchemaForSharing => ({ uid, pluginOptions, attributes });

describe('sharedRelations', () => {
  const author = schema('api::author.author', {
    name: { type: 'string' },
    articles: {
      type: 'relation',
      relation: 'oneToMany',
      target: 'api::article.article',
      mappedBy: 'author',
    },
  });

  it('finds relations declared shared, with their inverse attribute', () => {
    const article = schema('api::article.article', {
      author: {
        type: 'relation',
        relation: 'manyToOne',
        target: 'api::author.author',
        inversedBy: 'articles',
        pluginOptions: { translations: { shared: true } },
      },
      editor: { type: 'relation', relation: 'manyToOne', target: 'api::author.author' },
    });
    expect(sharedRelations([article, author])).toEqual([
      {
        uid: 'api::article.article',
        attribute: 'author',
        target: 'api::author.author',
        inverse: 'articles',
      },
    ]);
  });

  it.each([
    [{ type: 'string', pluginOptions: { translations: { shared: true } } }, 'only a relation'],
    [
      {
        type: 'relation',
        target: 'api::author.author',
        mappedBy: 'x',
        pluginOptions: { translations: { shared: true } },
      },
      'the inverse side',
    ],
    [
      {
        type: 'relation',
        target: 'api::author.author',
        pluginOptions: { translations: { shared: 'yes' } },
      },
      'must be true or false',
    ],
    [
      {
        type: 'relation',
        target: 'api::tag.tag',
        pluginOptions: { translations: { shared: true } },
      },
      'is not localized',
    ],
  ])('refuses a wrong declaration %#, naming the attribute', (attribute, message) => {
    const article = schema('api::article.article', { field: attribute });
    expect(() => sharedRelations([article, author, schema('api::tag.tag', {}, {})])).toThrow(
      message
    );
    expect(() => sharedRelations([article, author, schema('api::tag.tag', {}, {})])).toThrow(
      'api::article.article.field'
    );
  });
});

describe('referencesIn', () => {
  it('reads every shape of relation data Strapi accepts', () => {
    expect(referencesIn('abc')).toEqual([{ documentId: 'abc' }]);
    expect(referencesIn(7)).toEqual([{ id: 7 }]);
    expect(referencesIn({ documentId: 'abc', locale: 'en' })).toEqual([{ documentId: 'abc' }]);
    expect(referencesIn(['a', { documentId: 'b' }])).toEqual([
      { documentId: 'a' },
      { documentId: 'b' },
    ]);
    expect(referencesIn({ connect: [{ documentId: 'a' }], disconnect: ['b'] })).toEqual([
      { documentId: 'a' },
      { documentId: 'b' },
    ]);
    expect(referencesIn({ set: [] })).toEqual([]);
    expect(referencesIn(null)).toEqual([]);
  });

  it('sees no change in absent data or the admin form’s empty connect/disconnect', () => {
    expect(referencesIn(undefined)).toBeNull();
    expect(referencesIn({ connect: [], disconnect: [] })).toBeNull();
  });
});

describe('planAlignment', () => {
  const versions: VersionLinks[] = [
    { id: 1, locale: 'de', published: false, targets: ['FR'] },
    { id: 2, locale: 'de', published: true, targets: ['FR'] },
    { id: 3, locale: 'en', published: false, targets: ['DE'] },
    { id: 4, locale: 'en', published: true, targets: ['DE'] },
  ];
  const targets = [
    { id: 10, documentId: 'FR', locale: 'de', published: false },
    { id: 11, documentId: 'FR', locale: 'de', published: true },
    { id: 12, documentId: 'FR', locale: 'en', published: false },
    { id: 13, documentId: 'FR', locale: 'en', published: true },
  ];

  it('relinks each other-locale version to the target in its own locale and state', () => {
    expect(planAlignment(versions, 'de', targets)).toEqual({
      missing: [],
      relink: [
        { rowId: 3, targetRowIds: [12] },
        { rowId: 4, targetRowIds: [13] },
      ],
    });
  });

  it('names the locale in which a target has no version', () => {
    const plan = planAlignment(versions, 'de', targets.slice(0, 2));
    expect(plan.missing).toEqual([{ locale: 'en', documentId: 'FR' }]);
  });

  it('links a published version to nothing when the target is not published in its locale', () => {
    const plan = planAlignment(versions, 'de', targets.slice(0, 3));
    expect(plan).toEqual({
      missing: [],
      relink: [
        { rowId: 3, targetRowIds: [12] },
        { rowId: 4, targetRowIds: [] },
      ],
    });
  });

  it('does nothing when the versions agree, and only the given locales with `only`', () => {
    const agreeing = versions.map((version) => ({ ...version, targets: ['FR'] }));
    expect(planAlignment(agreeing, 'de', targets).relink).toEqual([]);
    expect(planAlignment(versions, 'de', targets, ['it']).relink).toEqual([]);
  });
});

describe('differences', () => {
  it('lists documents whose versions of one state link other documents', () => {
    const found = differences(
      'country',
      new Map([
        [
          'heidelberg',
          [
            { id: 1, locale: 'de', published: false, targets: ['FR'] },
            { id: 2, locale: 'en', published: false, targets: ['DE'] },
          ],
        ],
        [
          'krakow',
          [
            { id: 3, locale: 'de', published: false, targets: ['PL'] },
            { id: 4, locale: 'en', published: false, targets: ['PL'] },
          ],
        ],
      ])
    );
    expect(found).toEqual([
      {
        documentId: 'heidelberg',
        attribute: 'country',
        locales: { de: { draft: ['FR'] }, en: { draft: ['DE'] } },
      },
    ]);
  });
});

describe('writeOrder', () => {
  it('puts the targets of shared relations first', () => {
    const relations = [
      { uid: 'api::city.city', attribute: 'country', target: 'api::country.country' },
    ];
    expect(
      writeOrder(['api::city.city', 'api::country.country', 'api::goal.goal'], relations)
    ).toEqual(['api::country.country', 'api::city.city', 'api::goal.goal']);
  });
});
