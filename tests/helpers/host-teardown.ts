import { hostGlobals } from './host-setup';

export default async function hostTeardown(): Promise<void> {
  await hostGlobals.__PLUGIN_HOST__?.stop();
}
