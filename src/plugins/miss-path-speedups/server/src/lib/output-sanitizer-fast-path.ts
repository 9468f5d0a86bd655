/**
 * A fast path for `strapi.contentAPI.sanitize.output`, the last step of every REST read: when a
 * response has nothing the sanitizer would remove, it is returned as it is, without the walks.
 *
 * Strapi's output sanitizer walks every entity of a response three times with `traverseEntity`
 * (passwords and private attributes; relations to types the reader may not `find`; the
 * users-permissions plugin's users-of-a-role rule), copying each node and building a path and an
 * options object for every key. For the populated city list (25 cities, each with its country and
 * creative field) that was about a quarter of the CPU time of an uncached request
 * (../../../README.md). Almost always none of it removes anything: public types have no password
 * or private attribute, and a website reads only relations it may read.
 *
 * So one synchronous walk over the same keys decides first. It answers "nothing to remove" only
 * when every key of every node is something the three walks leave alone: a key that is no
 * attribute, a scalar or component attribute that is not a password and not private, a relation
 * whose target the reader may `find` (asked once per target and request through
 * `strapi.auth.verify`, as Strapi's walk does) and that is no morph relation and not the rule of
 * the users-permissions plugin. Anything else (a dynamic zone, a morph relation, media, an output
 * sanitizer registered by another plugin, options other than `auth`) goes through Strapi's
 * sanitizer unchanged. The answer is then the data itself; Strapi's would be an equal copy.
 *
 * The plugin's `tests/api/output-sanitizer-fast-path.contract.test.ts` checks on the booted app, with
 * fast-check, that the fast path gives what Strapi's sanitizer gives, for random entities of the
 * app's types and of users-permissions' (passwords and private fields included) under random
 * permissions.
 */
import { contentTypes } from '@strapi/utils';

interface Attribute {
  type?: string;
  relation?: string;
  target?: string;
  component?: string;
  private?: boolean;
}

/** The parts of a model the walk reads. */
export interface Model {
  uid?: string;
  attributes: Record<string, Attribute | undefined>;
  options?: { populateCreatorFields?: boolean };
}

type OutputSanitizer = (data: unknown, schema: Model, options?: { auth?: unknown }) => unknown;

/** What the fast path needs from Strapi (../internals.ts adapts the app's). */
export interface OutputSanitizerHost {
  /** `strapi.contentAPI.sanitize`: its `output` is replaced. */
  sanitize: { output: OutputSanitizer };
  getModel(uid: string): Model | undefined;
  /** `strapi.sanitizers.get('content-api.output')`: the extra output sanitizers of plugins. */
  registeredOutputSanitizers(): unknown[];
  /** Those of them whose rule the walk applies itself (users-permissions'). */
  knownOutputSanitizers: ReadonlySet<unknown>;
  /** `strapi.auth.verify`: resolves when `auth` may use `scope`, rejects otherwise. */
  verify(auth: unknown, config: { scope: string }): Promise<unknown> | unknown;
}

/** How often each path was taken since start (the contract test reads it). */
export interface FastPathStats {
  fast: number;
  full: number;
}

const CREATOR_FIELDS = new Set(['createdBy', 'updatedBy']);
const ROLE = 'plugin::users-permissions.role';
const USER = 'plugin::users-permissions.user';

/**
 * Where the counters hang on the `sanitize` object: a registered symbol, so that a test that
 * loaded this module apart from the app (jest's own module registry) finds them.
 */
const STATS = Symbol.for('creative-cities.output-sanitizer-fast-path');

/** The counters of the fast path installed on `sanitize` (undefined when none is). */
export function fastPathStats(sanitize: object): FastPathStats | undefined {
  return (sanitize as { [STATS]?: FastPathStats })[STATS];
}

/** What the walk does with a key of a model: nothing, give up, or go into a relation or component. */
type Step =
  | { kind: 'needs-sanitizing' }
  | { kind: 'relation'; target: string; checkTarget: boolean }
  | { kind: 'component'; component: string };

/** The steps of a model's keys that are not "nothing" (computed once per model object). */
const plans = new WeakMap<Model, Map<string, Step>>();

function planOf(schema: Model): Map<string, Step> {
  let plan = plans.get(schema);
  if (plan) return plan;
  plan = new Map();
  for (const [key, attribute] of Object.entries(schema.attributes)) {
    if (!attribute) continue;
    const step = stepOf(schema, key, attribute);
    if (step) plan.set(key, step);
  }
  plans.set(schema, plan);
  return plan;
}

