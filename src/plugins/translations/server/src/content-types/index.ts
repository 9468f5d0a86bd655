import digestSchema from './translation-digest/schema.json';
import memorySchema from './translation-memory/schema.json';
import reviewSchema from './translation-review/schema.json';

/**
 * `plugin::translations.translation-digest` (table `translation_digests`),
 * `plugin::translations.translation-review` (table `translation_reviews`) and
 * `plugin::translations.translation-memory` (table `translation_memory`).
 */
export default {
  'translation-digest': { schema: digestSchema },
  'translation-review': { schema: reviewSchema },
  'translation-memory': { schema: memorySchema },
};
