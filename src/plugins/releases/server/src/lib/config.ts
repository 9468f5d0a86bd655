/**
 * Settings of the releases plugin: defaults and validation. The host app passes its values in
 * `config/plugins.ts` under `releases: { config: {...} }`.
 */

export interface ReleasesConfig {
  /**
   * How often each instance looks for due releases (and expired claims), in milliseconds: one
   * small indexed query per interval. A scheduled release runs at most this late (plus its run).
   */
  pollIntervalMs: number;
  /** Run scheduled releases on this instance (`false`: another instance does; publish-now still works). */
  runScheduled: boolean;
  /**
   * How long a claim of a running release holds, in seconds: a release still `running` after
   * that (its instance crashed; its transaction was rolled back) is claimed again and rerun.
   */
  leaseSeconds: number;
  /** The most entries one release may hold. */
  maxEntries: number;
}

export type RawReleasesConfig = Partial<Record<keyof ReleasesConfig, unknown>>;

export const DEFAULT_CONFIG: ReleasesConfig = {
  pollIntervalMs: 1000,
  runScheduled: true,
  leaseSeconds: 300,
  maxEntries: 1000,
};

function integerIn(name: string, value: unknown, min: number, max: number): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new Error(
      `releases.${name} must be a whole number from ${min} to ${max}, got ${String(value)}`
    );
  }
  return number;
}

/** Validates raw settings and fills defaults; throws a message naming the option at fault. */
export function parseReleasesConfig(raw: RawReleasesConfig): ReleasesConfig {
  const known = new Set(Object.keys(DEFAULT_CONFIG));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      throw new Error(`releases.${key} is not an option (use ${[...known].join(', ')})`);
    }
  }
  const runScheduled = raw.runScheduled ?? DEFAULT_CONFIG.runScheduled;
  if (typeof runScheduled !== 'boolean') {
    throw new Error(`releases.runScheduled must be true or false, got ${String(runScheduled)}`);
  }
  return {
    // Above 100 ms: a due release is found within the interval without busy polling the database.
    pollIntervalMs: integerIn(
      'pollIntervalMs',
      raw.pollIntervalMs ?? DEFAULT_CONFIG.pollIntervalMs,
      100,
      60_000
    ),
    runScheduled,
    leaseSeconds: integerIn(
      'leaseSeconds',
      raw.leaseSeconds ?? DEFAULT_CONFIG.leaseSeconds,
      10,
      86_400
    ),
    maxEntries: integerIn('maxEntries', raw.maxEntries ?? DEFAULT_CONFIG.maxEntries, 1, 100_000),
  };
}
