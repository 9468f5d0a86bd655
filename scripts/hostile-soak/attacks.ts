/**
 * The attacks of the hostile soak (issue 22, and the floods of issue 16), each as what one of its
 * connections does until the phase's deadline. Every request that should miss the cache carries
 * a literal that changes per request (`zzq<n>`), as an attacker avoiding the cache would send.
 */
import net from 'node:net';
import http from 'node:http';
import { agentFrom, send, sleep, type Answer, type RequestOptions } from './http-client';
import { record, type Tally } from './tally';

export interface Connection {
  port: number;
  /** Epoch ms at which the phase ends: the connection stops and drops what is still open. */
  deadline: number;
  /** Loopback source address of this connection. */
  address: string;
  /** How many connections of this attack leave from the same address. */
  perAddress: number;
  /** This connection's share of the slow-header attack's sockets. */
  slowHeaderSockets: number;
  /** The anonymous miss rate per client (`API_RATELIMIT_RATE`): the populate flood stays under it. */
  ratePerAddress: number;
  /** ORDER_PAIRS' answers computed afresh, by entry (orderReferences). */
  orderReferences: Record<string, string>;
  tally: Tally;
}

export interface Attack {
  name: string;
  /** One line for the report. */
  summary: string;
  /** Source addresses it uses at most (the slow bodies come from 2, as in the issue). */
  maxAddresses?: number;
  /** The prober's uncached reads must be answered (not 5xx) while it runs. */
  judgesUncachedReads?: boolean;
  run(connection: Connection): Promise<void>;
}

let sequence = 0;
const next = () => (sequence += 1);

const graphql = (query: string, variables?: unknown): RequestOptions => ({
  body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
});

/**
 * Sends the requests `build` makes, back to back (or one per `paceMs`), until the deadline;
 * `check` names what is wrong with an answer that has the right status but wrong content.
 */
function flood(
  build: (n: number) => { path: string; options?: RequestOptions },
  options: {
    check?: (answer: Answer, path: string) => string | undefined;
    paceMs?: (connection: Connection) => number;
  } = {}
) {
  return async (connection: Connection): Promise<void> => {
    const agent = agentFrom(connection.address, 1);
    const pace = options.paceMs?.(connection) ?? 0;
    try {
      while (Date.now() < connection.deadline) {
        const started = Date.now();
        const { path, options: request = {} } = build(next());
        const answer = await send(agent, connection.port, path, {
          ...request,
          keepBody: options.check !== undefined,
          timeoutMs: Math.max(500, connection.deadline - Date.now()),
        });
        record(connection.tally, answer, options.check?.(answer, path), path);
        const wait = Math.min(pace - (Date.now() - started), connection.deadline - Date.now());
        if (wait > 0) await sleep(wait);
      }
    } finally {
      agent.destroy();
    }
  };
}

