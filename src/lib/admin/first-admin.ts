/**
 * Development convenience: create the first super admin from ADMIN_EMAIL / ADMIN_PASSWORD.
 * The decision is pure so the production guard is unit-tested without booting Strapi.
 */

/** The values shown (commented out) in .env.example; they must never open a production admin. */
export const EXAMPLE_ADMIN_EMAIL = 'admin@example.com';
export const EXAMPLE_ADMIN_PASSWORD = 'ChangeMe123';

export interface FirstAdminInput {
  email?: string;
  password?: string;
  nodeEnv?: string;
  adminExists: boolean;
}

export type FirstAdminDecision =
  | { action: 'skip'; reason: string }
  | { action: 'create'; email: string; password: string }
  | { action: 'refuse'; message: string };

/** Strapi's own admin password rule: 8+ characters with a lower-case, upper-case letter and digit. */
export function isStrongAdminPassword(password: string): boolean {
  return (
    password.length >= 8 &&
    password.length <= 72 &&
    /[a-z]/.test(password) &&
    /[A-Z]/.test(password) &&
    /\d/.test(password)
  );
}

/**
 * Decides whether bootstrap creates the first super admin. `refuse` means the configuration is
 * wrong and start-up must stop: the example credentials in production, or values Strapi would
 * reject anyway.
 */
export function decideFirstAdmin(input: FirstAdminInput): FirstAdminDecision {
  const email = input.email?.trim() ?? '';
  const password = input.password ?? '';
  if (!email || !password) return { action: 'skip', reason: 'ADMIN_EMAIL/ADMIN_PASSWORD not set' };
  if (input.adminExists) return { action: 'skip', reason: 'an admin user already exists' };

  if (
    input.nodeEnv === 'production' &&
    (email.toLowerCase() === EXAMPLE_ADMIN_EMAIL || password === EXAMPLE_ADMIN_PASSWORD)
  ) {
    return {
      action: 'refuse',
      message:
        'ADMIN_EMAIL/ADMIN_PASSWORD still hold the example values from .env.example: refusing to ' +
        'create an admin with them in production. Set your own values or remove both variables.',
    };
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return { action: 'refuse', message: `ADMIN_EMAIL "${email}" is not an e-mail address.` };
  }
  if (!isStrongAdminPassword(password)) {
    return {
      action: 'refuse',
      message:
        'ADMIN_PASSWORD must have 8 to 72 characters with a lower-case letter, an upper-case ' +
        'letter and a digit.',
    };
  }
  return { action: 'create', email, password };
}
