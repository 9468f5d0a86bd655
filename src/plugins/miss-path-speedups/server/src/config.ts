/**
 * Plugin config: one switch per speed-up, all on by default. The host app may map them to
 * environment variables in config/plugins.ts (this app: DATABASE_STATEMENT_CACHE,
 * CONTENT_API_MEMO, READS_WITHOUT_TRANSACTION, OUTPUT_SANITIZER_FAST_PATH, COUNT_MEMO).
 */
export interface MissPathSpeedupsConfig {
  /** SQLite: each connection keeps the statements it prepared, per SQL text. */
  statementCache: boolean;
  /** Abilities per permission list, validated and sanitised queries per ability, memoized. */
  contentApiMemo: boolean;
  /** Document Service reads run without a database transaction of their own. */
  readsWithoutTransaction: boolean;
  /** A response with nothing to remove skips the output sanitizer's walks. */
  outputSanitizerFastPath: boolean;
  /** Apollo's per-field cache-hint hooks off (GraphQL responses keep `Cache-Control: no-store`). */
  graphqlCacheHintsOff: boolean;
  /** Document Service counts kept until the content changes (needs the response-cache plugin). */
  countMemo: boolean;
}

export const SWITCHES = [
  'statementCache',
  'contentApiMemo',
  'readsWithoutTransaction',
  'outputSanitizerFastPath',
  'graphqlCacheHintsOff',
  'countMemo',
] as const satisfies ReadonlyArray<keyof MissPathSpeedupsConfig>;

export default {
  default: (): MissPathSpeedupsConfig => ({
    statementCache: true,
    contentApiMemo: true,
    readsWithoutTransaction: true,
    outputSanitizerFastPath: true,
    graphqlCacheHintsOff: true,
    countMemo: true,
  }),
  validator(config: unknown): void {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      throw new Error('miss-path-speedups plugin: config must be an object');
    }
    const known = new Set<string>(SWITCHES);
    for (const [key, value] of Object.entries(config)) {
      if (!known.has(key)) {
        throw new Error(
          `miss-path-speedups plugin: unknown option "${key}" (options: ${SWITCHES.join(', ')})`
        );
      }
      if (typeof value !== 'boolean') {
        throw new Error(`miss-path-speedups plugin: config.${key} must be true or false`);
      }
    }
  },
};
