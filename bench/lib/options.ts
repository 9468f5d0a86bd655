/** The bench's command line and environment, read once: which scenario, how long, how hard. */
import path from 'node:path';

/** The app's checkout, and the bench's folder (the helper scripts it starts live there). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const BENCH_DIR = path.join(ROOT, 'bench');

export const DURATION = Number(process.env.BENCH_DURATION ?? 8);

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

/** Alternating rounds of the uncached-versus-stock comparison. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Untimed rounds of each scenario before the alternating rounds (warm JIT, statements, memos). */
export const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 1);

export const PROFILE = process.argv.includes('--profile');

/**
 * `--only search`: the search scenario alone; `--only graphql`: the focused GraphQL miss-path run
 * (graphqlMain); `--only graphql-rest`: GraphQL fields → cities against REST's populate of the same
 * fields (graphqlRestMain; with `--profile`, the CPU profiles of both); `--only rest` / `--only token`: the uncached REST lists against stock, or cached
 * reads with a read-only token against anonymous, or the editorial load alone (`--only editorial`)
 * (focusedMain); `--only xliff`: the translators'
 * full XLIFF export with the translation memory (xliffMain); `--only release`: 116 city versions
 * published as one release against one by one (./release.ts, releaseMain). With `--profile`, only the
 * profiles of search, GraphQL or the populated REST list.
 */
export const ONLY_CHOICES = [
  'search',
  'graphql',
  'graphql-rest',
  'rest',
  'token',
  'editorial',
  'xliff',
  'history',
  'compression',
  'release',
  'hit-path',
  'fallback-chain',
] as const;

/**
 * `--scale 10,100`: the factors of the scale bench (../scenarios/scale.ts), each a whole number
 * from 1 to 100; with `--only search`, one factor: the seeded content grown to N times its cities
 * per locale through the REST API (bench/scale.ts) before the search is measured.
 */
export const SCALES: number[] = (() => {
  const index = process.argv.indexOf('--scale');
  if (index === -1) return [];
  const values = String(process.argv[index + 1] ?? '')
    .split(',')
    .map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1 || value > 100)) {
    console.error('--scale takes whole factors from 1 to 100, separated by commas (10,100)');
    process.exit(2);
  }
  return [...new Set(values)].sort((a, b) => a - b);
})();

/** The one factor of `--only search --scale N` (1 without `--scale`). */
export const SCALE = SCALES[SCALES.length - 1] ?? 1;

/** `--db sqlite,postgres`: the databases of the scale bench (default both). */
export const SCALE_DATABASES: Array<'sqlite' | 'postgres'> = (() => {
  const index = process.argv.indexOf('--db');
  if (index === -1) return ['sqlite', 'postgres'];
  const values = String(process.argv[index + 1] ?? '').split(',');
  if (values.length === 0 || values.some((value) => value !== 'sqlite' && value !== 'postgres')) {
    console.error('--db takes sqlite, postgres or both (sqlite,postgres)');
    process.exit(2);
  }
  return values as Array<'sqlite' | 'postgres'>;
})();

export const ONLY = (() => {
  const index = process.argv.indexOf('--only');
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  const choice = ONLY_CHOICES.find((known) => known === value);
  if (!choice) {
    console.error(`--only takes one of ${ONLY_CHOICES.join(', ')}, not "${value}"`);
    process.exit(2);
  }
  return choice;
})();

/**
 * Hard stop for the whole run, so a hung process never keeps the machine busy: 15 minutes, an
 * hour for the scale bench (BENCH_TIMEOUT_MINUTES overrides both).
 */
export const TIMEOUT_MS =
  Number(process.env.BENCH_TIMEOUT_MINUTES ?? (SCALES.length > 0 && !ONLY ? 60 : 15)) * 60 * 1000;

/**
 * BENCH_COMPARE_ENV="NAME=value …" (`--only rest` and `--only graphql`): one more uncached instance
 * with these variables, measured in the same run (before/after a switch or a Node flag).
 */
export function compareEnv(): { text: string; env: Record<string, string> } | null {
  const text = (process.env.BENCH_COMPARE_ENV ?? '').trim();
  if (text === '') return null;
  const env = Object.fromEntries(
    text
      .split(/\s+/)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])
  );
  return { text, env };
}
