import { createHash } from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';

/** Keys no response may ever contain: credentials, tokens, and the translation digest. */
export const SENSITIVE_KEY = /password|resetPasswordToken|confirmationToken|digest/i;

/** Returns the JSON paths of every key in `body` that matches {@link SENSITIVE_KEY}. */
export function sensitiveKeys(body: unknown, path = '$'): string[] {
  if (Array.isArray(body))
    return body.flatMap((item, index) => sensitiveKeys(item, `${path}[${index}]`));
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body).flatMap(([key, value]) => [
    ...(SENSITIVE_KEY.test(key) ? [`${path}.${key}`] : []),
    ...sensitiveKeys(value, `${path}.${key}`),
  ]);
}

/** The content types whose rows make up "the data" for before/after comparisons. */
export const CONTENT_TYPES = [
  'api::city.city',
  'api::country.country',
  'api::creative-field.creative-field',
  'api::network-goal.network-goal',
  'api::network.network',
] as const;

/**
 * A digest of every row (drafts and published versions, all locales) of the five content types,
 * with their relations, read straight from the database. Equal digests mean equal data.
 */
export async function contentDigest(strapi: Core.Strapi): Promise<string> {
  const hash = createHash('sha256');
  for (const uid of CONTENT_TYPES) {
    const rows = await strapi.db.query(uid as UID.ContentType).findMany({
      orderBy: { id: 'asc' },
      populate: true,
    });
    hash.update(uid).update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}

const USER = 'plugin::users-permissions.user';
const ROLE = 'plugin::users-permissions.role';

export interface WebsiteUser {
  id: number;
  email: string;
  jwt: string;
}

/**
 * Creates a confirmed users-permissions user in the Authenticated role, with known secret
 * tokens stored on it, and a JWT for it. The JWT is issued by the plugin's service, not by
 * logging in, so the tests do not spend the login rate limit.
 */
export async function createWebsiteUser(
  strapi: Core.Strapi,
  name: string,
  secrets: { resetPasswordToken: string; confirmationToken: string }
): Promise<WebsiteUser> {
  const role = await strapi.db.query(ROLE).findOne({ where: { type: 'authenticated' } });
  const email = `${name}@example.com`;
  const user = await strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username: name,
      email,
      password: 'Secret-Passw0rd!',
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
      ...secrets,
    });
  const jwt: string = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  return { id: user.id, email, jwt };
}

/** Deletes a user created by {@link createWebsiteUser}. */
export async function deleteWebsiteUser(strapi: Core.Strapi, id: number): Promise<void> {
  await strapi.db.query(USER).delete({ where: { id } });
}
