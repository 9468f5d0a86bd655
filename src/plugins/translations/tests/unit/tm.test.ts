import { buildTmx, parseTmx, segmentKey, similarity } from '../../server/src/lib/tm';

describe('translation memory logic', () => {
  it('scores similarity in percent and rules out lengths below the floor', () => {
    expect(similarity('Stadt der Literatur', 'Stadt der Literatur')).toBe(100);
    expect(similarity('Stadt der Literatur', 'Stadt der Literaturen')).toBe(90);
    expect(similarity('kurz', 'ein viel längerer Text', 75)).toBe(0);
    expect(segmentKey(' a  b ')).toBe(segmentKey('a b'));
  });

  it('writes TMX 1.4b that reads back, escaped, by language', () => {
    const xml = buildTmx(
      [
        {
          sourceLocale: 'de',
          targetLocale: 'en',
          sourceText: 'A & <B>',
          targetText: 'C',
          origin: 'x',
        },
      ],
      'de',
      'test'
    );
    expect(xml).toContain('<tmx version="1.4">');
    expect(xml).toContain('srclang="de"');
    expect(xml).toContain('<tuv xml:lang="de"><seg>A &amp; &lt;B&gt;</seg></tuv>');
    expect(parseTmx(xml, 'de', 'en')).toEqual([
      { sourceLocale: 'de', targetLocale: 'en', sourceText: 'A & <B>', targetText: 'C' },
    ]);
    // Regional codes match the primary language; inline codes are dropped, hi text kept.
    const other =
      '<tmx version="1.4"><header/><body><tu><tuv xml:lang="DE-de"><seg>x <bpt i="1">&lt;b&gt;</bpt>y<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="en-GB"><seg><hi>z</hi></seg></tuv></tu></body></tmx>';
    expect(parseTmx(other, 'de', 'en')).toEqual([
      { sourceLocale: 'de', targetLocale: 'en', sourceText: 'x y', targetText: 'z' },
    ]);
  });
});
