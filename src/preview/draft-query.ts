/**
 * What the demo site shows of a draft, per type: the same fields and relations as its public
 * requests in public/site/api.js, as Document Service `populate` (scalar fields come whole and
 * are sanitised like a public response).
 */
const localizations = { fields: ['slug', 'locale'] };

export const DRAFT_POPULATE: Record<string, Record<string, unknown>> = {
  'api::city.city': {
    creativeField: { fields: ['name', 'cityTitle', 'slug'] },
    country: { fields: ['name'] },
    localizations,
  },
  'api::creative-field.creative-field': {
    cities: {
      fields: ['name', 'slug', 'memberSince'],
      sort: 'name:asc',
      populate: { country: { fields: ['name'] } },
    },
    localizations,
  },
  'api::network-goal.network-goal': {},
  'api::network.network': { links: true },
};
