/**
 * Every GraphQL query this project documents (README.md, docs/, the demo site in public/site/)
 * passes api-guards' default limits (cost, aliases, root fields) against the booted app. The limits
 * themselves are tested in the plugin host (src/plugins/api-guards/tests/host/graphql-limits.test.ts).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { graphql } from '../helpers/api';

const ROOT = path.resolve(__dirname, '..', '..');

/** Files that document GraphQL queries for readers. */
function documentedFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : [file];
    });
  const docs = walk(path.join(ROOT, 'docs')).filter((file) => file.endsWith('.md'));
  const site = walk(path.join(ROOT, 'public', 'site')).filter((file) => file.endsWith('.js'));
  return [path.join(ROOT, 'README.md'), ...docs, ...site];
}

/**
 * The GraphQL documents in a file: `"query":"…"` in JSON request bodies (curl examples),
 * fenced ```graphql blocks, and, in a file that talks to /graphql, template literals that parse
 * as GraphQL operations.
 */
function queriesIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/-d\s+'(\{[^']*"query"[^']*\})'/g)) {
    found.push((JSON.parse(match[1]) as { query: string }).query);
  }
  for (const match of text.matchAll(/```graphql\n([\s\S]*?)```/g)) found.push(match[1]);
  const literals = text.includes('/graphql') ? text.matchAll(/`((?:query|\{)[^`$]*\})`/g) : [];
  for (const match of literals) {
    try {
      parse(match[1]);
      found.push(match[1]);
    } catch {
      // not GraphQL
    }
  }
  return [...new Set(found)];
}

describe('documented queries', () => {
  const documented = documentedFiles().flatMap((file) =>
    queriesIn(readFileSync(file, 'utf8')).map(
      (query) => [path.relative(ROOT, file), query] as [string, string]
    )
  );

  it('finds the examples (the README has some, README and docs at least five)', () => {
    expect(documented.filter(([file]) => file === 'README.md').length).toBeGreaterThanOrEqual(2);
    const inDocs = documented.filter(([file]) => file === 'README.md' || file.startsWith('docs'));
    expect(inDocs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(documented)('%s: %s passes the default limits', async (_file, query) => {
    const res = await graphql(query);
    const codes = (res.body.errors ?? []).map(
      (error: { extensions?: { code?: string } }) => error.extensions?.code
    );
    expect(codes).toEqual([]);
    expect(res.status).toBe(200);
  });
});
