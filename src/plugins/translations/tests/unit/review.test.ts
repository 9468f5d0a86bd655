import {
  countReviewStates,
  defaultReviewState,
  publishable,
  refusal,
} from '../../server/src/lib/review';

describe('review states', () => {
  it('lets a translator move states up to "translated" only, and not back from a review', () => {
    expect(refusal('untranslated', 'in-translation', ['translate'])).toBeNull();
    expect(refusal('in-translation', 'translated', ['translate'])).toBeNull();
    expect(refusal('translated', 'reviewed', ['translate'])).toBe(
      'a translator may set the state up to "translated", not "reviewed"'
    );
    expect(refusal('reviewed', 'in-translation', ['translate'])).toBe(
      'the version is "reviewed": only a reviewer may change it'
    );
    expect(refusal('translated', 'in-translation', [])).toBe(
      'no permission to change review states'
    );
  });

  it('lets a reviewer set every state but "published", which only publishing sets', () => {
    expect(refusal('translated', 'reviewed', ['review'])).toBeNull();
    expect(refusal('published', 'in-translation', ['review'])).toBeNull();
    expect(refusal('reviewed', 'published', ['translate', 'review'])).toBe(
      'the state "published" is set by publishing the version'
    );
  });

  it('derives a state where none is recorded, and counts', () => {
    expect(defaultReviewState(false, false)).toBe('untranslated');
    expect(defaultReviewState(true, false)).toBe('in-translation');
    expect(defaultReviewState(true, true)).toBe('published');
    expect(countReviewStates(['reviewed', 'reviewed', 'untranslated'])).toEqual({
      untranslated: 1,
      'in-translation': 0,
      translated: 0,
      reviewed: 2,
      published: 0,
    });
    expect(
      ['untranslated', 'in-translation', 'translated'].some((s) => publishable(s as never))
    ).toBe(false);
    expect(publishable('reviewed')).toBe(true);
  });
});
