import admin from './admin';
import versions from './versions';

export default { admin, versions };
