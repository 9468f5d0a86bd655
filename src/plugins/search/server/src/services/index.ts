import type { Core } from '@strapi/strapi';
import catalog from './catalog';
import indexer from './indexer';
import search from './search';

type ServiceFactory = (context: { strapi: Core.Strapi }) => Core.Service;

const services: Record<string, ServiceFactory> = { catalog, indexer, search };

export default services;
