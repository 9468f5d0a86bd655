import type { Core } from '@strapi/strapi';
import cache, { type CacheService } from './cache';

const services: Record<'cache', (context: { strapi: Core.Strapi }) => CacheService> = { cache };

export default services;
