import request from 'supertest';
import { baseUrl, graphql, tokenHeader } from '../helpers/api';
import { seedData } from '../helpers/seed-data';

describe('GraphQL /graphql', () => {
  it('lists cities of a locale with their relations in the same locale', async () => {
    const res = await graphql(
      `
        query ($locale: I18NLocaleCode) {
          cities(locale: $locale, filters: { key: { eq: "heidelberg" } }) {
            name
            locale
            memberSince
            creativeField {
              name
              cityTitle
              locale
            }
            country {
              name
              isoCode
              locale
            }
          }
        }
      `,
      { locale: 'en' }
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cities).toEqual([
      {
        name: 'Heidelberg',
        locale: 'en',
        memberSince: 2014,
        creativeField: { name: 'Literature', cityTitle: 'City of Literature', locale: 'en' },
        country: { name: 'Germany', isoCode: 'DE', locale: 'en' },
      },
    ]);
  });

  it('types memberSince as Int (the admin year field is an integer underneath)', async () => {
    const res = await graphql('{ __type(name: "City") { fields { name type { name } } } }');
    expect(res.body.errors).toBeUndefined();
    const fields: { name: string; type: { name: string | null } }[] = res.body.data.__type.fields;
    expect(fields.find((field) => field.name === 'memberSince')?.type.name).toBe('Int');
  });

  it('counts all cities of a locale through the connection query', async () => {
    const res = await graphql(`
      {
        cities_connection(locale: "de", pagination: { pageSize: 5 }, sort: "name:asc") {
          nodes {
            name
          }
          pageInfo {
            total
            pageSize
            pageCount
          }
        }
      }
    `);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cities_connection.pageInfo).toEqual({
      total: seedData().cities.length,
      pageSize: 5,
      pageCount: Math.ceil(seedData().cities.length / 5),
    });
    expect(res.body.data.cities_connection.nodes[0].name).toBe('Aberystwyth');
  });

  it('returns 25 entries by default', async () => {
    const res = await graphql(`
      {
        cities(locale: "en") {
          documentId
        }
      }
    `);
    expect(res.body.data.cities).toHaveLength(25);
  });

  it('reads the single type and the goals in German', async () => {
    const res = await graphql(`
      {
        network(locale: "de") {
          title
          fundingNote
          links {
            label
            url
          }
        }
        networkGoals(locale: "de", sort: "position:asc") {
          position
          title
        }
      }
    `);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.network.title).toBe('Kultur- und Kreativsektor stärken');
    expect(res.body.data.network.links).toHaveLength(4);
    expect(res.body.data.networkGoals.map((goal: { position: number }) => goal.position)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(res.body.data.networkGoals[0].title).toBe('Internationale Zusammenarbeit');
  });

  it('refuses anonymous mutations', async () => {
    const res = await graphql(`
      mutation {
        createCity(data: { name: "Atlantis" }, locale: "de") {
          documentId
        }
      }
    `);
    expect(res.body.data?.createCity ?? null).toBeNull();
    expect(res.body.errors[0].message).toMatch(/forbidden/i);
  });

  it('accepts queries up to the depth limit and refuses deeper ones with a clear error', async () => {
    const allowed = await graphql(`
      {
        creativeFields(locale: "de", filters: { key: { eq: "film" } }) {
          cities(pagination: { limit: 2 }) {
            country {
              cities(pagination: { limit: 2 }) {
                country {
                  name
                }
              }
            }
          }
        }
      }
    `);
    expect(allowed.body.errors).toBeUndefined();
    const refused = await graphql(`
      {
        creativeFields(locale: "de") {
          cities {
            country {
              cities {
                country {
                  cities {
                    name
                  }
                }
              }
            }
          }
        }
      }
    `);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/exceeds maximum operation depth of 5/);
  });
});

describe('GraphQL configuration', () => {
  it('starts without the "operation limits are unbounded" warning', () => {
    const warnings: string[] = JSON.parse(process.env.TEST_BOOT_WARNINGS ?? '[]');
    expect(warnings.filter((warning) => /unbounded/i.test(warning))).toEqual([]);
  });
});

describe('GraphQL Cache-Control', () => {
  const query = '{ networkGoals(locale: "en", pagination: { pageSize: 2 }) { title } }';

  it('says no-store on a response the cache does not keep (Apollo cache hints are off)', async () => {
    const res = await request(baseUrl())
      .post('/graphql')
      .set(tokenHeader())
      .send({ query, variables: {} });
    expect(res.status).toBe(200);
    expect(res.headers['x-cache']).toBe('BYPASS');
    expect(res.body.data.networkGoals).toHaveLength(2);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it("carries the response cache's header on what the cache keeps", async () => {
    const res = await graphql(query);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  });
});
