/**
 * The content types of the network's content, the ones editors and translators work on and the
 * ones whose rows make up "the content" when databases or snapshots are compared.
 */
export const CONTENT_TYPE_UIDS = [
  'api::city.city',
  'api::country.country',
  'api::creative-field.creative-field',
  'api::glossary-term.glossary-term',
  'api::network-goal.network-goal',
  'api::network.network',
] as const;
