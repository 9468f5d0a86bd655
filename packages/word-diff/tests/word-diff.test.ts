import fc from 'fast-check';
import { MAX_CELLS, sideOf, tokenize, wordDiff } from '../src';

describe('word diff of the source text', () => {
  it('splits words, spaces and punctuation, keeping hyphenated words whole', () => {
    expect(tokenize('Die UNESCO-Stadt, seit 2004.')).toEqual([
      'Die',
      ' ',
      'UNESCO-Stadt',
      ',',
      ' ',
      'seit',
      ' ',
      '2004',
      '.',
    ]);
  });

  it('marks inserted and deleted words, leaving the unchanged ones alone', () => {
    expect(
      wordDiff('Graz ist eine Stadt des Designs.', 'Graz ist seit 2011 eine Stadt des Designs.')
    ).toEqual([
      { op: 'equal', text: 'Graz ist ' },
      { op: 'insert', text: 'seit 2011 ' },
      { op: 'equal', text: 'eine Stadt des Designs.' },
    ]);
    expect(wordDiff('Die alte Brücke über den Fluss', 'Die neue Brücke über den Fluss')).toEqual([
      { op: 'equal', text: 'Die ' },
      { op: 'delete', text: 'alte' },
      { op: 'insert', text: 'neue' },
      { op: 'equal', text: ' Brücke über den Fluss' },
    ]);
  });

  it('shows a changed punctuation mark without marking the word before it', () => {
    expect(wordDiff('Musik, Film', 'Musik; Film')).toEqual([
      { op: 'equal', text: 'Musik' },
      { op: 'delete', text: ',' },
      { op: 'insert', text: ';' },
      { op: 'equal', text: ' Film' },
    ]);
  });

  it('joins neighbouring changed words into one deletion and one insertion', () => {
    expect(wordDiff('a b c d', 'a x y d')).toEqual([
      { op: 'equal', text: 'a ' },
      { op: 'delete', text: 'b c' },
      { op: 'insert', text: 'x y' },
      { op: 'equal', text: ' d' },
    ]);
  });

  it('handles empty texts on either side', () => {
    expect(wordDiff('', 'neu')).toEqual([{ op: 'insert', text: 'neu' }]);
    expect(wordDiff('alt', '')).toEqual([{ op: 'delete', text: 'alt' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('gives up aligning texts beyond the table limit but still gives both sides', () => {
    const words = Math.ceil(Math.sqrt(MAX_CELLS)) + 10;
    const before = Array.from({ length: words }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: words }, (_, i) => `b${i}`).join(' ');
    const parts = wordDiff(`X ${before} Y`, `X ${after} Y`);
    expect(parts.map((p) => p.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(sideOf(parts, 'before')).toBe(`X ${before} Y`);
  });

  it('always rebuilds both texts from the parts', () => {
    const text = fc
      .array(fc.constantFrom('Stadt', 'Musik', 'der', ' ', ', ', 'Literatur', '\n', 'ü'), {
        maxLength: 20,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = wordDiff(before, after);
        expect(sideOf(parts, 'before')).toBe(before);
        expect(sideOf(parts, 'after')).toBe(after);
        // Adjacent parts never share a kind.
        parts.forEach((part, i) => i > 0 && expect(part.op).not.toBe(parts[i - 1].op));
      })
    );
  });
});
