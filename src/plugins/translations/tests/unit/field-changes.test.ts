import { fieldChanges } from '../../server/src/lib/field-changes';

describe('changes per unit of a target version', () => {
  const sourceUnits = [
    { path: 'name', content: ['Graz'] },
    {
      path: 'description.0',
      group: 'description',
      content: ['Neuer ', { id: '1', kind: 'bold' as const, contents: ['Text'] }],
    },
    { path: 'description.1', group: 'description', content: ['Gleich'] },
  ];

  it('marks changed units outdated with the diff since the snapshot, others up to date', () => {
    const changes = fieldChanges({
      documentState: 'outdated',
      sourceUnits,
      targetPaths: new Set(['name', 'description.0', 'description.1']),
      snapshot: {
        name: ['Graz'],
        'description.0': ['Alter Text'],
        'description.1': ['Gleich'],
        'description.2': ['Weg'],
      },
    });
    expect(changes).toEqual([
      { path: 'name', field: 'name', block: null, state: 'translated', removed: false, diff: null },
      {
        path: 'description.0',
        field: 'description',
        block: 1,
        state: 'outdated',
        removed: false,
        diff: [
          { op: 'delete', text: 'Alter' },
          { op: 'insert', text: 'Neuer' },
          { op: 'equal', text: ' Text' },
        ],
      },
      {
        path: 'description.1',
        field: 'description',
        block: 2,
        state: 'translated',
        removed: false,
        diff: null,
      },
      {
        path: 'description.2',
        field: 'description',
        block: 3,
        state: 'outdated',
        removed: true,
        diff: [{ op: 'delete', text: 'Weg' }],
      },
    ]);
  });

  it('marks units the target lacks as missing, and says unknown without a snapshot', () => {
    const changes = fieldChanges({
      documentState: 'outdated',
      sourceUnits,
      targetPaths: new Set(['name']),
      snapshot: null,
    });
    expect(changes.map((c) => [c.path, c.state])).toEqual([
      ['name', 'unknown'],
      ['description.0', 'missing'],
      ['description.1', 'missing'],
    ]);
  });

  it('treats every present unit of a translated document as up to date', () => {
    const changes = fieldChanges({
      documentState: 'translated',
      sourceUnits,
      targetPaths: new Set(['name', 'description.0', 'description.1']),
      snapshot: null,
    });
    expect(changes.every((c) => c.state === 'translated' && c.diff === null)).toBe(true);
  });
});
