import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memberListSummary, seedData } from '../helpers/seed-data';

/** The README states counts in prose; they must follow the data, not be written by hand once. */
describe('the README’s counts', () => {
  const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

  it('names as many member cities as the member list has rows, and the seed has cities', () => {
    const stated = /member\s+cities \((\d+), one per row of the \[member list\]/.exec(readme);
    expect(stated).not.toBeNull();
    expect(Number(stated?.[1])).toBe(memberListSummary().rows);
    expect(seedData().cities).toHaveLength(memberListSummary().rows);
  });

  it('names as many creative fields and goals as the seed has', () => {
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const fields = /its (\w+) creative fields/.exec(readme);
    const goals = /its (\w+) goals/.exec(readme);
    expect(words.indexOf(fields?.[1] ?? '')).toBe(seedData().creativeFields.length);
    expect(words.indexOf(goals?.[1] ?? '')).toBe(seedData().networkGoals.length);
  });
});
