import fc from 'fast-check';
import {
  alignCodes,
  bindCodes,
  blocksToSegments,
  codesOf,
  contentToInline,
  inlineToContent,
  normalizeBlocks,
  segmentsToBlocks,
  type BlockNode,
  type Content,
  type InlineNode,
  type TextLeaf,
} from '../../server/src/lib/inline';
import { protectedParts } from '../../server/src/lib/protect';
import {
  buildXliff,
  parseXliff,
  XliffReader,
  type ParsedUnit,
  type XliffVersion,
} from '../../server/src/lib/xliff';

/** Text that XML 1.0 can carry (no control characters, no lone surrogates, no CR). */
const xmlText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", 'ä', 'Ö', 'ß', '€', '🎉', '👩‍🔬', ' ', '\n', '\t'),
      fc.string({ unit: 'grapheme', maxLength: 1 })
    ),
    maxLength: 12,
  })
  .map((s) =>
    [...s]
      .filter((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        return (
          (code >= 0x20 || code === 0x09 || code === 0x0a) && code !== 0xfffe && code !== 0xffff
        );
      })
      .join('')
  );

const leaf: fc.Arbitrary<TextLeaf> = fc
  .record({
    text: xmlText.filter((t) => t !== ''),
    bold: fc.boolean(),
    italic: fc.boolean(),
    underline: fc.boolean(),
    strikethrough: fc.boolean(),
    code: fc.boolean(),
  })
  .map(({ text, ...marks }) => {
    const node: TextLeaf = { type: 'text', text };
    for (const [mark, on] of Object.entries(marks)) if (on) node[mark as 'bold'] = true;
    return node;
  });

const inline: fc.Arbitrary<InlineNode> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  {
    weight: 1,
    arbitrary: fc
      .record({ url: fc.webUrl(), children: fc.array(leaf, { minLength: 1, maxLength: 3 }) })
      .map(({ url, children }) => ({ type: 'link' as const, url, children })),
  }
);

const paragraph: fc.Arbitrary<BlockNode> = fc
  .array(inline, { minLength: 1, maxLength: 5 })
  .map((children) => ({ type: 'paragraph', children }));
const blocks: fc.Arbitrary<BlockNode[]> = fc.array(
  fc.oneof(
    paragraph,
    fc
      .record({ level: fc.integer({ min: 1, max: 6 }), p: paragraph })
      .map(({ level, p }) => ({ type: 'heading', level, children: p.children })),
    fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => ({
      type: 'list',
      format: 'unordered',
      children: items.map((p) => ({ ...p, type: 'list-item' })),
    }))
  ),
  { minLength: 1, maxLength: 4 }
);

function roundTrip(
  content: Content,
  version: XliffVersion,
  withTarget = true
): { source: Content; target: Content | null } {
  const xml = buildXliff({
    version,
    sourceLanguage: 'de',
    targetLanguage: 'en',
    files: [
      {
        id: 'api::city.city',
        items: [
          {
            id: 'api::city.city:abc:name',
            source: content,
            ...(withTarget ? { target: content } : {}),
            notes: ['n <&>'],
          },
        ],
      },
    ],
  });
  const parsed = parseXliff(xml);
  return { source: parsed.units[0].source, target: parsed.units[0].target };
}

const strip = (content: Content): unknown =>
  content.map((p) => (typeof p === 'string' ? p : { id: p.id, contents: strip(p.contents) }));

describe('blocks ⇄ segments', () => {
  it('segments one unit per text block, nested list items included', () => {
    const value: BlockNode[] = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Eins ' },
          { type: 'text', text: 'fett', bold: true },
        ],
      },
      { type: 'image', image: { url: '/x.png' }, children: [{ type: 'text', text: '' }] },
      {
        type: 'list',
        format: 'ordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'a' }] },
          {
            type: 'list',
            format: 'ordered',
            children: [{ type: 'list-item', children: [{ type: 'text', text: 'b' }] }],
          },
        ],
      },
    ];
    const segments = blocksToSegments(value);
    expect(segments.map((s) => s.path)).toEqual(['0', '2.0', '2.1.0']);
    expect(segments[0].content).toEqual(['Eins ', { id: '1', kind: 'bold', contents: ['fett'] }]);
  });

  it('nests marks outermost first and links around their formatted text', () => {
    const content = inlineToContent([
      { type: 'text', text: 'x', bold: true, italic: true },
      {
        type: 'link',
        url: 'https://en.unesco.org',
        children: [{ type: 'text', text: 'UNESCO', underline: true }],
      },
    ]);
    expect(content).toEqual([
      { id: '1', kind: 'bold', contents: [{ id: '2', kind: 'italic', contents: ['x'] }] },
      {
        id: '3',
        kind: 'link',
        url: 'https://en.unesco.org',
        contents: [{ id: '4', kind: 'underline', contents: ['UNESCO'] }],
      },
    ]);
  });

  it('property: blocks → segments → blocks is the identity', () => {
    fc.assert(
      fc.property(blocks, (value) => {
        const segments = blocksToSegments(value);
        const map = new Map(segments.map((s) => [s.path, bindCodes(s.content, s.content)]));
        expect(segmentsToBlocks(value, map)).toEqual(normalizeBlocks(value));
      })
    );
  });
});

