/**
 * Security steps of the app's lifecycle (see README "Security"). src/index.ts runs
 * `securityRegister` in register and `securityBootstrap` in bootstrap.
 */
import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from '../lib/security/secrets';
import { registerDocumentGuards } from './document-guards';
import { applyRegistrationSetting } from './registration';

export function securityRegister(strapi: Core.Strapi): void {
  assertProductionSecrets(process.env);
  registerDocumentGuards(strapi);
}

export async function securityBootstrap(strapi: Core.Strapi): Promise<void> {
  await applyRegistrationSetting(strapi);
}
