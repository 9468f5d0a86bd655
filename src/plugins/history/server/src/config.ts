/** How long entries are kept: an entry goes once it is past both limits. */
export interface RetentionConfig {
  /** The newest entries kept per document and locale, however old. */
  keepLast: number;
  /** Entries younger than this many days are kept, however many. */
  keepDays: number;
  /**
   * Pruning runs after every this-many-th recorded write of a process, for the document and
   * locales written (1: after every write). Between two prunes a document may hold that many
   * entries more than the limits.
   */
  pruneEvery: number;
}

/** Plugin options (config/plugins.ts → `history.config`). */
export interface HistoryConfig {
  /** Record changes (false: nothing is recorded; what was recorded stays readable). */
  enabled: boolean;
  /**
   * The content types whose documents get a history. Unset: every `api::` type with draft &
   * publish or i18n.
   */
  contentTypes?: string[];
  retention: RetentionConfig;
}

const UID_PATTERN = /^[a-z]+::[\w-]+\.[\w-]+$/;

function wholeNumber(value: unknown, name: string, minimum: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum)
    throw new Error(
      `history.${name} must be a whole number of at least ${minimum}, got ${String(value)}`
    );
}

export default {
  default: (): HistoryConfig => ({
    enabled: true,
    retention: { keepLast: 100, keepDays: 90, pruneEvery: 10 },
  }),
  validator(config: HistoryConfig): void {
    const { enabled, contentTypes, retention } = config;
    if (typeof enabled !== 'boolean')
      throw new Error(`history.enabled must be true or false, got ${String(enabled)}`);
    if (contentTypes !== undefined) {
      if (!Array.isArray(contentTypes))
        throw new Error('history.contentTypes must be a list of content type uids');
      for (const uid of contentTypes)
        if (typeof uid !== 'string' || !UID_PATTERN.test(uid))
          throw new Error(
            `history.contentTypes: "${String(uid)}" is not a content type uid such as "api::city.city"`
          );
    }
    if (typeof retention !== 'object' || retention === null)
      throw new Error('history.retention must be { keepLast, keepDays, pruneEvery }');
    wholeNumber(retention.keepLast, 'retention.keepLast', 1);
    wholeNumber(retention.keepDays, 'retention.keepDays', 0);
    wholeNumber(retention.pruneEvery, 'retention.pruneEvery', 1);
  },
};
