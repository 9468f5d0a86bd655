import { parse } from 'graphql';
import { parseCorsOrigins } from '../../src/lib/security/cors';
import { findOversizedPagination } from '../../src/lib/graphql-limits/pagination';
import pluginsConfig from '../../config/plugins';

/** Strapi's `env` helper, reduced to what config/plugins.ts uses, over a given environment. */
function envOf(values: Record<string, string>) {
  const env = (name: string, fallback?: string) => values[name] ?? fallback;
  env.int = (name: string, fallback?: number) =>
    values[name] === undefined ? fallback : Number.parseInt(values[name], 10);
  env.bool = (name: string, fallback?: boolean) =>
    values[name] === undefined ? fallback : values[name] === 'true';
  return env;
}

function graphqlConfig(nodeEnv: string) {
  const env = envOf({ NODE_ENV: nodeEnv });
  const plugins = pluginsConfig({ env } as unknown as Parameters<typeof pluginsConfig>[0]);
  return (
    plugins as {
      graphql: {
        config: { landingPage: unknown; apolloServer: { introspection: boolean } };
      };
    }
  ).graphql.config;
}

describe('GraphQL in production', () => {
  it('turns the landing page and introspection off', () => {
    const config = graphqlConfig('production');
    // A function returning Apollo's "landing page disabled" plugin (see tests/api/durability).
    expect(typeof config.landingPage).toBe('function');
    expect(config.apolloServer.introspection).toBe(false);
  });

  it('keeps both on in development', () => {
    const config = graphqlConfig('development');
    expect(config.landingPage).toBe(true);
    expect(config.apolloServer.introspection).toBe(true);
  });
});

describe('parseCorsOrigins', () => {
  it('allows any origin without credentials when unset, empty or *', () => {
    for (const value of [undefined, '', ' ', '*', 'https://a.example,*']) {
      expect(parseCorsOrigins(value)).toEqual({ origin: '*', credentials: false });
    }
  });

  it('allows exactly the listed origins, trimmed, without trailing slashes', () => {
    expect(parseCorsOrigins(' https://a.example/ , http://localhost:3000')).toEqual({
      origin: ['https://a.example', 'http://localhost:3000'],
      credentials: true,
    });
  });
});

describe('findOversizedPagination', () => {
  const find = (query: string, variables?: Record<string, unknown>) =>
    findOversizedPagination(parse(query), variables, 100);

  it('accepts limits up to the maximum', () => {
    expect(find('{ cities(pagination: { pageSize: 100 }) { name } }')).toBeNull();
    expect(find('{ cities { name } }')).toBeNull();
  });

  it('names a literal limit or pageSize above the maximum', () => {
    expect(find('{ cities(pagination: { limit: 1000 }) { name } }')).toBe(
      'pagination.limit is 1000; at most 100 entries per request are allowed'
    );
    expect(
      find('{ a: countries { name } cities(pagination: { pageSize: 101 }) { name } }')
    ).toMatch(/pageSize is 101/);
  });

  it('resolves variables', () => {
    expect(
      find('query($p: PaginationArg) { cities(pagination: $p) { name } }', { p: { limit: 500 } })
    ).toMatch(/limit is 500/);
    expect(
      find('query($n: Int) { cities(pagination: { pageSize: $n }) { name } }', { n: 250 })
    ).toMatch(/pageSize is 250/);
  });
});
