import { allowedTypos, typoDistance, Vocabulary } from '../../server/src/lib/typos';

const distance = (a: string, b: string, max = 2): number => typoDistance([...a], [...b], max);

describe('allowedTypos', () => {
  it.each([
    ['nice', 0],
    ['paris', 1],
    ['mannheim', 1],
    ['heidelberg', 2],
    ['göteborg', 1],
  ])('%s: %i', (word, typos) => {
    expect(allowedTypos(word)).toBe(typos);
  });
});

describe('typoDistance', () => {
  it.each([
    ['heidelberg', 'heidelberg', 0],
    ['heidleberg', 'heidelberg', 1], // transposition
    ['heidelburg', 'heidelberg', 1], // substitution
    ['heidelbrg', 'heidelberg', 1], // deletion
    ['heidelberrg', 'heidelberg', 1], // insertion
    ['hiedleberg', 'heidelberg', 2],
    ['hdlbrg', 'heidelberg', 3],
  ])('%s → %s: %i', (a, b, expected) => {
    expect(distance(a, b)).toBe(expected);
    expect(distance(b, a)).toBe(expected);
  });

  it('stops at max + 1', () => {
    expect(distance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(distance('abc', 'abcdefg', 1)).toBe(2);
  });
});

describe('Vocabulary', () => {
  const vocabulary = new Vocabulary(['heidelberg', 'heidelburg', 'helsinki', 'paris', 'parma']);

  it('proposes the words within the allowed typos, fewest first', () => {
    expect(vocabulary.candidates('heidleberg', 10)).toEqual([
      { word: 'heidelberg', typos: 1 },
      { word: 'heidelburg', typos: 2 },
    ]);
  });

  it('never proposes the word itself, nothing for short words, at most the limit', () => {
    expect(vocabulary.candidates('paris', 10)).toEqual([]);
    expect(vocabulary.candidates('pari', 10)).toEqual([]);
    expect(vocabulary.candidates('heidleberg', 1)).toHaveLength(1);
  });
});
