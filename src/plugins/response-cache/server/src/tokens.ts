/**
 * Reads with a Content API token: which tokens the cache serves, checked on every hit. A small
 * in-process map (token hash → what Strapi stores about the token) saves the database lookup; it
 * is emptied by every change to API tokens (lifecycles here, the bus elsewhere), so a revoked or
 * regenerated token is refused at once, and an expired one by its `expiresAt`.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { apiTokenByHash, apiTokenHash, type ApiTokenInfo } from './internals';

/** Tokens kept in the map; beyond that it starts over (a flood of tokens costs lookups, not memory). */
const MAX_TOKENS = 1000;

/** A token the cache may serve: its identity for keys, never the token itself. */
export interface CacheableToken {
  id: string;
  /** Part of the cache key: a digest of the token's id and stored hash. */
  identity: string;
}

/**
 * The raw token of an `Authorization: Bearer <token>` header, undefined for anything else (as
 * Strapi's own token strategy reads it).
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const parts = header.split(/\s+/);
  if (parts.length !== 2 || parts[0].toLowerCase() !== 'bearer' || parts[1] === '')
    return undefined;
  return parts[1];
}

/**
 * True for tokens whose reads are cached: Content API tokens of type `read-only` that have not
 * expired. Full-access and custom tokens may write, and custom tokens' permissions are not
 * checked here, so their requests bypass the cache.
 */
export function isCacheableToken(info: ApiTokenInfo, now: number): boolean {
  if (info.kind !== 'content-api' && info.kind !== null) return false;
  if (info.type !== 'read-only') return false;
  return info.expiresAt === null || info.expiresAt > now;
}

export class TokenChecker {
  private readonly known = new Map<string, ApiTokenInfo>();
  private generation = 0;

  constructor(private readonly strapi: Core.Strapi) {}

  /** Forgets every token (any change to API tokens). */
  clear(): void {
    this.known.clear();
    this.generation += 1;
  }

  /** The token if its reads may be cached now, else undefined (Strapi then decides). */
  async check(raw: string): Promise<CacheableToken | undefined> {
    const hash = apiTokenHash(this.strapi, raw);
    let info = this.known.get(hash);
    if (!info) {
      const generation = this.generation;
      info = await apiTokenByHash(this.strapi, hash);
      if (!info) return undefined;
      // A lookup that raced a token change must not bring the old token back.
      if (generation === this.generation) {
        if (this.known.size >= MAX_TOKENS) this.known.clear();
        this.known.set(hash, info);
      }
    }
    if (!isCacheableToken(info, Date.now())) return undefined;
    const identity = createHash('sha256').update(`${info.id}\n${hash}`).digest('base64url');
    return { id: info.id, identity: identity.slice(0, 22) };
  }
}
