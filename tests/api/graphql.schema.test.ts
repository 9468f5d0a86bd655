/**
 * graphql/schema.graphql is what the app serves: regenerate it with `npm run api:generate:graphql`
 * after a change to the content types or the GraphQL extensions.
 */
import { readFileSync } from 'node:fs';
import { GRAPHQL_SCHEMA_FILE, servedGraphqlSchema } from '../../scripts/lib/graphql-schema';
import { baseUrl } from '../helpers/api';

/** The first line where the two texts differ, or null when they are the same. */
function firstDifference(committed: string, served: string) {
  if (committed === served) return null;
  const [a, b] = [committed.split('\n'), served.split('\n')];
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return { line: at + 1, committed: a[at], served: b[at] };
}

describe('graphql/schema.graphql', () => {
  it('is the schema the app serves (else run npm run api:generate:graphql)', async () => {
    const served = await servedGraphqlSchema(baseUrl());
    expect(served).toContain('fallbackLocale: I18NLocaleCode');
    expect(firstDifference(readFileSync(GRAPHQL_SCHEMA_FILE, 'utf8'), served)).toBeNull();
  });
});