function stepOf(schema: Model, key: string, attribute: Attribute): Step | undefined {
  const needsSanitizing = { kind: 'needs-sanitizing' } as const;
  if (attribute.type === 'password') return needsSanitizing;
  if (attribute.private === true || contentTypes.isPrivateAttribute(schema as never, key))
    return needsSanitizing;
  switch (attribute.type) {
    case 'relation': {
      const target = attribute.target;
      if (typeof target !== 'string' || typeof attribute.relation !== 'string')
        return needsSanitizing;
      if (attribute.relation.toLowerCase().startsWith('morph')) return needsSanitizing;
      if (schema.uid === ROLE && target === USER) return needsSanitizing;
      // Strapi leaves creator fields alone where the type shows them; else they need `find`.
      const checkTarget = !(CREATOR_FIELDS.has(key) && schema.options?.populateCreatorFields);
      return { kind: 'relation', target, checkTarget };
    }
    case 'component':
      return typeof attribute.component === 'string'
        ? { kind: 'component', component: attribute.component }
        : needsSanitizing;
    case 'dynamiczone':
    case 'media':
      return needsSanitizing;
    default:
      return undefined;
  }
}

/**
 * Whether Strapi's walks could change `value` (a node of `schema`, or an array of such). Adds the
 * uid of every relation target met to `targets`: the reader must be allowed to `find` each.
 */
function mayNeedSanitizing(
  value: unknown,
  schema: Model | undefined,
  getModel: (uid: string) => Model | undefined,
  targets: Set<string>
): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (mayNeedSanitizing(item, schema, getModel, targets)) return true;
    return false;
  }
  if (value === null || typeof value !== 'object' || !schema) return false;
  const plan = planOf(schema);
  if (plan.size === 0) return false;
  const node = value as Record<string, unknown>;
  for (const key of Object.keys(node)) {
    const step = plan.get(key);
    if (step === undefined) continue;
    if (step.kind === 'needs-sanitizing') return true;
    const nested = node[key];
    if (step.kind === 'relation') {
      // The relation walk removes the key itself, even when it holds null, if `find` is denied.
      if (step.checkTarget) targets.add(step.target);
      if (nested != null && mayNeedSanitizing(nested, getModel(step.target), getModel, targets))
        return true;
    } else if (
      nested != null &&
      mayNeedSanitizing(nested, getModel(step.component), getModel, targets)
    ) {
      return true;
    }
  }
  return false;
}

/** Whether every registered output sanitizer is one whose rule the walk applies. */
function onlyKnownSanitizers(host: OutputSanitizerHost): boolean {
  const registered = host.registeredOutputSanitizers();
  return registered.every((sanitizer) => host.knownOutputSanitizers.has(sanitizer));
}

async function mayFindAll(
  host: OutputSanitizerHost,
  auth: unknown,
  targets: Set<string>
): Promise<boolean> {
  for (const target of targets) {
    try {
      await host.verify(auth, { scope: `${target}.find` });
    } catch {
      return false;
    }
  }
  return true;
}

/** Installs the fast path on `host.sanitize`; a second call does nothing. */
export function installOutputSanitizerFastPath(host: OutputSanitizerHost): void {
  if (fastPathStats(host.sanitize)) return;
  const counters: FastPathStats = { fast: 0, full: 0 };
  Object.defineProperty(host.sanitize, STATS, { value: counters });
  const full = host.sanitize.output.bind(host.sanitize);
  const getModel = (uid: string) => host.getModel(uid);

  host.sanitize.output = async (data, schema, options) => {
    const plainOptions =
      options === undefined ||
      (typeof options === 'object' &&
        options !== null &&
        Object.keys(options).every((key) => key === 'auth'));
    if (schema && plainOptions && onlyKnownSanitizers(host)) {
      const targets = new Set<string>();
      if (!mayNeedSanitizing(data, schema, getModel, targets)) {
        // Without auth Strapi checks no relation; with auth every target must be readable.
        const auth = options?.auth;
        if (!auth || (await mayFindAll(host, auth, targets))) {
          counters.fast += 1;
          return data;
        }
      }
    }
    counters.full += 1;
    return full(data, schema, options);
  };
}
