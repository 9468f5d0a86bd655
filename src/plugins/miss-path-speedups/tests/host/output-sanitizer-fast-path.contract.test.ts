/**
 * Contract of server/src/lib/output-sanitizer-fast-path.ts with Strapi's output sanitizer,
 * on the plugin host booted in the jest process (where the plugin installed it): for random
 * entities of the host's types (articles, authors) and
 * of the users-permissions types (passwords, private fields, creator fields, a role's users),
 * under random permissions, the installed `strapi.contentAPI.sanitize.output` gives what a
 * sanitizer built by `@strapi/utils` the way Strapi builds its own gives. And the fast path is
 * what answers the populated article list, so the speed-up is real.
 */
import fc from 'fast-check';
import request from 'supertest';
import { sanitize } from '@strapi/utils';
import { hostStrapi, hostStrapiUrl } from '../../../../../tests/helpers/host';
import { addArticles, ARTICLE, AUTHOR } from '../../../../../tests/helpers/host-fixture';
import { usersPermissionsAuth, type Ability } from '../../../../../tests/helpers/content-api-auth';
import { fastPathStats } from '../../server/src/lib/output-sanitizer-fast-path';
import { usersPermissionsOutputSanitizer } from '../../server/src/internals';

type Output = (data: unknown, schema: unknown, options?: { auth?: unknown }) => Promise<unknown>;

interface AttributeShape {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
}

const TYPES = [
  ARTICLE,
  AUTHOR,
  'plugin::users-permissions.user',
  'plugin::users-permissions.role',
  'admin::user',
] as const;

const attributesOf = (uid: string) =>
  (hostStrapi().getModel(uid as never) as unknown as { attributes: Record<string, AttributeShape> })
    .attributes;

const scalar = fc.oneof(fc.constant(null), fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());

/** A random node of `uid` as the database layer returns it, `depth` levels of relations deep. */
function entityOf(uid: string, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {
    id: fc.integer({ min: 1, max: 9999 }),
    documentId: fc.string({ minLength: 1, maxLength: 6 }),
    notAnAttribute: scalar,
  };
  for (const [name, attribute] of Object.entries(attributesOf(uid))) {
    if (attribute.type === 'relation') {
      if (attribute.relation?.startsWith('morph')) {
        fields[name] = fc.oneof(fc.constant(null), fc.constant([{ __type: ARTICLE, id: 1 }]));
      } else if (
        depth > 0 &&
        attribute.target &&
        hostStrapi().getModel(attribute.target as never)
      ) {
        const target = entityOf(attribute.target, depth - 1);
        fields[name] = attribute.relation?.endsWith('ToMany')
          ? fc.oneof(fc.constant(null), fc.array(target, { maxLength: 2 }))
          : fc.oneof(fc.constant(null), target);
      } else {
        fields[name] = fc.constant(null);
      }
    } else if (attribute.type === 'component' && attribute.component) {
      const component = depth > 0 ? entityOf(attribute.component, depth - 1) : fc.constant(null);
      fields[name] = attribute.repeatable
        ? fc.oneof(fc.constant(null), fc.array(component, { maxLength: 2 }))
        : fc.oneof(fc.constant(null), component);
    } else if (attribute.type === 'dynamiczone' || attribute.type === 'media') {
      fields[name] = fc.constant(null);
    } else {
      fields[name] = scalar;
    }
  }
  return fc.record(fields, { requiredKeys: [] });
}

/** Random permission lists: each type's `find` granted or not. */
const permissions = fc.subarray(TYPES.map((uid) => ({ action: `${uid}.find` })));

/** The host's fixture has two articles in fr: two more, each with an author, for the list. */
let removeAdded: () => Promise<void>;
beforeAll(async () => {
  removeAdded = await addArticles(hostStrapi(), ['Contrat F', 'Contrat G']);
});
afterAll(() => removeAdded());

