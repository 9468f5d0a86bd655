import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** Checks the configured content types now: a wrong uid stops the start with its name. */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  getService(strapi, 'recorder').trackedTypes();
};
