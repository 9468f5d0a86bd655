import schema from './translation-digest/schema.json';

/** `plugin::translations.translation-digest`, stored in the table `translation_digests`. */
export default {
  'translation-digest': { schema },
};
