import { createWebsiteController } from '../../../website-api/controller';

export default createWebsiteController('api::creative-field.creative-field');
