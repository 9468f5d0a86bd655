import type { Core } from '@strapi/strapi';
import { applyRegistrationSetting } from './registration';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await applyRegistrationSetting(strapi);
};