describe('output sanitizer fast path (server/src/lib/output-sanitizer-fast-path.ts)', () => {
  const strapi = () => hostStrapi();
  const installed = () => strapi().contentAPI.sanitize.output as unknown as Output;
  /** Strapi's sanitizer as `@strapi/core` builds it (services/content-api), without the fast path. */
  const reference = () =>
    sanitize.createAPISanitizers({
      getModel: (uid: string) => strapi().getModel(uid as never),
      sanitizers: { output: strapi().sanitizers.get('content-api.output') },
    } as never).output as unknown as Output;

  it('finds the sanitizer users-permissions registers where the fast path looks for it', () => {
    // The app's own copy of the module found the same function: the fast path answering the
    // populated list below shows it (an unknown registered sanitizer sends every response to
    // Strapi's walks).
    const registered = strapi().sanitizers.get('content-api.output');
    expect(registered).toHaveLength(1);
    expect(String(registered[0])).toBe(String(usersPermissionsOutputSanitizer()));
  });

  it('gives what Strapi gives, for random entities under random permissions', async () => {
    const engine = strapi().contentAPI.permissions.engine as unknown as {
      generateAbility(permissions: Array<{ action: string }>): Promise<Ability>;
    };
    const stats = fastPathStats(strapi().contentAPI.sanitize);
    expect(stats).toBeDefined();
    const fastBefore = stats?.fast ?? 0;
    const fullBefore = stats?.full ?? 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...TYPES)
          .chain((uid) =>
            fc.tuple(
              fc.constant(uid),
              fc.oneof(entityOf(uid, 2), fc.array(entityOf(uid, 1), { maxLength: 3 })),
              fc.option(permissions, { nil: undefined })
            )
          ),
        async ([uid, data, granted]) => {
          const schema = strapi().getModel(uid as never);
          const options = granted
            ? { auth: usersPermissionsAuth(await engine.generateAbility(granted)) }
            : undefined;
          const expected = await reference()(structuredClone(data), schema, options);
          const actual = await installed()(structuredClone(data), schema, options);
          expect(actual).toStrictEqual(expected);
        }
      ),
      { numRuns: 400 }
    );
    // Both paths were exercised: the comparison is not one of the full sanitizer with itself.
    expect((stats?.fast ?? 0) - fastBefore).toBeGreaterThan(20);
    expect((stats?.full ?? 0) - fullBefore).toBeGreaterThan(20);
  });

  it('removes what must go: a password, a private field, a relation the reader may not find', async () => {
    const engine = strapi().contentAPI.permissions.engine as unknown as {
      generateAbility(permissions: Array<{ action: string }>): Promise<Ability>;
    };
    const auth = usersPermissionsAuth(
      await engine.generateAbility([{ action: `${ARTICLE}.find` }])
    );
    const user = strapi().getModel('plugin::users-permissions.user' as never);
    const article = strapi().getModel(ARTICLE as never);
    const userOut = (await installed()(
      { id: 1, username: 'ed', password: 'secret', resetPasswordToken: 'x' },
      user,
      { auth }
    )) as Record<string, unknown>;
    expect(userOut).toEqual({ id: 1, username: 'ed' });
    const articleOut = (await installed()(
      { id: 2, title: 'Bonjour', author: { id: 3, name: 'Ada' } },
      article,
      { auth }
    )) as Record<string, unknown>;
    expect(articleOut).toEqual({ id: 2, title: 'Bonjour' });
  });

  it('answers the populated article list over HTTP', async () => {
    const stats = fastPathStats(strapi().contentAPI.sanitize);
    const before = stats?.fast ?? 0;
    const response = await request(hostStrapiUrl())
      .get(
        // Without the private editorNote (which always takes Strapi's walks): the fields a site shows.
        '/api/articles?locale=fr&pagination[pageSize]=4&fields[0]=title&populate[0]=author&sort=title:desc'
      )
      .expect(200);
    const body = response.body as {
      data: Array<{ author?: { name?: string } }>;
    };
    expect(body.data).toHaveLength(4);
    expect(body.data.every((article) => article.author?.name)).toBe(true);
    expect((stats?.fast ?? 0) - before).toBe(1);
  });
});
