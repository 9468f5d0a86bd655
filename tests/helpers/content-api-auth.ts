import { errors } from '@strapi/utils';

/** The part of a CASL ability the content API asks. */
export interface Ability {
  can(action: string): boolean;
}

/**
 * What the users-permissions strategy puts in `ctx.state.auth` for a reader with `ability` (the
 * Public role's for an anonymous one): its `verify` allows a scope when the ability does.
 */
export function usersPermissionsAuth(ability: Ability) {
  return {
    strategy: {
      name: 'users-permissions',
      authenticate: async () => ({ authenticated: false }),
      verify: (_auth: unknown, config: { scope?: string | string[] }) => {
        const scopes = ([] as string[]).concat(config.scope ?? []);
        if (!scopes.every((scope) => ability.can(scope))) throw new errors.ForbiddenError();
      },
    },
    credentials: null,
    ability,
  };
}
