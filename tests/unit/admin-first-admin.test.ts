import {
  EXAMPLE_ADMIN_EMAIL,
  EXAMPLE_ADMIN_PASSWORD,
  decideFirstAdmin,
} from '../../src/lib/admin/first-admin';

describe('first admin from ADMIN_EMAIL / ADMIN_PASSWORD', () => {
  const valid = { email: 'chief@ccn.example', password: 'Str0ngPassword', adminExists: false };

  it('creates the admin when both are set and no admin exists', () => {
    expect(decideFirstAdmin(valid)).toEqual({
      action: 'create',
      email: 'chief@ccn.example',
      password: 'Str0ngPassword',
    });
  });

  it('does nothing when a variable is missing or an admin exists', () => {
    expect(decideFirstAdmin({ ...valid, email: undefined }).action).toBe('skip');
    expect(decideFirstAdmin({ ...valid, password: '' }).action).toBe('skip');
    expect(decideFirstAdmin({ ...valid, adminExists: true }).action).toBe('skip');
  });

  it('accepts the example values in development', () => {
    const decision = decideFirstAdmin({
      email: EXAMPLE_ADMIN_EMAIL,
      password: EXAMPLE_ADMIN_PASSWORD,
      nodeEnv: 'development',
      adminExists: false,
    });
    expect(decision.action).toBe('create');
  });

  it.each([
    [EXAMPLE_ADMIN_EMAIL, 'Str0ngPassword'],
    ['chief@ccn.example', EXAMPLE_ADMIN_PASSWORD],
    ['ADMIN@example.com', EXAMPLE_ADMIN_PASSWORD],
  ])('refuses the example values in production (%s)', (email, password) => {
    const decision = decideFirstAdmin({
      email,
      password,
      nodeEnv: 'production',
      adminExists: false,
    });
    expect(decision).toEqual({
      action: 'refuse',
      message: expect.stringContaining('example values'),
    });
  });

  it.each(['short1A', 'alllowercase1', 'ALLUPPERCASE1', 'NoDigitsHere'])(
    'refuses a weak password (%s) with a clear message',
    (password) => {
      const decision = decideFirstAdmin({ ...valid, password });
      expect(decision).toEqual({ action: 'refuse', message: expect.stringContaining('8 to 72') });
    }
  );

  it('refuses an address that is not an e-mail address', () => {
    expect(decideFirstAdmin({ ...valid, email: 'admin' })).toEqual({
      action: 'refuse',
      message: 'ADMIN_EMAIL "admin" is not an e-mail address.',
    });
  });
});
