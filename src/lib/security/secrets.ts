/**
 * Secrets: the start-up check for production (takes the environment as a plain object, so it is
 * unit-tested without booting Strapi; `src/security` applies it) and fresh random values for
 * throw-away instances.
 */
import { randomBytes } from 'node:crypto';

/** The secrets Strapi needs; each signs or encrypts something an attacker must not forge. */
export const REQUIRED_SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type RequiredSecret = (typeof REQUIRED_SECRETS)[number];

/** One random secret (24 bytes, base64). */
export function randomSecret(): string {
  return randomBytes(24).toString('base64');
}

/**
 * Fresh random values for every required secret (`APP_KEYS` gets two keys): what a throw-away
 * instance (tests, bench, soak, scripts) boots with. The one place that knows how they look.
 */
export function freshSecrets(): Record<RequiredSecret, string> {
  const secrets = {} as Record<RequiredSecret, string>;
  for (const name of REQUIRED_SECRETS) secrets[name] = randomSecret();
  secrets.APP_KEYS = `${randomSecret()},${randomSecret()}`;
  return secrets;
}

/** The placeholder `.env.example` ships with (`tobemodified`, `tobemodified1`, …). */
const EXAMPLE_VALUE = /^tobemodified\d*$/i;

/**
 * Lists what is wrong with the secrets in `env`: missing, empty, or still an example value
 * from `.env.example` (any comma-separated part of `APP_KEYS` counts). Empty when all is well.
 */
export function findSecretProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const name of REQUIRED_SECRETS) {
    const value = env[name]?.trim();
    if (!value) {
      problems.push(`${name} is missing`);
      continue;
    }
    const parts = value.split(',').map((part) => part.trim());
    if (parts.some((part) => part === '')) {
      problems.push(`${name} has an empty entry`);
    } else if (parts.some((part) => EXAMPLE_VALUE.test(part))) {
      problems.push(`${name} still has the example value from .env.example`);
    }
  }
  return problems;
}

/**
 * Throws when `NODE_ENV` is `production` and a secret is missing or an example value: a server
 * started with the published example secrets would accept tokens anyone can sign.
 */
export function assertProductionSecrets(env: Record<string, string | undefined>): void {
  if (env.NODE_ENV !== 'production') return;
  const problems = findSecretProblems(env);
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start in production with unsafe secrets: ${problems.join('; ')}. ` +
        'Set each one to a fresh random value (e.g. `openssl rand -base64 32`; APP_KEYS takes ' +
        'a comma-separated list) in the environment or in .env.'
    );
  }
}
