import type { Core } from '@strapi/strapi';
import { runtimeOf } from './runtime';

/** Destroy phase: close the bus connection(s). */
export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const runtime = runtimeOf(strapi);
  await runtime.bus?.close();
  runtime.bus = undefined;
};
