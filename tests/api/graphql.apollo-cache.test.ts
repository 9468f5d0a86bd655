/**
 * The Apollo Client 4 cache policy docs/api.md recommends, run with the real client over the
 * booted app: German, English and fallback answers read back from one InMemoryCache must each
 * be what the server answered, whatever order they were fetched in. The obvious Strapi 5 rules
 * are run too, to show that this data does trip them (else the test could not fail).
 */
import {
  ApolloClient,
  HttpLink,
  InMemoryCache,
  gql,
  type StoreObject,
  type TypePolicies,
} from '@apollo/client';
import { baseUrl } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';

const CREATIVE_FIELD = 'api::creative-field.creative-field';
const PREFIX = 'test-apollo-';

// ---- The policy of docs/api.md ("Apollo Client cache"), verbatim --------------------------------

/**
 * One cache entry per version and query kind: a version served by a query without
 * fallbackLocale is normalised by documentId, locale and publishedAt (drafts apart); under
 * fallbackLocale the same version can link other related entries and carries another `fallback`
 * flag, so it stays inside its query's result (which Apollo keys by all arguments). An entry that
 * does not select these fields is not normalised either.
 */
const localizedEntry = (entry: Readonly<StoreObject>): string | undefined =>
  typeof entry.documentId === 'string' &&
  typeof entry.locale === 'string' &&
  entry.fallbackLocale === null &&
  entry.publishedAt !== undefined
    ? `${entry.__typename}:${entry.documentId}:${entry.locale}:${entry.publishedAt ?? 'draft'}`
    : undefined;

const typePolicies: TypePolicies = {
  City: { keyFields: localizedEntry },
  Country: { keyFields: localizedEntry },
  CreativeField: { keyFields: localizedEntry },
  NetworkGoal: { keyFields: localizedEntry },
  Network: { keyFields: localizedEntry },
};

// -------------------------------------------------------------------------------------------------

const FIELD_WITH_CITIES = gql`
  query FieldWithCities($locale: I18NLocaleCode, $fallbackLocale: I18NLocaleCode, $prefix: String) {
    creativeFields(
      locale: $locale
      fallbackLocale: $fallbackLocale
      filters: { key: { eq: "film" } }
    ) {
      documentId
      locale
      publishedAt
      fallbackLocale
      fallback
      name
      cities(filters: { key: { startsWith: $prefix } }, sort: "key:asc") {
        documentId
        locale
        publishedAt
        fallbackLocale
        fallback
        name
      }
    }
  }
`;

interface Entry {
  name: string;
  locale: string;
  fallback: boolean;
}
interface Answer {
  creativeFields: Array<Entry & { cities: Entry[] }>;
}

const VARIANTS = {
  de: { locale: 'de', fallbackLocale: null },
  en: { locale: 'en', fallbackLocale: null },
  enFallingBackToDe: { locale: 'en', fallbackLocale: 'de' },
} as const;
type Variant = keyof typeof VARIANTS;

const client = (policies: TypePolicies, cache = new InMemoryCache({ typePolicies: policies })) =>
  new ApolloClient({
    link: new HttpLink({ uri: `${baseUrl()}/graphql`, fetch: globalThis.fetch }),
    cache,
  });

const variables = (variant: Variant) => ({ ...VARIANTS[variant], prefix: PREFIX });

/** What a reader of the cache sees: names, locales and flags (no ids or dates). */
const shape = (answer: Answer | null | undefined) =>
  answer?.creativeFields.map((field) => ({
    name: field.name,
    locale: field.locale,
    fallback: field.fallback,
    cities: field.cities.map(({ name, locale, fallback }) => ({ name, locale, fallback })),
  }));

/** Fetches the variants in `order` into one cache, then reads each back from it. */
async function readBack(policies: TypePolicies, order: Variant[]) {
  const cache = new InMemoryCache({ typePolicies: policies });
  const apollo = client(policies, cache);
  for (const variant of order) {
    await apollo.query({
      query: FIELD_WITH_CITIES,
      variables: variables(variant),
      fetchPolicy: 'network-only',
    });
  }
  const cached = Object.fromEntries(
    order.map((variant) => [
      variant,
      shape(apollo.readQuery<Answer>({ query: FIELD_WITH_CITIES, variables: variables(variant) })),
    ])
  );
  return { cache, cached };
}

/** Film's names as the seed gives them (read from the app, not through GraphQL). */
let film: { de: string; en: string };

