import type { Core } from '@strapi/strapi';
import populateDepth from './populate-depth';

const middlewares: Record<string, Core.MiddlewareFactory> = { 'populate-depth': populateDepth };

export default middlewares;
