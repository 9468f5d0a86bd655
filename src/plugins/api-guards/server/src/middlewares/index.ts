import type { Core } from '@strapi/strapi';
import missPath from './miss-path';
import populateDepth from './populate-depth';

const middlewares: Record<string, Core.MiddlewareFactory> = {
  'miss-path': missPath,
  'populate-depth': populateDepth,
};

export default middlewares;