/** The floods of issue 16: lists near and over the cost budget, alias floods, wide populates. */
export function issue16Request(n: number): { path: string; options?: RequestOptions } {
  switch (n % 4) {
    case 0:
      return {
        path: '/graphql',
        options: graphql(
          `{ countries(pagination: { pageSize: ${60 + (n % 38)} }, filters: { name: { notContains: "zzq${n}" } }) { name cities { name country { name } } } }`
        ),
      };
    case 1:
      return {
        path: '/graphql',
        options: graphql(
          `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: cities(pagination: { pageSize: 100 }, filters: { name: { notContains: "zzq${n}" } }) { name country { name } }`).join(' ')} }`
        ),
      };
    case 2:
      return {
        path: '/graphql',
        options: graphql(
          `{ countries(pagination: { pageSize: 100 }, filters: { name: { notContains: "zzq${n}" } }) { cities(pagination: { pageSize: 100 }) { name country { name } } } }`
        ),
      };
    default:
      return {
        path: `/api/cities?populate=*&pagination[pageSize]=100&filters[name][$notContains]=zzq${n}`,
      };
  }
}

/** Each fragment spreads the previous one twice: 2^levels spreads from a 1 KB document. */
export function fragmentBomb(levels: number, n: number): string {
  let query = `{ cities(locale: "de", filters: { name: { notContains: "zzq${n}" } }) { ...F${levels} } } fragment F0 on City { name } `;
  for (let i = 1; i <= levels; i++)
    query += `fragment F${i} on City { ...F${i - 1} ...F${i - 1} } `;
  return query;
}

/** `$or` branches that each join a to-many relation (country → its cities). */
export function toManyBranches(branches: number, n: number): string {
  return Array.from(
    { length: branches },
    (_, i) => `filters[$or][${i}][country][cities][name][$containsi]=zzq${n}`
  ).join('&');
}

/** Two branches of four relation hops, two of them to-many. */
const fourHops = (n: number) =>
  `filters[$or][0][country][cities][creativeField][cities][name][$containsi]=zzq${n}&filters[$or][1][creativeField][cities][country][cities][name][$containsi]=zzq${n}`;

/**
 * A 950 KB GraphQL body with 34,000 variables the query does not declare: the same bytes on
 * every request, so after the first one it is a cache hit whose key is computed from the body.
 */
export function hugeVariablesBody(): string {
  const variables: Record<string, string> = {};
  for (let i = 0; i < 34_000; i++) variables[`v${i}`] = `zzq${i}`.padEnd(16, '.');
  return JSON.stringify({
    query: '{ cities(locale: "de", pagination: { pageSize: 100 }) { name slug memberSince } }',
    variables,
  });
}

/** Variables nested `depth` deep: a list in a list …, or a filter's `not` in a `not` … */
export function deepVariablesBody(kind: 'list' | 'object', depth: number): string {
  if (kind === 'list')
    return `{"query":"query Q($f: [String]) { cities(filters: { name: { in: $f } }) { name } }","variables":{"f":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
  return `{"query":"query Q($f: CityFiltersInput) { cities(filters: $f) { name } }","variables":{"f":${'{"not":'.repeat(depth)}{}${'}'.repeat(depth)}}}`;
}

/** Authorization values that are not a valid credential. */
const FORGED_AUTHORIZATION = ['x', 'Basic Zm9vOmJhcg==', 'Bearer', 'Bearer '];

const graphqlSort = (...sort: string[]) =>
  `{ cities(locale: "en", sort: ${JSON.stringify(sort)}, pagination: { pageSize: 25 }%FILTER%) { name memberSince } }`;

/**
 * Pairs of requests whose only difference is an order that changes the answer: REST paths, and
 * GraphQL queries with `%FILTER%` where a filter can go.
 */
export const ORDER_PAIRS: ReadonlyArray<readonly [string, string]> = [
  [
    '/api/cities?locale=de&sort[memberSince]=desc&sort[name]=desc&fields[0]=name&fields[1]=memberSince',
    '/api/cities?locale=de&sort[name]=desc&sort[memberSince]=desc&fields[0]=name&fields[1]=memberSince',
  ],
  [
    '/api/cities?locale=en&sort=memberSince:desc,name:asc&fields[0]=name&fields[1]=memberSince',
    '/api/cities?locale=en&sort=name:asc,memberSince:desc&fields[0]=name&fields[1]=memberSince',
  ],
  [
    '/api/cities?locale=en&sort[0]=memberSince:asc&sort[1]=name:desc&fields[0]=name&fields[1]=memberSince',
    '/api/cities?locale=en&sort[0]=name:desc&sort[1]=memberSince:asc&fields[0]=name&fields[1]=memberSince',
  ],
  [
    '/api/cities?locale=de&fields[0]=name&fields[1]=slug&sort=key:asc',
    '/api/cities?locale=de&fields[0]=slug&fields[1]=name&sort=key:asc',
  ],
  [
    '/api/cities?locale=de&populate[0]=country&populate[1]=creativeField&fields[0]=name&sort=key:asc',
    '/api/cities?locale=de&populate[0]=creativeField&populate[1]=country&fields[0]=name&sort=key:asc',
  ],
  [graphqlSort('memberSince:desc', 'name:asc'), graphqlSort('name:asc', 'memberSince:desc')],
];

/**
 * The request of an ORDER_PAIRS entry; with `n`, plus a filter that excludes nothing and changes
 * with `n`: a cache miss, so its answer is computed afresh.
 */
export function orderRequest(
  entry: string,
  n?: number
): { path: string; options?: RequestOptions } {
  if (entry.startsWith('/'))
    return { path: n === undefined ? entry : `${entry}&filters[name][$notContains]=zzq${n}` };
  const filter = n === undefined ? '' : `, filters: { name: { notContains: "zzq${n}" } }`;
  return { path: '/graphql', options: graphql(entry.replace('%FILTER%', filter)) };
}

/**
 * The answers of ORDER_PAIRS computed afresh, by entry: taken once before the phases (from
 * 127.0.0.1, on a quiet server), so that the cache-order attack starts at once.
 */
export async function orderReferences(port: number): Promise<Record<string, string>> {
  const agent = agentFrom('127.0.0.1', 1);
  const answers: Record<string, string> = {};
  for (const entry of ORDER_PAIRS.flat()) {
    const { path, options } = orderRequest(entry, next());
    const answer = await send(agent, port, path, { ...options, keepBody: true });
    if (answer.status !== 200 || answer.body === undefined)
      throw new Error(`${entry} answered ${answer.status} (${answer.error ?? ''})`);
    answers[entry] = answer.body;
  }
  agent.destroy();
  return answers;
}

/** Slow request bodies: announce 1000 bytes, send one a second, as long as the server waits. */
async function slowBody(connection: Connection): Promise<void> {
  let n = 0;
  while (Date.now() < connection.deadline) {
    n += 1;
    const path = n % 2 === 0 ? '/graphql' : '/api/cities?locale=de';
    const answer = await new Promise<Answer>((resolve) => {
      const started = performance.now();
      const req = http.request({
        host: '127.0.0.1',
        port: connection.port,
        path,
        method: 'POST',
        localAddress: connection.address,
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' },
      });
      const drip = setInterval(() => req.write(' '), 1000);
      const end = setTimeout(() => {
        req.destroy();
        connection.tally.heldToTheEnd += 1;
        finish({ status: 0, bytes: 0, error: 'held to the end' });
      }, connection.deadline - Date.now());
      const finish = (answer: Omit<Answer, 'ms'>) => {
        clearInterval(drip);
        clearTimeout(end);
        resolve({ ...answer, ms: performance.now() - started });
      };
      req.on('response', (res) => {
        res.resume();
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            bytes: 0,
            retryAfter: res.headers['retry-after'],
          })
        );
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        finish({ status: 0, bytes: 0, error: error.code ?? error.message })
      );
      req.write('{');
    });
    if (answer.error !== 'held to the end') record(connection.tally, answer, undefined, path);
  }
}

