/**
 * Memos of the per-request work of Strapi's content API that depends only on what a request asks
 * and on the permissions it is read with, so that an uncached read pays it once per distinct
 * query instead of every time (the CPU profile of an uncached list puts query validation and
 * sanitising, with their lodash, among the largest shares; ../../../README.md):
 *
 * - `strapi.contentAPI.permissions.engine.generateAbility(permissions)`: the users-permissions
 *   strategy reads the role's permissions from the database on every request (kept: a change on
 *   another instance shows at once) and builds a new CASL ability from them. The ability depends
 *   on nothing but that list, so equal lists get the same ability, memoized by their JSON.
 * - `strapi.contentAPI.validate.query` and `strapi.contentAPI.sanitize.query` (the core
 *   controllers' `validateQuery`/`sanitizeQuery`, GraphQL's argument sanitising): the outcome
 *   depends on the query, the content type, the route, `strictParams` and the ability (restricted
 *   relations are checked against it). Memoized per ability object, so a change of permissions
 *   (a new list, hence a new ability) starts from nothing. Only for the users-permissions strategy
 *   (anonymous readers and website users), whose `verify` looks at the ability alone; API tokens'
 *   `verify` also looks at the token (type, expiry) and goes through unchanged. Only successes
 *   are kept: a refused query is validated again every time and throws the same error. A
 *   sanitised query is handed out as a copy, so no caller can change the memo.
 *
 * The wrapped functions are Strapi internals in the sense that Strapi does not document wrapping
 * them: the plugin's `tests/api/content-api-memo.contract.test.ts` names each and fails when an
 * upgrade changes them.
 */
import { Lru } from './lru';

type Query = Record<string, unknown>;

interface ContentApiAuth {
  strategy?: { name?: string };
  credentials?: unknown;
  ability?: unknown;
}

/** The options the core controllers and the GraphQL plugin pass (see getContentAPIOptions). */
export interface ContentApiOptions {
  auth?: ContentApiAuth;
  route?: unknown;
  strictParams?: boolean;
}

type QueryFunction<R> = (
  query: Query,
  schema: { uid?: string },
  options?: ContentApiOptions
) => Promise<R>;

/** The part of `strapi.contentAPI` wrapped here. */
export interface ContentApi {
  sanitize: { query: QueryFunction<Query> };
  validate: { query: QueryFunction<unknown> };
  permissions: {
    engine: { generateAbility: (permissions: unknown, options?: unknown) => Promise<unknown> };
  };
}

/** Distinct permission lists kept (roles and tokens in use at once). */
const ABILITIES = 64;
/** Distinct queries kept per ability and function (request variety of a website). */
const QUERIES = 2000;
const OPTION_KEYS = new Set(['auth', 'route', 'strictParams']);

const installed = new WeakSet<ContentApi>();

/** Numbers the routes (objects that live as long as the app) for the memo keys. */
function routeIds(): (route: unknown) => string {
  const ids = new WeakMap<object, number>();
  let next = 0;
  return (route) => {
    if (route === undefined || route === null) return '-';
    if (typeof route !== 'object') return `?${String(route)}`;
    let id = ids.get(route);
    if (id === undefined) {
      id = next += 1;
      ids.set(route, id);
    }
    return String(id);
  };
}

/**
 * The ability a memo is scoped to, or undefined when the call must go through unchanged: other
 * auth strategies, no ability, or options this module does not know (which could change the
 * outcome).
 */
function memoScope(options: ContentApiOptions | undefined): object | undefined {
  if (!options || typeof options !== 'object') return undefined;
  for (const key of Object.keys(options)) if (!OPTION_KEYS.has(key)) return undefined;
  const auth = options.auth;
  if (!auth || auth.strategy?.name !== 'users-permissions') return undefined;
  const ability = auth.ability;
  return typeof ability === 'object' && ability !== null ? ability : undefined;
}

function wrapQueryFunction<R>(original: QueryFunction<R>, copy: (value: R) => R): QueryFunction<R> {
  const memos = new WeakMap<object, Lru<{ value: R }>>();
  const routeId = routeIds();
  return async function memoized(query, schema, options) {
    const ability = memoScope(options);
    if (ability === undefined || typeof schema?.uid !== 'string') {
      return original(query, schema, options);
    }
    let key: string;
    try {
      key = `${schema.uid}\u0000${routeId(options?.route)}\u0000${String(options?.strictParams)}\u0000${JSON.stringify(query)}`;
    } catch {
      return original(query, schema, options);
    }
    let memo = memos.get(ability);
    const hit = memo?.get(key);
    if (hit) return copy(hit.value);
    const value = await original(query, schema, options);
    let stored: R;
    try {
      stored = copy(value);
    } catch {
      // Not a plain value (cannot be copied): not memoized.
      return value;
    }
    if (!memo) {
      memo = new Lru(QUERIES);
      memos.set(ability, memo);
    }
    memo.set(key, { value: stored });
    return value;
  };
}

/**
 * Installs the memos on `contentApi` (`strapi.contentAPI`); a second call does nothing. Call it
 * in the register phase, before the first request.
 */
export function installContentApiMemo(contentApi: ContentApi): void {
  if (installed.has(contentApi)) return;
  installed.add(contentApi);

  const engine = contentApi.permissions.engine;
  const generateAbility = engine.generateAbility.bind(engine);
  const abilities = new Lru<Promise<unknown>>(ABILITIES);
  engine.generateAbility = (permissions: unknown, options?: unknown) => {
    // With options (a user to evaluate conditions against) the ability is not the list's alone.
    if (options !== undefined) return generateAbility(permissions, options);
    let key: string;
    try {
      key = JSON.stringify(permissions);
    } catch {
      return generateAbility(permissions);
    }
    const known = abilities.get(key);
    if (known) return known;
    const made = generateAbility(permissions);
    abilities.set(key, made);
    // A failure is not remembered: the next request tries again.
    made.catch(() => {
      if (abilities.get(key) === made) abilities.delete(key);
    });
    return made;
  };

  contentApi.validate.query = wrapQueryFunction(contentApi.validate.query, (value) => value);
  contentApi.sanitize.query = wrapQueryFunction(contentApi.sanitize.query, (value) =>
    structuredClone(value)
  );
}
