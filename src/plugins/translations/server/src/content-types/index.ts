import digestSchema from './translation-digest/schema.json';
import reviewSchema from './translation-review/schema.json';

/**
 * `plugin::translations.translation-digest` (table `translation_digests`) and
 * `plugin::translations.translation-review` (table `translation_reviews`).
 */
export default {
  'translation-digest': { schema: digestSchema },
  'translation-review': { schema: reviewSchema },
};