/** Connections that send their headers a line every 5 s and never finish them. */
async function slowHeaders(connection: Connection): Promise<void> {
  const sockets = new Set<net.Socket>();
  const { tally } = connection;
  for (let i = 0; i < connection.slowHeaderSockets && Date.now() < connection.deadline; i++) {
    const socket = net.connect({
      host: '127.0.0.1',
      port: connection.port,
      localAddress: connection.address,
    });
    sockets.add(socket);
    socket.once('connect', () => {
      tally.socketsOpened += 1;
      socket.write('GET /api/cities?locale=de HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    });
    socket.once('data', (chunk: Buffer) => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0);
      record(tally, { status, ms: 0, bytes: chunk.length });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      tally.errors[error.code ?? error.message] =
        (tally.errors[error.code ?? error.message] ?? 0) + 1;
    });
    socket.once('close', () => {
      sockets.delete(socket);
      // The tool closes its sockets only after the deadline.
      if (Date.now() < connection.deadline) tally.socketsClosedByServer += 1;
    });
    const drip = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 5000);
    socket.once('close', () => clearInterval(drip));
    // Opened over a second or two rather than at once, as a client of many sockets would.
    if (i % 50 === 49) await sleep(20);
  }
  await sleep(Math.max(0, connection.deadline - Date.now()));
  tally.heldToTheEnd += sockets.size;
  for (const socket of sockets) socket.destroy();
}

