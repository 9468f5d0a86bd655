import type { Core } from '@strapi/strapi';
import type { Services } from './services';

/** One of this plugin's services, typed. */
export function getService<Name extends keyof Services>(
  strapi: Core.Strapi,
  name: Name
): ReturnType<Services[Name]> {
  return strapi.plugin('history').service(name) as ReturnType<Services[Name]>;
}
