import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS } from '../../src/lib/content-model';
import { requestsInFlight } from './strapi';
import { until } from './until';

/** The content types whose rows make up "the data" for before/after comparisons. */
export const CONTENT_TYPES = CONTENT_TYPE_UIDS;

/**
 * Sorts lists of rows by id, recursively: PostgreSQL returns populated relations in physical
 * order, which changes when link rows are written and removed again.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    const id = (item: unknown) =>
      typeof item === 'object' && item !== null && 'id' in item ? Number(item.id) : 0;
    return items.sort((a, b) => id(a) - id(b));
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, canonical(item)]));
  }
  return value;
}

/**
 * Every row (drafts and published versions, all locales) of the five content types with their
 * relations, read straight from the database, keyed by type and row id. Equal snapshots mean
 * equal data; `toEqual` on two of them shows the rows that differ.
 */
export async function contentSnapshot(
  strapi: Core.Strapi
): Promise<Record<string, Record<string, unknown>>> {
  const snapshot: Record<string, Record<string, unknown>> = {};
  for (const uid of CONTENT_TYPES) {
    const rows: Array<{ id: number }> = await strapi.db
      .query(uid as UID.ContentType)
      .findMany({ orderBy: { id: 'asc' }, populate: true });
    snapshot[uid] = Object.fromEntries(rows.map((row) => [String(row.id), canonical(row)]));
  }
  return snapshot;
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

/**
 * A {@link contentSnapshot} taken once the app has finished every request it received. Work that
 * an earlier test file left running (a request whose client gave up, a cleanup still in flight)
 * must not count as a change made by the file under test. The app writes content only while
 * handling a request, so no request in flight means no write in flight.
 */
export async function settledContentSnapshot(
  strapi: Core.Strapi
): Promise<Record<string, Record<string, unknown>>> {
  // Bounded by the queue timeout of the test app (30 s) plus slack: a request never finishing
  // is a failure that names itself, not a hung test.
  await until('the app has finished every request it received', () => requestsInFlight() === 0, {
    timeoutMs: 60_000,
  });
  return contentSnapshot(strapi);
}
