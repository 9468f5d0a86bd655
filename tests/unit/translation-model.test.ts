import {
  labelField,
  populateFor,
  translatableFields,
  type ModelSchema,
} from '../../src/lib/translation/fields';
import { countStates, parseStates, stateOf } from '../../src/lib/translation/status';
import { parseUnitId, unitId } from '../../src/lib/translation/unit-id';
import { documentUnits, sourceDigest, translatedData } from '../../src/lib/translation/units';
import { plainText } from '../../src/lib/translation/inline';
import network from '../../src/api/network/content-types/network/schema.json';
import city from '../../src/api/city/content-types/city/schema.json';
import link from '../../src/components/shared/link.json';

const localized = { i18n: { localized: true } };
const components = (uid: string): ModelSchema | undefined =>
  uid === 'shared.link' ? ({ uid, ...link } as unknown as ModelSchema) : undefined;
const networkSchema = { uid: 'api::network.network', ...network } as unknown as ModelSchema;
const citySchema = { uid: 'api::city.city', ...city } as unknown as ModelSchema;

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
