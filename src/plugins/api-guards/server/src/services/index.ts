import type { Core } from '@strapi/strapi';
import missPath from './miss-path';

const services: Record<string, (params: { strapi: Core.Strapi }) => unknown> = {
  'miss-path': missPath,
};

export default services;
