import { assertProductionSecrets, findSecretProblems } from '../../src/lib/security/secrets';

const GOOD = {
  APP_KEYS: 'k3y-one,k3y-two',
  API_TOKEN_SALT: 'salt-9f8e7d',
  ADMIN_JWT_SECRET: 'admin-5c4b3a',
  TRANSFER_TOKEN_SALT: 'transfer-1a2b',
  JWT_SECRET: 'jwt-3c4d5e',
  ENCRYPTION_KEY: 'enc-6f7a8b',
};

describe('findSecretProblems', () => {
  it('accepts six real secrets', () => {
    expect(findSecretProblems(GOOD)).toEqual([]);
  });

  it('names every example value from .env.example', () => {
    const problems = findSecretProblems({
      ...GOOD,
      APP_KEYS: 'tobemodified1,tobemodified2',
      JWT_SECRET: 'tobemodified',
    });
    expect(problems).toEqual([
      'APP_KEYS still has the example value from .env.example',
      'JWT_SECRET still has the example value from .env.example',
    ]);
  });

  it('catches one example key among real APP_KEYS', () => {
    expect(findSecretProblems({ ...GOOD, APP_KEYS: 'real-key,tobemodified2' })).toEqual([
      'APP_KEYS still has the example value from .env.example',
    ]);
  });

  it('names missing, blank and empty-entry secrets', () => {
    const problems = findSecretProblems({
      ...GOOD,
      ENCRYPTION_KEY: undefined,
      API_TOKEN_SALT: '   ',
      APP_KEYS: 'one,,two',
    });
    expect(problems).toEqual([
      'APP_KEYS has an empty entry',
      'API_TOKEN_SALT is missing',
      'ENCRYPTION_KEY is missing',
    ]);
  });
});

describe('assertProductionSecrets', () => {
  it('refuses to start in production with the example secrets, naming them', () => {
    expect(() =>
      assertProductionSecrets({ ...GOOD, NODE_ENV: 'production', ADMIN_JWT_SECRET: 'tobemodified' })
    ).toThrow(
      /Refusing to start in production with unsafe secrets: ADMIN_JWT_SECRET still has the example value/
    );
  });

  it('refuses to start in production with a missing secret', () => {
    expect(() =>
      assertProductionSecrets({ ...GOOD, NODE_ENV: 'production', JWT_SECRET: undefined })
    ).toThrow(/JWT_SECRET is missing/);
  });

  it('starts in production with real secrets', () => {
    expect(() => assertProductionSecrets({ ...GOOD, NODE_ENV: 'production' })).not.toThrow();
  });

  it('does not check outside production (development, tests)', () => {
    expect(() =>
      assertProductionSecrets({ NODE_ENV: 'development', APP_KEYS: 'tobemodified1' })
    ).not.toThrow();
  });
});
