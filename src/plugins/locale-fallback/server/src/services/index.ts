import type { Core } from '@strapi/strapi';
import locales, { type LocalesService } from './locales';

const services: Record<'locales', (context: { strapi: Core.Strapi }) => LocalesService> = {
  locales,
};

export default services;
