import type { Core } from '@strapi/strapi';
import type { Services } from './services';

/** One of this plugin's services, typed. */
export function getService<Name extends keyof Services>(
  strapi: Core.Strapi,
  name: Name
): ReturnType<Services[Name]> {
  return strapi.plugin('translations').service(name) as ReturnType<Services[Name]>;
}

/** The history plugin's actor service, as far as naming who makes changes. */
interface HistoryActors {
  current(): { name: string };
  runAs<T>(actor: { kind: 'system'; name: string }, fn: () => Promise<T>): Promise<T>;
}

/**
 * Runs `work` with its writes recorded in the history plugin (when the app has it) as by the
 * system `name`, followed by who asked for it: "XLIFF import (Maria Muster)".
 */
export function asSystemActor<T>(
  strapi: Core.Strapi,
  name: string,
  work: () => Promise<T>
): Promise<T> {
  const actors = strapi.plugin('history')?.service('actor') as HistoryActors | undefined;
  if (!actors) return work();
  return actors.runAs({ kind: 'system', name: `${name} (${actors.current().name})` }, work);
}
