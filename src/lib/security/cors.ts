/** CORS settings from the `CORS_ORIGINS` environment variable (pure, unit-tested). */

export interface CorsSettings {
  /** Allowed origins, or `'*'` for any. */
  origin: string[] | '*';
  /** Whether browsers may send cookies/credentials cross-origin. */
  credentials: boolean;
}

/**
 * Parses `CORS_ORIGINS` (comma-separated origins). Unset, empty or `*` allows any origin to read
 * the public API, without credentials: the content is public, and reflecting every origin
 * together with `Access-Control-Allow-Credentials` would let any site act with a visitor's
 * admin cookies. An explicit list allows exactly those origins, with credentials.
 */
export function parseCorsOrigins(value: string | undefined): CorsSettings {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  if (origins.length === 0 || origins.includes('*')) {
    return { origin: '*', credentials: false };
  }
  return { origin: origins, credentials: true };
}
