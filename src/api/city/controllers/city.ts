import { createWebsiteController } from '../../../website-api/controller';

export default createWebsiteController('api::city.city');
