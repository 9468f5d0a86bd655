import { hostInternalsGlobals } from './host-internals-setup';

export default async function hostInternalsTeardown(): Promise<void> {
  await hostInternalsGlobals.__PLUGIN_HOST_IN_PROCESS__?.stop();
}