export const ATTACKS: readonly Attack[] = [
  {
    name: 'floods',
    summary: 'issue 16: GraphQL lists near/over the cost budget, 300 aliases, populate=* pages',
    run: flood(issue16Request),
  },
  {
    name: 'fragment-bomb',
    summary: 'GraphQL fragments each spreading the previous twice, 20/25/30 levels',
    run: flood((n) => ({
      path: '/graphql',
      options: graphql(fragmentBomb([20, 25, 30][n % 3], n)),
    })),
  },
  {
    name: 'fragment-cycle',
    summary: 'GraphQL fragments spreading each other',
    run: flood((n) => ({
      path: '/graphql',
      options: graphql(
        `{ cities(locale: "de", filters: { name: { notContains: "zzq${n}" } }) { ...A } } fragment A on City { name ...B } fragment B on City { slug ...A }`
      ),
    })),
  },
  {
    name: 'rest-filter-joins',
    summary: 'REST $or of 3/4/60 branches over a to-many relation; 2 branches of 4 hops',
    run: flood((n) => ({
      path: `/api/cities?locale=de&${n % 4 === 3 ? fourHops(n) : toManyBranches([3, 4, 60][n % 4], n)}`,
    })),
  },
  {
    name: 'graphql-filter-joins',
    summary: 'the same filters through GraphQL',
    run: flood((n) => {
      const branch = `{ country: { cities: { name: { containsi: "zzq${n}" } } } }`;
      const hops = `{ country: { cities: { creativeField: { cities: { name: { containsi: "zzq${n}" } } } } } }`;
      const branches =
        n % 4 === 3 ? [hops, hops] : Array.from({ length: [3, 4, 60][n % 4] }, () => branch);
      return {
        path: '/graphql',
        options: graphql(
          `{ cities(locale: "de", filters: { or: [${branches.join(', ')}] }) { name } }`
        ),
      };
    }),
  },
  {
    name: 'filter-in',
    summary: '$in with 1000 values (GraphQL, also across a to-many relation), 500 in a REST URL',
    run: flood((n) => {
      if (n % 2 === 0) {
        const values = Array.from({ length: 500 }, (_, i) => `filters[name][$in]=zzq${n}-${i}`);
        return { path: `/api/cities?locale=de&${values.join('&')}` };
      }
      const list = JSON.stringify(Array.from({ length: 1000 }, (_, i) => `zzq${n}-${i}`));
      return {
        path: '/graphql',
        options: graphql(
          `{ cities(locale: "de", filters: { or: [{ name: { in: ${list} } }, { country: { cities: { name: { in: ${list} } } } }] }) { name } }`
        ),
      };
    }),
  },
  {
    name: 'authorization',
    summary: 'the floods of issue 16 with Authorization: x / Basic … / Bearer / Bearer <garbage>',
    run: flood((n) => {
      const request = issue16Request(n);
      const forged = FORGED_AUTHORIZATION[n % FORGED_AUTHORIZATION.length];
      const value = forged === 'Bearer ' ? `Bearer ${n.toString(36).repeat(8)}` : forged;
      return {
        path: request.path,
        options: { ...request.options, headers: { Authorization: value } },
      };
    }),
  },
  {
    name: 'graphql-huge-body',
    summary: 'the same 950 KB GraphQL body with 34,000 variables, replayed',
    run: (() => {
      let body: string | undefined;
      return flood(() => ({ path: '/graphql', options: { body: (body ??= hugeVariablesBody()) } }));
    })(),
  },
  {
    name: 'graphql-deep-variables',
    summary: 'variables nested 300,000 deep (lists) and 100,000 deep (filter objects)',
    run: flood((n) => ({
      path: '/graphql',
      options: {
        body:
          n % 2 === 0 ? deepVariablesBody('list', 300_000) : deepVariablesBody('object', 100_000),
      },
    })),
  },
  {
    name: 'sitemap',
    summary: 'GET /sitemap.xml back to back',
    run: flood(() => ({ path: '/sitemap.xml' })),
  },
  {
    name: 'slow-body',
    summary: 'POST /api/cities and /graphql bodies at 1 byte/s, from 2 addresses',
    maxAddresses: 2,
    judgesUncachedReads: true,
    run: slowBody,
  },
  {
    name: 'large-populate',
    summary: 'pages of 100 with nested populate=* (MBs each), within the per-client rate',
    // Each address stays within its allowance of misses per second.
    run: flood(
      (n) => ({
        path:
          n % 2 === 0
            ? `/api/cities?locale=de&pagination[pageSize]=100&populate[country][populate][cities][populate]=*&filters[name][$notContains]=zzq${n}`
            : `/api/creative-fields?locale=de&populate[cities][populate]=*&filters[name][$notContains]=zzq${n}`,
      }),
      { paceMs: (connection) => (connection.perAddress / connection.ratePerAddress) * 1000 }
    ),
  },
  {
    name: 'slow-headers',
    summary: 'thousands of connections sending a header line every 5 s, never finishing',
    run: slowHeaders,
  },
  {
    name: 'cache-order',
    summary:
      'sort/fields in different orders: each answer compared with the same URL computed afresh',
    run: async (connection) => {
      const entries = Object.keys(connection.orderReferences);
      let entry = '';
      await flood(
        (n) => {
          entry = entries[n % entries.length];
          return orderRequest(entry);
        },
        {
          check: (answer) =>
            answer.status === 200 && answer.body !== connection.orderReferences[entry]
              ? `${entry.replace('%FILTER%', '')} answered with another order's body (X-Cache: ${answer.cache ?? '-'})`
              : undefined,
        }
      )(connection);
    },
  },
  {
    name: 'bad-input',
    summary: 'body null, pagination[page]/[start]/[pageSize]=1e308 (REST and search)',
    run: flood(
      (n) => {
        const miss = `filters[name][$notContains]=zzq${n}`;
        const requests: Array<{ path: string; options?: RequestOptions }> = [
          { path: '/graphql', options: { body: 'null' } },
          { path: '/api/cities?locale=de', options: { body: 'null' } },
          { path: `/api/cities?locale=de&pagination[page]=1e308&${miss}` },
          { path: `/api/cities?locale=de&pagination[start]=1e308&pagination[limit]=10&${miss}` },
          { path: `/api/cities?locale=de&pagination[pageSize]=1e308&${miss}` },
          { path: `/api/search?q=zzq${n}&locale=de&pagination[page]=1e308` },
        ];
        return requests[n % requests.length];
      },
      {
        check: (answer, path) => {
          if (answer.status !== 200 || !path.includes('[start]=1e308')) return undefined;
          const body = JSON.parse(answer.body ?? '{}') as { data?: unknown[] };
          return (body.data?.length ?? 0) > 0 ? `${path}: 200 with entries` : undefined;
        },
      }
    ),
  },
];

export const ATTACK_NAMES = ATTACKS.map((attack) => attack.name);
