import { createWebsiteController } from '../../../website-api/controller';

export default createWebsiteController('api::network-goal.network-goal');
