/**
 * Security steps of the app's lifecycle (see README "Security"). The API guards themselves are
 * the local plugin src/plugins/api-guards; what stays here is about this deployment.
 */
import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from '../lib/security/secrets';

export function securityRegister(_strapi: Core.Strapi): void {
  assertProductionSecrets(process.env);
}
