import { parseCorsOrigins } from '../../src/lib/security/cors';
import pluginsConfig from '../../config/plugins';

/** Strapi's `env` helper, reduced to what config/plugins.ts uses, over a given environment. */
function envOf(values: Record<string, string>) {
  const env = (name: string, fallback?: string) => values[name] ?? fallback;
  env.int = (name: string, fallback?: number) =>
    values[name] === undefined ? fallback : Number.parseInt(values[name], 10);
  env.float = (name: string, fallback?: number) =>
    values[name] === undefined ? fallback : Number.parseFloat(values[name]);
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

function apiGuardsConfig(values: Record<string, string>) {
  const env = envOf(values);
  const plugins = pluginsConfig({ env } as unknown as Parameters<typeof pluginsConfig>[0]);
  return (plugins as { 'api-guards': { config: Record<string, unknown> } })['api-guards'].config;
}

describe('api-guards settings from the environment', () => {
  it('maps POPULATE_MAX_DEPTH and USERS_ALLOW_REGISTER, with the documented defaults', () => {
    expect(apiGuardsConfig({})).toMatchObject({
      populate: { maxDepth: 3 },
      registration: { allow: false },
    });
    expect(
      apiGuardsConfig({ POPULATE_MAX_DEPTH: '5', USERS_ALLOW_REGISTER: 'true' })
    ).toMatchObject({ populate: { maxDepth: 5 }, registration: { allow: true } });
  });

  it('maps the fair share and the tarpit, with the documented defaults', () => {
    expect(apiGuardsConfig({})).toMatchObject({
      missPath: {
        fairShare: { enabled: true, busyAbove: 0.9, factor: 2, windowMs: 1000, minPerWindow: 20 },
        tarpit: { delayMs: 1000, maxHeld: 1024 },
      },
    });
    expect(
      apiGuardsConfig({
        API_FAIR_SHARE_ENABLED: 'false',
        API_FAIR_SHARE_BUSY_ABOVE: '0.75',
        API_FAIR_SHARE_FACTOR: '1.5',
        API_FAIR_SHARE_MIN: '50',
        API_TARPIT_MS: '0',
        API_TARPIT_MAX_HELD: '10',
      })
    ).toMatchObject({
      missPath: {
        fairShare: { enabled: false, busyAbove: 0.75, factor: 1.5, minPerWindow: 50 },
        tarpit: { delayMs: 0, maxHeld: 10 },
      },
    });
  });
});

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
