import actor from './actor';
import recorder from './recorder';
import versions from './versions';

export interface Services {
  actor: typeof actor;
  recorder: typeof recorder;
  versions: typeof versions;
}

/** `strapi.plugin('history').service(name)`. */
const services: Services = { actor, recorder, versions };

export default services;
