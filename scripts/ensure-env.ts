/**
 * Creates `.env` from `.env.example` when it is missing, replacing every example secret
 * (`tobemodified…`) with a fresh random value. Never overwrites an existing `.env`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomSecret } from '../src/lib/security/secrets';

const root = path.resolve(__dirname, '..');
const envFile = path.join(root, '.env');
const exampleFile = path.join(root, '.env.example');

if (!existsSync(envFile)) {
  const withSecrets = readFileSync(exampleFile, 'utf8').replace(/tobemodified\d*/g, () =>
    randomSecret()
  );
  writeFileSync(envFile, withSecrets, { mode: 0o600 });
  console.log('Created .env with freshly generated secrets.');
}
