import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // The editorial team works in German; English stays available in each user's profile.
    locales: ['de', 'en'],
  },
  register(_app: StrapiApp) {},
  bootstrap(_app: StrapiApp) {},
};
