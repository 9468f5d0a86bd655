/**
 * The API artifacts committed in the repository (written by `npm run api:generate`,
 * scripts/api-generate.ts) are what the app serves: a change to a schema, the configuration or a
 * plugin that changes the contract fails here until the artifacts are regenerated and committed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { anonymous } from '../helpers/api';

const ROOT = path.resolve(__dirname, '..', '..');
const REGENERATE = 'differs from what the app serves: run `npm run api:generate` and commit it';

describe('committed API artifacts', () => {
  it('openapi/openapi.json is the served /openapi.json', async () => {
    const committed: unknown = JSON.parse(
      readFileSync(path.join(ROOT, 'openapi', 'openapi.json'), 'utf8')
    );
    const res = await anonymous().get('/openapi.json');
    expect(res.status).toBe(200);
    // The hint shows in the difference jest prints.
    const file = 'openapi/openapi.json';
    expect({ file, hint: REGENERATE, document: res.body }).toEqual({
      file,
      hint: REGENERATE,
      document: committed,
    });
  });
});
