/**
 * Who a recorded change is by. An explicit actor (`runAs`) wins: the seed, the XLIFF import and
 * releases name themselves. Else the request's admin user, API token or website user; else the
 * system (a script, a cron job).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { API_TOKEN_STRATEGY, requestAuth } from '../internals';

export type ActorKind = 'admin' | 'api-token' | 'user' | 'system';

export interface Actor {
  kind: ActorKind;
  name: string;
}

const explicitActor = new AsyncLocalStorage<Actor>();

/** What a change made outside a request and outside `runAs` is recorded as. */
export const UNNAMED_SYSTEM: Actor = { kind: 'system', name: 'system' };

const ACTOR_KINDS: readonly ActorKind[] = ['admin', 'api-token', 'user', 'system'];

function adminName(user: { firstname?: string; lastname?: string; email?: string }): string {
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ');
  return name || user.email || 'admin';
}

const actor = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Runs `fn` with every change it makes recorded as by `who`, e.g.
   * `runAs({ kind: 'system', name: 'release Oktober' }, () => publishAll())`.
   */
  runAs<T>(who: Actor, fn: () => Promise<T>): Promise<T> {
    if (!ACTOR_KINDS.includes(who?.kind) || typeof who.name !== 'string' || who.name === '')
      throw new Error(
        `history actor must be { kind: ${ACTOR_KINDS.join(' | ')}, name: '…' }, got ${JSON.stringify(who)}`
      );
    return explicitActor.run({ kind: who.kind, name: who.name }, fn);
  },

  /** The actor of the change being made now. */
  current(): Actor {
    const explicit = explicitActor.getStore();
    if (explicit) return explicit;
    const auth = requestAuth(strapi);
    if (auth.strategy === 'admin' && auth.user)
      return { kind: 'admin', name: adminName(auth.user) };
    if (auth.strategy === API_TOKEN_STRATEGY)
      return { kind: 'api-token', name: auth.token?.name ?? 'API token' };
    if (auth.strategy === 'users-permissions' && auth.user)
      return { kind: 'user', name: auth.user.username ?? auth.user.email ?? 'user' };
    return UNNAMED_SYSTEM;
  },
});

export type ActorService = ReturnType<typeof actor>;
export default actor;
