import entrySchema from './history-entry/schema.json';

/** `plugin::history.history-entry` (table `history_entries`). */
export default {
  'history-entry': { schema: entrySchema },
};
