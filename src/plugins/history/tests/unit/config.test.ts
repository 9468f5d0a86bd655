import config from '../../server/src/config';

describe('history plugin config', () => {
  it('defaults to on, every api:: type with draft & publish or i18n, 100 entries and 90 days', () => {
    const defaults = config.default();
    expect(defaults).toEqual({
      enabled: true,
      retention: { keepLast: 100, keepDays: 90, pruneEvery: 10 },
    });
    expect(() => config.validator(defaults)).not.toThrow();
  });

  it('accepts a list of content type uids', () => {
    expect(() =>
      config.validator({ ...config.default(), contentTypes: ['api::city.city'] })
    ).not.toThrow();
  });

  it.each([
    [{ enabled: 'yes' }, /history\.enabled must be true or false, got yes/],
    [{ contentTypes: 'api::city.city' }, /history\.contentTypes must be a list/],
    [{ contentTypes: ['city'] }, /history\.contentTypes: "city" is not a content type uid/],
    [{ retention: null }, /history\.retention must be \{ keepLast, keepDays, pruneEvery \}/],
    [
      { retention: { keepLast: 0, keepDays: 90, pruneEvery: 1 } },
      /retention\.keepLast must be a whole number of at least 1, got 0/,
    ],
    [
      { retention: { keepLast: 100, keepDays: -1, pruneEvery: 1 } },
      /retention\.keepDays must be a whole number of at least 0/,
    ],
    [
      { retention: { keepLast: 1.5, keepDays: 1, pruneEvery: 1 } },
      /retention\.keepLast must be a whole number/,
    ],
    [
      { retention: { keepLast: 1, keepDays: 1, pruneEvery: 0 } },
      /retention\.pruneEvery must be a whole number of at least 1/,
    ],
  ])('refuses %j naming the option', (override, message) => {
    expect(() =>
      config.validator({ ...config.default(), ...(override as object) } as never)
    ).toThrow(message);
  });
});
