import {
  changedFields,
  populateOf,
  referencedTargets,
  restoreData,
  valuesOf,
  type ModelSchema,
  type SchemaLookup,
} from '../../server/src/lib/values';

const LINK: ModelSchema = {
  attributes: {
    label: { type: 'string' },
    page: { type: 'relation', relation: 'oneToOne', target: 'api::page.page' },
  },
};
const QUOTE: ModelSchema = { attributes: { text: { type: 'text' } } };
const ARTICLE: ModelSchema = {
  pluginOptions: { i18n: { localized: true } },
  attributes: {
    title: { type: 'string' },
    body: { type: 'blocks' },
    author: { type: 'relation', relation: 'manyToOne', target: 'api::author.author' },
    tags: { type: 'relation', relation: 'manyToMany', target: 'api::tag.tag' },
    cover: { type: 'media', multiple: false },
    links: { type: 'component', component: 'shared.link', repeatable: true },
    sections: { type: 'dynamiczone', components: ['shared.quote', 'shared.link'] },
    secret: { type: 'password' },
    createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
    owner: { type: 'relation', relation: 'morphToOne' },
  },
};
const schemas: Record<string, ModelSchema> = {
  'shared.link': LINK,
  'shared.quote': QUOTE,
  'api::author.author': { pluginOptions: { i18n: { localized: true } }, attributes: {} },
  'api::tag.tag': { attributes: {} },
};
const lookup: SchemaLookup = (uid) => schemas[uid];

const row = {
  id: 7,
  documentId: 'art1',
  locale: 'de',
  publishedAt: null,
  updatedAt: '2026-12-01',
  title: 'Titel',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Hallo' }] }],
  author: { id: 3, documentId: 'au1' },
  tags: [
    { id: 1, documentId: 't1' },
    { id: 2, documentId: 't2' },
  ],
  cover: { id: 9, documentId: 'f1' },
  links: [{ id: 4, label: 'Start', page: { id: 5, documentId: 'p1' } }],
  sections: [{ id: 6, __component: 'shared.quote', text: 'Zitat' }],
  secret: 'hash',
  createdBy: { id: 1 },
};

describe('valuesOf', () => {
  it('keeps what an editor sets, relations and media as documentIds, components whole without ids', () => {
    expect(valuesOf(ARTICLE, row, lookup)).toEqual({
      title: 'Titel',
      body: row.body,
      author: 'au1',
      tags: ['t1', 't2'],
      cover: 'f1',
      links: [{ label: 'Start', page: 'p1' }],
      sections: [{ __component: 'shared.quote', text: 'Zitat' }],
    });
  });

  it('reads empty relations and components as null and []', () => {
    const values = valuesOf(ARTICLE, { title: 'x' }, lookup);
    expect(values).toMatchObject({ author: null, tags: [], cover: null, links: [], sections: [] });
  });
});

describe('populateOf', () => {
  it('asks for documentIds of targets and populates components and dynamic zones deeply', () => {
    expect(populateOf(ARTICLE, lookup)).toEqual({
      author: { select: ['documentId'] },
      tags: { select: ['documentId'] },
      cover: { select: ['documentId'] },
      links: { populate: { page: { select: ['documentId'] } } },
      sections: {
        on: {
          'shared.quote': {},
          'shared.link': { populate: { page: { select: ['documentId'] } } },
        },
      },
    });
  });
});

describe('changedFields', () => {
  const before = valuesOf(ARTICLE, row, lookup);
  it('names the fields that differ, in schema order', () => {
    const after = { ...before, tags: ['t2', 't1'], title: 'Neu' };
    expect(changedFields(ARTICLE, before, after)).toEqual(['title', 'tags']);
  });
  it('names the fields a new version sets', () => {
    expect(changedFields(ARTICLE, null, valuesOf(ARTICLE, { title: 'x' }, lookup))).toEqual([
      'title',
    ]);
  });
});

describe('restoreData', () => {
  const values = valuesOf(ARTICLE, row, lookup);
  it('links targets that still exist (per locale when localized) and names the ones deleted', () => {
    expect([...referencedTargets(ARTICLE, values, lookup)]).toEqual([
      ['api::author.author', new Set(['au1'])],
      ['api::tag.tag', new Set(['t1', 't2'])],
      ['plugin::upload.file', new Set(['f1'])],
      ['api::page.page', new Set(['p1'])],
    ]);
    const { data, unrestorable } = restoreData(ARTICLE, values, 'de', lookup, {
      existing: (uid) => new Set(uid === 'api::tag.tag' ? ['t2'] : ['au1']),
      mediaIds: new Map([['f1', 9]]),
      localized: (uid) => uid === 'api::author.author',
    });
    expect(data).toEqual({
      title: 'Titel',
      body: row.body,
      author: { set: [{ documentId: 'au1', locale: 'de' }] },
      tags: { set: [{ documentId: 't2' }] },
      cover: 9,
      links: [{ label: 'Start', page: { set: [] } }],
      sections: [{ __component: 'shared.quote', text: 'Zitat' }],
    });
    expect(unrestorable).toEqual([
      { field: 'tags', documentId: 't1', reason: 'api::tag.tag t1 was deleted' },
      { field: 'links.0.page', documentId: 'p1', reason: 'api::page.page p1 was deleted' },
    ]);
  });
});
