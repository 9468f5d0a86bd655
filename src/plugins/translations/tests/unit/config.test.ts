import config from '../../server/src/config';

describe('plugin config', () => {
  it('defaults to a 10 MiB import limit, which the validator accepts', () => {
    const defaults = config.default();
    expect(defaults).toEqual({ importMaxBytes: 10485760 });
    expect(() => config.validator(defaults)).not.toThrow();
  });

  it.each([0, -1, 1.5, Number.NaN, '1000'])(
    'refuses importMaxBytes %p with the option name',
    (value) => {
      expect(() => config.validator({ importMaxBytes: value as number })).toThrow(
        /translations\.importMaxBytes must be a positive whole number of bytes/
      );
    }
  );
});
