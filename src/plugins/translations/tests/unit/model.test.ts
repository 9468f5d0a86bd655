/** Pure model of the plugin: translatable fields, digests, units, states, unit ids. */
import {
  labelField,
  populateFor,
  translatableFields,
  type ModelSchema,
} from '../../server/src/lib/fields';
import { plainText } from '../../server/src/lib/inline';
import { countStates, parseStates, stateOf } from '../../server/src/lib/status';
import { parseUnitId, unitId } from '../../server/src/lib/unit-id';
import { documentUnits, sourceDigest, translatedData } from '../../server/src/lib/units';

const localized = { i18n: { localized: true } };
const notLocalized = { i18n: { localized: false } };

/** A labelled link: the label is translated, the URL is the same in every locale. */
const link: ModelSchema = {
  uid: 'shared.link',
  attributes: {
    label: { type: 'string' },
    url: { type: 'string', pluginOptions: notLocalized },
  },
};
const components = (uid: string): ModelSchema | undefined =>
  uid === 'shared.link' ? link : undefined;

/** A single type like a landing page: title, blocks, a text and repeatable links. */
const networkSchema: ModelSchema = {
  uid: 'api::network.network',
  kind: 'singleType',
  pluginOptions: localized,
  attributes: {
    title: { type: 'string', pluginOptions: localized },
    intro: { type: 'blocks', pluginOptions: localized },
    fundingNote: { type: 'text', pluginOptions: localized },
    links: {
      type: 'component',
      repeatable: true,
      component: 'shared.link',
      pluginOptions: localized,
    },
  },
};

/** A collection type with a key, a localized slug, relations, numbers and URLs. */
const citySchema: ModelSchema = {
  uid: 'api::city.city',
  kind: 'collectionType',
  pluginOptions: localized,
  attributes: {
    key: { type: 'string', pluginOptions: notLocalized },
    name: { type: 'string', pluginOptions: localized },
    slug: { type: 'uid', pluginOptions: localized },
    country: { type: 'relation' },
    memberSince: { type: 'integer', pluginOptions: notLocalized },
    description: { type: 'blocks', pluginOptions: localized },
    website: { type: 'string', pluginOptions: notLocalized },
    latitude: { type: 'decimal', pluginOptions: notLocalized },
  },
};

describe('translatable fields from the schema', () => {
  it('takes localized text, blocks and component labels; never uids, relations, numbers or link urls', () => {
    expect(translatableFields(citySchema, components)).toEqual([
      { kind: 'text', name: 'name' },
      { kind: 'blocks', name: 'description' },
    ]);
    expect(translatableFields(networkSchema, components)).toEqual([
      { kind: 'text', name: 'title' },
      { kind: 'blocks', name: 'intro' },
      { kind: 'text', name: 'fundingNote' },
      {
        kind: 'component',
        name: 'links',
        repeatable: true,
        component: 'shared.link',
        fields: [{ kind: 'text', name: 'label' }],
      },
    ]);
    expect(populateFor(translatableFields(networkSchema, components))).toEqual({ links: true });
    expect(labelField(networkSchema)).toBe('title');
  });

  it('finds nothing in a non-localized type, whatever its fields', () => {
    const schema: ModelSchema = {
      uid: 'api::x.x',
      attributes: { title: { type: 'string', pluginOptions: localized } },
    };
    expect(translatableFields(schema, components)).toEqual([]);
  });
});

describe('source digest', () => {
  const fields = translatableFields(networkSchema, components);
  const entry = {
    id: 1,
    title: 'Netzwerk',
    intro: [{ type: 'paragraph', children: [{ type: 'text', text: 'Hallo' }] }],
    fundingNote: null,
    links: [{ id: 4, label: 'UNESCO', url: 'https://en.unesco.org' }],
    updatedAt: '2026-01-01',
  };

  it('depends only on translatable text, not on ids, urls, timestamps or key order', () => {
    const other = {
      ...entry,
      id: 9,
      updatedAt: 'later',
      links: [{ url: 'https://other.org', label: 'UNESCO', id: 7 }],
    };
    expect(sourceDigest(fields, other)).toBe(sourceDigest(fields, entry));
    expect(sourceDigest(fields, { ...entry, links: [{ label: 'Unesco' }] })).not.toBe(
      sourceDigest(fields, entry)
    );
    expect(sourceDigest(fields, { ...entry, title: 'Netzwerk!' })).not.toBe(
      sourceDigest(fields, entry)
    );
  });

  it('makes units with stable paths and writes back only translated fields', () => {
    const units = documentUnits(fields, entry);
    expect(units.map((u) => u.path)).toEqual(['title', 'intro.0', 'links.0.label']);
    const translated = new Map(
      units.map((u) => [u.path, u.path === 'links.0.label' ? ['UNESCO (en)'] : u.content])
    );
    const { data } = translatedData(
      fields,
      entry,
      { links: [{ id: 8, label: 'old', url: 'https://en.unesco.org/en' }] },
      translated,
      plainText
    );
    expect(data).toEqual({
      title: 'Netzwerk',
      intro: [{ type: 'paragraph', children: [{ type: 'text', text: 'Hallo' }] }],
      links: [{ label: 'UNESCO (en)', url: 'https://en.unesco.org/en' }],
    });
  });
});

describe('status', () => {
  it('classifies missing, unknown, outdated and translated', () => {
    expect(stateOf('a', false, 'a')).toBe('missing');
    expect(stateOf('a', true, undefined)).toBe('unknown');
    expect(stateOf('a', true, 'b')).toBe('outdated');
    expect(stateOf('a', true, 'a')).toBe('translated');
  });

  it('counts and rounds the percentage', () => {
    expect(countStates('en', ['translated', 'translated', 'outdated'])).toEqual({
      locale: 'en',
      total: 3,
      translated: 2,
      outdated: 1,
      unknown: 0,
      missing: 0,
      percent: 66.7,
    });
    expect(countStates('en', []).percent).toBe(100);
    expect(parseStates('missing, outdated')).toEqual(['missing', 'outdated']);
    expect(() => parseStates('missing,done')).toThrow(/unknown state "done"/);
  });

  it('round-trips unit ids', () => {
    const id = unitId('api::creative-field.creative-field', 'abc123', 'description.2.1');
    expect(parseUnitId(id)).toEqual({
      uid: 'api::creative-field.creative-field',
      documentId: 'abc123',
      path: 'description.2.1',
    });
    expect(parseUnitId('hello')).toBeNull();
  });
});
