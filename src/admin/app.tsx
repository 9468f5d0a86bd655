import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // The editorial team works in German; English stays available in each user's profile.
    locales: ['de', 'en'],
    // No release check against api.github.com from the editors' browsers.
    notifications: { releases: false },
  },
  register(_app: StrapiApp) {},
  bootstrap(_app: StrapiApp) {},
};
