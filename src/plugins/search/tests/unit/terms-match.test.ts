import { matchedName } from '../../server/src/lib/match';
import { queryTerms, wordMatches } from '../../server/src/lib/terms';
import { Vocabulary } from '../../server/src/lib/typos';

const vocabulary = new Vocabulary(['heidelberg', 'goteborg', 'goeteborg', 'sao', 'paulo']);

describe('queryTerms', () => {
  it('gives each word its forms, typo candidates, and the last word as a prefix', () => {
    expect(queryTerms(['heidleberg', 'gote'], ['heidleberg', 'goete'], vocabulary)).toEqual([
      { forms: ['heidleberg'], prefix: false, typos: [{ word: 'heidelberg', typos: 1 }] },
      { forms: ['gote', 'goete'], prefix: true, typos: [] },
    ]);
  });

  it('works without a vocabulary (no typo candidates)', () => {
    expect(queryTerms(['heidleberg'], ['heidleberg'], null)[0].typos).toEqual([]);
  });
});

describe('wordMatches', () => {
  const [term] = queryTerms(['heidleb'], ['heidleb'], new Vocabulary(['heidleberg']));
  it('matches a form, a prefix of the last word, a typo candidate when asked', () => {
    expect(wordMatches(term, 'heidleb', false)).toBe(true);
    expect(wordMatches(term, 'heidleberg', false)).toBe(true);
    expect(wordMatches({ ...term, prefix: false }, 'heidleberg', false)).toBe(false);
  });
});

describe('matchedName', () => {
  const labels = { names: ['Krakau', 'Kraków'], alternatives: ['Cracow', 'Kraka'] };
  const terms = (q: string) => queryTerms(q.split(' '), q.split(' '), null);

  it('names the alternative name that matched', () => {
    expect(matchedName('alternative', 'Krakau', labels, ['cracow'], terms('cracow'))).toBe(
      'Cracow'
    );
  });

  it('prefers the own name, then a name of another locale', () => {
    expect(matchedName('prefix', 'Krakau', labels, ['kra'], terms('kra'))).toBe('Krakau');
    expect(matchedName('exact', 'Krakau', labels, ['krakow'], terms('krakow'))).toBe('Kraków');
  });

  it('names the name found with typos, for "did you mean"', () => {
    const typo = queryTerms(['krakaw'], ['krakaw'], new Vocabulary(['krakow', 'krakau']));
    expect(matchedName('typo', 'Kraków', labels, ['krakaw'], typo)).toBe('Kraków');
  });
});
