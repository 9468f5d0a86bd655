/**
 * The seeded term base (database/seed/glossary-terms.json) against the rest of the seed: it names
 * every creative field and city title as the creative-field seed spells them, and the seed's own
 * English texts follow it (so an import of them raises no glossary warning).
 */
import type { Concept } from '../../src/plugins/translations/server/src/lib/glossary';
import {
  checkTranslation,
  termsIn,
} from '../../src/plugins/translations/server/src/lib/glossary-match';
import type { Localized } from '../../src/lib/seed/types';
import { seedData } from '../helpers/seed-data';

const seed = seedData();
const concepts: Concept[] = seed.glossaryTerms.map((entry) => ({
  id: entry.key,
  status: entry.status,
  doNotTranslate: entry.doNotTranslate,
  partOfSpeech: entry.partOfSpeech,
  terms: {
    de: { term: entry.term.de, definition: entry.definition?.de ?? null },
    en: { term: entry.term.en, definition: entry.definition?.en ?? null },
  },
}));
const approved = (term: Localized<string>) =>
  seed.glossaryTerms.some(
    (entry) => entry.status === 'approved' && entry.term.de === term.de && entry.term.en === term.en
  );

/** Every de/en pair of texts of the seed (paragraph by paragraph). */
function seedPairs(): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const paragraphs = (value: Localized<string[]> | null) =>
    value?.de.forEach((paragraph, i) => pairs.push([paragraph, value.en[i]]));
  for (const field of seed.creativeFields) {
    pairs.push([field.name.de, field.name.en], [field.cityTitle.de, field.cityTitle.en]);
    paragraphs(field.description);
  }
  for (const city of seed.cities) {
    pairs.push([city.name.de, city.name.en]);
    paragraphs(city.description);
  }
  for (const country of seed.countries) pairs.push([country.name.de, country.name.en]);
  for (const goal of seed.networkGoals)
    pairs.push([goal.title.de, goal.title.en], [goal.description.de, goal.description.en]);
  const { network } = seed;
  pairs.push(
    [network.title.de, network.title.en],
    [network.fundingNote.de, network.fundingNote.en]
  );
  paragraphs(network.intro);
  for (const link of network.links) pairs.push([link.label.de, link.label.en]);
  return pairs;
}

describe('the seeded term base', () => {
  it('has unique keys and a term in both seed locales', () => {
    const keys = seed.glossaryTerms.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of seed.glossaryTerms) {
      expect(entry.term.de.trim()).not.toBe('');
      expect(entry.term.en.trim()).not.toBe('');
    }
  });

  it("holds every creative field's name and city title as approved terms", () => {
    const missing = seed.creativeFields.flatMap((field) =>
      [field.name, field.cityTitle].filter((term) => !approved(term)).map((term) => term.de)
    );
    expect(missing).toEqual([]);
  });

  it('names the network, with a forbidden variant, and keeps "UNESCO" untranslated', () => {
    expect(
      approved({ de: 'Netzwerk der UNESCO Creative Cities', en: 'UNESCO Creative Cities Network' })
    ).toBe(true);
    expect(
      seed.glossaryTerms.filter((entry) => entry.status === 'forbidden').length
    ).toBeGreaterThan(0);
    expect(seed.glossaryTerms.find((entry) => entry.term.de === 'UNESCO')?.doNotTranslate).toBe(
      true
    );
  });

  it("is followed by the seed's own translations, and most of its terms occur in them", () => {
    const pairs = seedPairs();
    const issues = pairs.flatMap(([de, en]) =>
      checkTranslation(de, en, concepts, 'de', 'en').map((issue) => `${issue.message}: ${en}`)
    );
    expect(issues).toEqual([]);
    const used = new Set(pairs.flatMap(([de]) => termsIn(de, concepts, 'de').map((c) => c.id)));
    // Terms that no seed text uses yet are fine, but a term base the texts never meet is a mistake.
    expect(used.size).toBeGreaterThan(concepts.length / 2);
  });
});
