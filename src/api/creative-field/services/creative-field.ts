import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::creative-field.creative-field');
