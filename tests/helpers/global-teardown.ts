import { rmSync } from 'node:fs';
import { testGlobals } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const globals = testGlobals.__CCN_TEST__;
  if (!globals) return;
  await globals.strapi?.destroy();
  if (globals.databaseFile) {
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(`${globals.databaseFile}${suffix}`, { force: true });
  }
}
