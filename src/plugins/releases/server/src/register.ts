import type { Core } from '@strapi/strapi';
import { hideFromGraphql } from './internals';
import { RELEASE } from './services/releases';

/** The releases table stays out of GraphQL: its shadow CRUD would expose it like any type. */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  hideFromGraphql(strapi, RELEASE);
};
