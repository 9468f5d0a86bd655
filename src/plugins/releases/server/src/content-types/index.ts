import releaseSchema from './release/schema.json';

/**
 * `plugin::releases.release` (table `release_sets`: Strapi's own content-releases plugin owns
 * `strapi_releases` and `strapi_release_actions`). The entries are a JSON column of the release,
 * so a release and its per-entry results are always written together, in one row.
 */
export default {
  release: { schema: releaseSchema },
};