describe('XLIFF serialiser and parser', () => {
  for (const version of ['2.0', '1.2'] as const) {
    it(`property (${version}): text with nested codes survives build → parse`, () => {
      fc.assert(
        fc.property(fc.array(inline, { minLength: 1, maxLength: 6 }), (nodes) => {
          const content = inlineToContent(nodes);
          const { source, target } = roundTrip(content, version);
          expect(strip(source)).toEqual(strip(content));
          expect(strip(target ?? [])).toEqual(strip(content));
          // Binding the parsed codes to the source restores the exact inline nodes.
          expect(contentToInline(bindCodes(target ?? [], content))).toEqual(
            contentToInline(content)
          );
        }),
        { numRuns: 200 }
      );
    });
  }

  it('keeps whitespace between codes and at the ends of a segment', () => {
    const content: Content = [
      '  a ',
      { id: '1', kind: 'bold', contents: ['b'] },
      ' ',
      { id: '2', kind: 'italic', contents: ['c'] },
      '\n',
    ];
    expect(roundTrip(content, '2.0').source).toEqual(strip(content));
  });

  it('reads a unit without target as untranslated', () => {
    expect(roundTrip(['Hallo'], '2.0', false).target).toBeNull();
  });

  it('rejects malformed XML, unknown versions and foreign inline elements', () => {
    expect(() => parseXliff('<xliff version="2.0"><file>')).toThrow(/not well-formed XML/);
    expect(() => parseXliff('<xliff version="3.0" srcLang="de" trgLang="en"/>')).toThrow(
      /unsupported XLIFF version "3.0"/
    );
    expect(() => parseXliff('<root/>')).toThrow(/root element is not <xliff>/);
    const sc =
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en"><file id="f"><unit id="u"><segment><source>a</source><target><sc id="1"/>a</target></segment></unit></file></xliff>';
    expect(() => parseXliff(sc)).toThrow(/unit u: unsupported inline element <sc>/);
  });

  it('reads a document in pieces of any size as it reads it whole, errors included', () => {
    const valid =
      '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en"><file id="f"><group id="g"><unit id="u1"><notes><note>n &lt;1&gt;</note></notes><segment state="reviewed"><source>Grüße <pc id="1">fett</pc> <![CDATA[a<b]]></source><target>Greetings <pc id="1">bold</pc> a&lt;b</target></segment></unit></group><unit id="u2"><segment><source>Zwei</source></segment></unit></file></xliff>';
    const documents = [
      valid,
      valid.replace('</xliff>', '<oops></xliff>'),
      valid.replace('id="u2"', 'id="u1"'),
      // The first unit's id repeated and the document malformed later: the XML error wins.
      valid.replace('id="u2"', 'id="u1"').replace('</xliff>', '<oops></xliff>'),
      valid.replace('<pc id="1">bold', '<sc id="1"/>bold'),
      valid.replace('trgLang="en"', ''),
      '<xliff version="1.2"><trans-unit id="early"><source>a</source></trans-unit><file source-language="de"><body/></file></xliff>',
    ];
    const inPieces = (xml: string, size: number): unknown => {
      const units: ParsedUnit[] = [];
      const reader = new XliffReader((unit) => units.push(unit));
      for (let at = 0; at < xml.length; at += size) reader.write(xml.slice(at, at + size));
      return { ...reader.close(), units };
    };
    const outcome = (read: () => unknown): unknown => {
      try {
        return read();
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    for (const xml of documents) {
      const whole = outcome(() => parseXliff(xml));
      for (const size of [1, 7, 64])
        expect({ xml, size, read: outcome(() => inPieces(xml, size)) }).toEqual({
          xml,
          size,
          read: whole,
        });
    }
    expect(outcome(() => parseXliff(documents[1]))).toMatch(/not well-formed XML/);
    expect(outcome(() => parseXliff(documents[2]))).toMatch(/unit u1: .*more than once/);
    expect(outcome(() => parseXliff(documents[3]))).toMatch(/not well-formed XML/);
    expect(outcome(() => parseXliff(documents[6]))).toMatch(/names no target language/);
    expect(parseXliff(valid).units).toEqual([
      {
        id: 'u1',
        source: ['Grüße ', { id: '1', contents: ['fett'] }, ' a<b'],
        target: ['Greetings ', { id: '1', contents: ['bold'] }, ' a<b'],
        state: 'reviewed',
      },
      { id: 'u2', source: ['Zwei'], target: null, state: 'initial' },
    ]);
  });

  it('joins a unit that a CAT tool split into several segments', () => {
    const xml =
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en"><file id="f"><unit id="u"><segment><source>Eins. </source><target>One. </target></segment><segment><source>Zwei.</source><target>Two.</target></segment></unit></file></xliff>';
    expect(parseXliff(xml).units[0]).toEqual({
      id: 'u',
      source: ['Eins. Zwei.'],
      target: ['One. Two.'],
      // A segment without a state attribute is `initial` (the XLIFF 2.0 default).
      state: 'initial',
    });
  });
});

describe('what a CAT tool needs besides the text', () => {
  const unit = {
    id: 'api::city.city:abc:name',
    name: 'api::city.city:abc:name',
    source: ['Siehe https://www.unesco.org/de. Kontakt: info@example.org'],
    target: ['See https://www.unesco.org/de. Contact: info@example.org'],
    notes: ['Field: Name (name)'],
    maxLength: 120,
    state: 'reviewed' as const,
  };
  const build = (version: XliffVersion): string =>
    buildXliff({
      version,
      sourceLanguage: 'de',
      targetLanguage: 'en',
      files: [{ id: 'api::city.city', items: [unit] }],
    });

  it('XLIFF 2.0: name, size restriction, protected URLs and addresses, segment state', () => {
    const xml = build('2.0');
    expect(xml).toContain('xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0"');
    expect(xml).toContain('<slr:profiles generalProfile="xliff:codepoints"/>');
    expect(xml).toMatch(
      /<unit id="api::city.city:abc:name" name="api::city.city:abc:name" xml:space="preserve" slr:sizeRestriction="120">/
    );
    expect(xml).toContain(
      '<source>Siehe <mrk id="p1" translate="no">https://www.unesco.org/de</mrk>. Kontakt: <mrk id="p2" translate="no">info@example.org</mrk></source>'
    );
    expect(xml).toContain('<segment state="reviewed">');
    expect(xml).toContain('<note category="context">Field: Name (name)</note>');
  });

  it('XLIFF 1.2: resname, maxwidth in characters, mrk protected, signed-off and approved', () => {
    const xml = build('1.2');
    expect(xml).toContain(
      '<trans-unit id="api::city.city:abc:name" resname="api::city.city:abc:name" xml:space="preserve" maxwidth="120" size-unit="char" approved="yes">'
    );
    expect(xml).toContain('<mrk mtype="protected">https://www.unesco.org/de</mrk>');
    expect(xml).toContain('<target state="signed-off">');
  });

  it('reads back the text of protected parts and the state', () => {
    for (const version of ['2.0', '1.2'] as const) {
      const parsed = parseXliff(build(version)).units[0];
      expect(parsed.source).toEqual(unit.source);
      expect(parsed.target).toEqual(unit.target);
      expect(parsed.state).toBe('reviewed');
    }
  });

  it.each([
    ['new', undefined, 'initial'],
    ['needs-review-translation', undefined, 'translated'],
    ['translated', undefined, 'translated'],
    ['translated', 'yes', 'reviewed'],
    ['signed-off', undefined, 'reviewed'],
    ['final', 'yes', 'final'],
    [undefined, undefined, 'translated'],
  ])('maps 1.2 state %p with approved=%p to %p', (state, approved, expected) => {
    const xml = `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="f" datatype="plaintext" source-language="de" target-language="en"><body><trans-unit id="u"${approved ? ` approved="${approved}"` : ''}><source>a</source><target${state ? ` state="${state}"` : ''}>b</target></trans-unit></body></file></xliff>`;
    expect(parseXliff(xml).units[0].state).toBe(expected);
  });

  it('takes the lowest state of a unit split into segments', () => {
    const xml =
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en"><file id="f"><unit id="u"><segment state="final"><source>a</source><target>A</target></segment><segment state="translated"><source>b</source><target>B</target></segment></unit></file></xliff>';
    expect(parseXliff(xml).units[0].state).toBe('translated');
  });

  it('ignores attributes, elements and namespaces a tool adds', () => {
    const xml =
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" xmlns:okp="okapi-framework:xliff-extensions" version="2.0" srcLang="de" trgLang="en" okp:tool="x">' +
      '<file id="f" okp:id="1"><mda:metadata><mda:metaGroup><mda:meta type="a">b</mda:meta></mda:metaGroup></mda:metadata>' +
      '<unit id="u" okp:lock="no"><mda:metadata><mda:metaGroup><mda:meta type="x">y</mda:meta></mda:metaGroup></mda:metadata>' +
      '<segment state="final" subState="okp:done"><source>a</source><target xml:lang="en">A</target></segment></unit></file></xliff>';
    expect(parseXliff(xml).units).toEqual([
      { id: 'u', source: ['a'], target: ['A'], state: 'final' },
    ]);
  });
});

describe('protected parts', () => {
  it('splits URLs and addresses off, trailing punctuation stays text', () => {
    expect(protectedParts('Mehr: www.unesco.org, oder https://a.b/c?d=1).')).toEqual([
      { text: 'Mehr: ', protect: false },
      { text: 'www.unesco.org', protect: true },
      { text: ', oder ', protect: false },
      { text: 'https://a.b/c?d=1', protect: true },
      { text: ').', protect: false },
    ]);
    expect(protectedParts('Kein Link')).toEqual([{ text: 'Kein Link', protect: false }]);
  });
});

describe('inline code check', () => {
  const source = inlineToContent([
    { type: 'text', text: 'a' },
    { type: 'text', text: 'b', bold: true },
    { type: 'link', url: 'https://x.org', children: [{ type: 'text', text: 'c' }] },
  ]);

  it('accepts moved codes and takes kind and url from the source', () => {
    const moved: Content = [{ id: '2', contents: ['C'] }, ' ', { id: '1', contents: ['B'] }, 'A'];
    const bound = bindCodes(moved, source);
    expect(codesOf(bound).map((c) => [c.id, c.kind, c.url])).toEqual([
      ['2', 'link', 'https://x.org'],
      ['1', 'bold', undefined],
    ]);
  });

  it('rejects lost, duplicated, invented and link-in-link codes', () => {
    expect(() => bindCodes(['a', { id: '1', contents: ['b'] }], source)).toThrow(
      /inline code "2" missing in the target/
    );
    expect(() =>
      bindCodes(
        [
          { id: '1', contents: ['b'] },
          { id: '1', contents: ['b'] },
          { id: '2', contents: [] },
        ],
        source
      )
    ).toThrow(/appears more than once/);
    expect(() => bindCodes([{ id: '9', contents: ['b'] }], source)).toThrow(
      /inline code "9" does not exist in the source/
    );
    const twoLinks = inlineToContent([
      { type: 'link', url: 'https://a.org', children: [{ type: 'text', text: 'a' }] },
      { type: 'link', url: 'https://b.org', children: [{ type: 'text', text: 'b' }] },
    ]);
    expect(() =>
      bindCodes([{ id: '1', contents: [{ id: '2', contents: ['x'] }] }], twoLinks)
    ).toThrow(/nested in a link/);
  });
});

describe('current translations in an export', () => {
  it('take the code ids of their source so a re-import keeps each format in place', () => {
    const source = inlineToContent([
      { type: 'text', text: 'Die ' },
      { type: 'text', text: 'Stadt', bold: true },
      {
        type: 'link',
        url: 'https://x.org',
        children: [{ type: 'text', text: 'Rhein', italic: true }],
      },
    ]);
    const target = inlineToContent([
      {
        type: 'link',
        url: 'https://x.org',
        children: [{ type: 'text', text: 'Rhine', italic: true }],
      },
      { type: 'text', text: ' the ' },
      { type: 'text', text: 'city', bold: true },
    ]);
    const aligned = alignCodes(target, source);
    expect(aligned).toEqual([
      {
        id: '2',
        kind: 'link',
        url: 'https://x.org',
        contents: [{ id: '3', kind: 'italic', contents: ['Rhine'] }],
      },
      ' the ',
      { id: '1', kind: 'bold', contents: ['city'] },
    ]);
    expect(contentToInline(bindCodes(aligned ?? [], source))).toEqual(contentToInline(target));
    expect(
      alignCodes(inlineToContent([{ type: 'text', text: 'x', underline: true }]), source)
    ).toBeNull();
  });
});
