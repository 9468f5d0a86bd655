import { blocksText, compareVersion } from '../../server/src/lib/field-diff';
import type { ModelSchema } from '../../server/src/lib/values';

const SCHEMA: ModelSchema = {
  attributes: {
    name: { type: 'string' },
    body: { type: 'blocks' },
    year: { type: 'integer' },
  },
};
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

describe('blocksText', () => {
  it('reads one line per block, list items marked', () => {
    expect(
      blocksText([
        paragraph('Eins'),
        { type: 'list', children: [{ type: 'list-item', children: [{ text: 'Punkt' }] }] },
      ])
    ).toBe('Eins\n• Punkt');
    expect(blocksText(null)).toBe('');
  });
});

describe('compareVersion', () => {
  it('gives texts and blocks a word diff from the current draft to the version, other values as they are', () => {
    const fields = compareVersion(
      SCHEMA,
      { name: 'Alte Stadt', body: [paragraph('Am Fluss')], year: 2004 },
      { name: 'Neue Stadt', body: [paragraph('Am Fluss')], year: 2010 }
    );
    expect(fields).toEqual([
      {
        field: 'name',
        changed: true,
        diff: [
          { op: 'delete', text: 'Neue' },
          { op: 'insert', text: 'Alte' },
          { op: 'equal', text: ' Stadt' },
        ],
        current: 'Neue Stadt',
        version: 'Alte Stadt',
      },
      {
        field: 'body',
        changed: false,
        diff: null,
        current: [paragraph('Am Fluss')],
        version: [paragraph('Am Fluss')],
      },
      { field: 'year', changed: true, diff: null, current: 2010, version: 2004 },
    ]);
  });
});