beforeAll(async () => {
  const documents = getStrapi().documents(CREATIVE_FIELD);
  const find = async (locale: string) =>
    (await documents.findFirst({
      locale,
      status: 'published',
      filters: { key: 'film' },
    } as never)) as unknown as { documentId: string; name: string };
  const [de, en] = [await find('de'), await find('en')];
  film = { de: de.name, en: en.name };
  const link = (locale: string, documentId: string) => ({
    creativeField: { connect: [{ documentId, locale }] },
  });
  ids.both = await createDocument(CITY, {
    de: {
      key: `${PREFIX}a`,
      name: 'Apollostadt',
      slug: 'apollostadt',
      ...link('de', de.documentId),
    },
    en: { name: 'Apollo City', slug: 'apollo-city', ...link('en', en.documentId) },
  });
  ids.deOnly = await createDocument(CITY, {
    de: {
      key: `${PREFIX}b`,
      name: 'Nur-Deutsch-Stadt',
      slug: 'nur-deutsch-stadt',
      ...link('de', de.documentId),
    },
  });
});

const ids = { both: '', deOnly: '' };

afterAll(async () => {
  for (const id of Object.values(ids)) if (id) await deleteDocument(CITY, id);
});

const expected = () => ({
  de: [
    {
      name: film.de,
      locale: 'de',
      fallback: false,
      cities: [
        { name: 'Apollostadt', locale: 'de', fallback: false },
        { name: 'Nur-Deutsch-Stadt', locale: 'de', fallback: false },
      ],
    },
  ],
  en: [
    {
      name: film.en,
      locale: 'en',
      fallback: false,
      cities: [{ name: 'Apollo City', locale: 'en', fallback: false }],
    },
  ],
  enFallingBackToDe: [
    {
      name: film.en,
      locale: 'en',
      fallback: false,
      cities: [
        { name: 'Apollo City', locale: 'en', fallback: false },
        { name: 'Nur-Deutsch-Stadt', locale: 'de', fallback: true },
      ],
    },
  ],
});

describe('Apollo Client 4 cache over de, en and fallback queries', () => {
  it('the server answers each variant as expected', async () => {
    const apollo = client({});
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const { data } = await apollo.query<Answer>({
        query: FIELD_WITH_CITIES,
        variables: variables(variant),
        fetchPolicy: 'network-only',
      });
      expect(shape(data)).toEqual(expected()[variant]);
    }
  });

  it.each<[string, Variant[]]>([
    ['de, en, fallback', ['de', 'en', 'enFallingBackToDe']],
    ['fallback, de, en', ['enFallingBackToDe', 'de', 'en']],
    ['en, fallback, de', ['en', 'enFallingBackToDe', 'de']],
  ])('reads back what the server answered, fetched in the order %s', async (_, order) => {
    const { cache, cached } = await readBack(typePolicies, order);
    expect(cached).toEqual(expected());
    // The plain answers are normalised (one entry per version), not just kept per query.
    const entries = Object.keys(cache.extract());
    expect(entries).toContain(`City:${ids.both}:de:${await publishedAt(ids.both, 'de')}`);
    expect(entries).toContain(`City:${ids.both}:en:${await publishedAt(ids.both, 'en')}`);
  });

  it("shows English content in a German query with keyFields ['documentId']", async () => {
    const byDocument = { keyFields: ['documentId'] };
    const { cached } = await readBack({ City: byDocument, CreativeField: byDocument }, [
      'de',
      'en',
      'enFallingBackToDe',
    ]);
    expect(cached.de?.[0]).toMatchObject({ name: film.en, locale: 'en' });
  });

  it("mixes fallback answers into plain ones with keyFields ['documentId', 'locale']", async () => {
    const byVersion = { keyFields: ['documentId', 'locale'] };
    const { cached } = await readBack({ City: byVersion, CreativeField: byVersion }, [
      'de',
      'en',
      'enFallingBackToDe',
    ]);
    // The German city keeps the flag of the last answer it was part of.
    expect(cached.de?.[0].cities).toContainEqual({
      name: 'Nur-Deutsch-Stadt',
      locale: 'de',
      fallback: true,
    });
    // The English field's cities are those of the fallback answer.
    expect(cached.en?.[0].cities).toContainEqual({
      name: 'Nur-Deutsch-Stadt',
      locale: 'de',
      fallback: true,
    });
  });
});

async function publishedAt(documentId: string, locale: string): Promise<string> {
  const version = (await getStrapi()
    .documents(CITY)
    .findOne({ documentId, locale, status: 'published' } as never)) as unknown as {
    publishedAt: string | Date;
  };
  return new Date(version.publishedAt).toISOString();
}
