import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::network-goal.network-goal');
