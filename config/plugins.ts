import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Core } from '@strapi/strapi';
import { mutatePublicOpenApi } from '../src/website-api/openapi';
import { pageUrl } from '../src/preview/handler';
import siteConfig from './site';

/** Same bounds as the REST API in config/api.ts, so both APIs page alike. */
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * Tracking parameters websites' URLs pick up (campaign and click ids, cache-busters): api-guards
 * removes them before Strapi validates the query (else `api.rest.strictParams` makes them a 400)
 * and the response cache leaves them out of its key.
 */
const IGNORED_QUERY_PARAMS = ['utm_*', 'gclid', 'fbclid', 'mc_cid', 'mc_eid', '_'];

/**
 * Public paths outside /api and /graphql that are computed per request from content: cached by
 * the response cache (tags, eviction on writes) and guarded by api-guards like the API.
 */
const COMPUTED_PUBLIC_PATHS = ['/sitemap.xml', '/sitemap-*.xml', '/openapi.json'];

/**
 * Where the API rate-limit counters live (API_RATELIMIT_STORE, else following the response
 * cache's bus): Redis when the instances already share one, PostgreSQL when they coordinate
 * through the database, else per process.
 */
function rateLimitStore(env: Core.Config.Shared.ConfigParams['env']): string {
  const explicit = env('API_RATELIMIT_STORE', '');
  if (explicit !== '') return explicit;
  const bus = env('CACHE_BUS', 'auto');
  if (bus === 'redis' || (bus === 'auto' && env('REDIS_URL', '') !== '')) return 'redis';
  if (bus === 'postgres') return 'postgres';
  return 'memory';
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  const production = env('NODE_ENV') === 'production';
  return {
    i18n: {
      enabled: true,
    },
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 5),
        defaultLimit: DEFAULT_LIMIT,
        maxLimit: MAX_LIMIT,
        // `false` would still serve Apollo's production page (which loads Apollo's CDN); in
        // production the landing page is switched off entirely.
        landingPage: production ? () => ApolloServerPluginLandingPageDisabled() : true,
        apolloServer: {
          introspection: !production,
          // strapi::cors (config/middlewares.ts, CORS_ORIGINS) already answers for /graphql.
          cors: false,
          // Apollo's per-field cache-hint hooks are switched off by miss-path-speedups (below).
        },
      },
    },
    'users-permissions': {
      config: {
        // At most 5 requests per IP within the window on /api/auth/* (the 6th gets 429).
        ratelimit: {
          interval: env.int('AUTH_RATELIMIT_INTERVAL_MS', 5 * 60 * 1000),
          max: env.int('AUTH_RATELIMIT_MAX', 5),
        },
      },
    },
    documentation: {
      enabled: true,
      config: {
        info: {
          version: '1.0.0',
          title: 'Creative Cities CMS',
          description:
            'Content API of the UNESCO Creative Cities Network (de, en). Read access is public; see docs/api.md.',
        },
        // Narrows the generated document to what the Public role can do (src/website-api/openapi).
        'x-strapi-config': { mutateDocumentation: mutatePublicOpenApi },
      },
    },
    // This project's own capabilities, each a plugin package of this repo's npm workspaces
    // (src/plugins/<name>, a dependency in package.json; its README.md).
    'locale-fallback': {
      enabled: true,
      // Used only without a bus between instances (docs/operations.md, "Locales and fallback").
      config: {
        settingsRecheckMs: env.int('LOCALE_SETTINGS_RECHECK_MS', 1000),
        // Unset: on (GRAPHQL_LOOK_AHEAD=false to compare, as `npm run bench` can).
        graphqlLookAhead: env.bool('GRAPHQL_LOOK_AHEAD', true),
      },
    },
    // Before translations: its Document Service middleware must run outermost, so that what
    // other plugins' middlewares change inside a write is recorded with it.
    history: {
      enabled: true,
      config: {
        // Unset: on (HISTORY_ENABLED=false to compare, as the bench does).
        enabled: env.bool('HISTORY_ENABLED', true),
        retention: {
          keepLast: env.int('HISTORY_KEEP_LAST', 100),
          keepDays: env.int('HISTORY_KEEP_DAYS', 90),
          pruneEvery: env.int('HISTORY_PRUNE_EVERY', 10),
        },
      },
    },
    translations: {
      enabled: true,
      config: {
        // Unset: the plugin's default (10 MiB).
        importMaxBytes: env.int('TRANSLATION_IMPORT_MAX_BYTES'),
        // Publishing an English version needs the review state "reviewed" (default false).
        requireReview: env.bool('TRANSLATION_REQUIRE_REVIEW', false),
        // The page named in each XLIFF unit's context note: the admin preview's URL.
        previewUrl: (uid: string, document: Record<string, unknown>, locale: string) =>
          pageUrl(siteConfig({ env }), uid, locale, document),
        // The term base (TBX/CSV export, terms in XLIFF units, import warnings). `status` is a
        // reserved attribute name on a draft & publish type, hence `termStatus`.
        glossary: {
          uid: 'api::glossary-term.glossary-term',
          fields: { status: 'termStatus' },
        },
      },
    },
    // Listed before response-cache: plugins register in this order, and api-guards' front door
    // (credentials, GraphQL body size, byte budgets) must run ahead of the cache's hits.
    'api-guards': {
      enabled: true,
      config: {
        ignoredQueryParams: IGNORED_QUERY_PARAMS,
        populate: { maxDepth: env.int('POPULATE_MAX_DEPTH', 3) },
        filters: {
          maxRelationDepth: env.int('FILTERS_MAX_RELATION_DEPTH', 2),
          maxJoins: env.int('FILTERS_MAX_JOINS', 10),
          maxToManyJoins: env.int('FILTERS_MAX_TO_MANY_JOINS', 2),
          maxInValues: env.int('FILTERS_MAX_IN_VALUES', 100),
          maxConditions: env.int('FILTERS_MAX_CONDITIONS', 50),
        },
        registration: { allow: env.bool('USERS_ALLOW_REGISTER', false) },
        graphql: {
          maxCost: env.int('GRAPHQL_MAX_COST', 20000),
          maxAliases: env.int('GRAPHQL_MAX_ALIASES', 15),
          maxRootFields: env.int('GRAPHQL_MAX_ROOT_FIELDS', 10),
          maxTokens: env.int('GRAPHQL_MAX_TOKENS', 5000),
          maxExpandedFields: env.int('GRAPHQL_MAX_EXPANDED_FIELDS', 2000),
          maxVariablesDepth: env.int('GRAPHQL_MAX_VARIABLES_DEPTH', 20),
          maxBodyBytes: env.int('GRAPHQL_MAX_BODY_BYTES', 64 * 1024),
        },
        missPath: {
          enabled: env.bool('API_RATELIMIT_ENABLED', true),
          extraPaths: COMPUTED_PUBLIC_PATHS,
          rateLimit: {
            rate: env.int('API_RATELIMIT_RATE', 10),
            burst: env.int('API_RATELIMIT_BURST', 100),
            burstWindowSeconds: env.int('API_RATELIMIT_BURST_WINDOW_S', 10),
            graphqlCostPerRequest: env.int('API_RATELIMIT_COST_PER_REQUEST', 250),
            store: rateLimitStore(env),
            redisUrl: env('REDIS_URL', ''),
            bytesPerSecond: env.int('API_RATELIMIT_BYTES_PER_S', 8 * 1024 * 1024),
            burstBytes: env.int('API_RATELIMIT_BURST_BYTES', 64 * 1024 * 1024),
            authFailuresPerMinute: env.int('API_AUTH_FAILURES_PER_MIN', 30),
          },
          concurrency: {
            maxInFlight: env.int('API_MAX_IN_FLIGHT', 4),
            perClient: env.int('API_MAX_IN_FLIGHT_PER_CLIENT', 2),
            queueSize: env.int('API_QUEUE_SIZE', 32),
            queueTimeoutMs: env.int('API_QUEUE_TIMEOUT_MS', 2000),
          },
          // While the event loop is busy, no anonymous client takes more than its fair share.
          fairShare: {
            enabled: env.bool('API_FAIR_SHARE_ENABLED', true),
            busyAbove: env.float('API_FAIR_SHARE_BUSY_ABOVE', 0.9),
            factor: env.float('API_FAIR_SHARE_FACTOR', 2),
            windowMs: 1000,
            minPerWindow: env.int('API_FAIR_SHARE_MIN', 20),
          },
          // A 429 for a client's own excess is answered after this delay (a tarpit).
          tarpit: {
            delayMs: env.int('API_TARPIT_MS', 1000),
            maxHeld: env.int('API_TARPIT_MAX_HELD', 1024),
          },
        },
        server: {
          headersTimeoutMs: env.int('SERVER_HEADERS_TIMEOUT_MS', 10_000),
          requestTimeoutMs: env.int('SERVER_REQUEST_TIMEOUT_MS', 30_000),
          keepAliveTimeoutMs: env.int('SERVER_KEEPALIVE_TIMEOUT_MS', 5_000),
          maxConnections: env.int('SERVER_MAX_CONNECTIONS', 8192),
          // Behind a reverse proxy every client has the proxy's address: raise it or set 0.
          maxConnectionsPerAddress: env.int('SERVER_MAX_CONNECTIONS_PER_ADDRESS', 256),
          // Longer URLs get a JSON 414 with CORS headers; heads over SERVER_MAX_HEADER_BYTES a 431.
          maxUrlBytes: env.int('SERVER_MAX_URL_BYTES', 16 * 1024),
          maxHeaderBytes: env.int('SERVER_MAX_HEADER_BYTES', 64 * 1024),
        },
      },
    },
    'response-cache': {
      enabled: true,
      // Unset variables fall back to the plugin's defaults (src/plugins/response-cache/README.md).
      config: {
        enabled: env.bool('CACHE_ENABLED'),
        maxEntries: env('CACHE_MAX_ENTRIES'),
        maxBytes: env('CACHE_MAX_BYTES'),
        maxEntryBytes: env('CACHE_MAX_ENTRY_BYTES'),
        paths: COMPUTED_PUBLIC_PATHS,
        cacheControl: env('CACHE_CONTROL'),
        bus: env('CACHE_BUS'),
        redisUrl: env('REDIS_URL'),
        queryCountHeader: env.bool('QUERY_COUNT_HEADER'),
        surrogateControl: env('CACHE_SURROGATE_CONTROL'),
        purger: { kind: 'varnish', urls: env('CACHE_PURGE_VARNISH_URLS') },
        tokenReads: env.bool('CACHE_TOKEN_READS'),
        checkLists: env.bool('CACHE_CHECK_LISTS'),
        // gzip and brotli by Accept-Encoding, for every compressible response of the app.
        compression: {
          enabled: env.bool('COMPRESSION_ENABLED'),
          minBytes: env('COMPRESSION_MIN_BYTES'),
          brotliQuality: env('COMPRESSION_BROTLI_QUALITY'),
        },
        // The channel instances of this app have always used (a rolling deploy keeps talking).
        channel: 'ccn_response_cache',
        ignoredQueryParams: IGNORED_QUERY_PARAMS,
      },
    },
    // Cheaper uncached reads, each switch kept on an environment variable (docs/operations.md);
    // `false` switches one off, to compare (src/plugins/miss-path-speedups/README.md).
    'miss-path-speedups': {
      enabled: true,
      config: {
        statementCache: env.bool('DATABASE_STATEMENT_CACHE', true),
        contentApiMemo: env('CONTENT_API_MEMO', 'true') !== 'false',
        readsWithoutTransaction: env('READS_WITHOUT_TRANSACTION', 'true') !== 'false',
        outputSanitizerFastPath: env('OUTPUT_SANITIZER_FAST_PATH', 'true') !== 'false',
        graphqlCacheHintsOff: true,
        countMemo: env('COUNT_MEMO', 'true') !== 'false',
      },
    },
    // Sets of document versions published together, now or at a set time
    // (src/plugins/releases/README.md); unset variables keep the plugin's defaults.
    releases: {
      enabled: true,
      config: {
        pollIntervalMs: env.int('RELEASES_POLL_INTERVAL_MS'),
        runScheduled: env.bool('RELEASES_RUN_SCHEDULED'),
        leaseSeconds: env.int('RELEASES_LEASE_SECONDS'),
      },
    },
    search: {
      enabled: true,
      config: {
        types: {
          'api::city.city': {
            fields: ['name'],
            alternativeNames: 'alternativeNames',
            facets: ['creativeField', 'country'],
          },
          'api::country.country': { fields: ['name'], alternativeNames: 'alternativeNames' },
          'api::creative-field.creative-field': { fields: ['name'] },
        },
      },
    },
  };
};

export default config;
