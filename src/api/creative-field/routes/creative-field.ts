import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::creative-field.creative-field');
