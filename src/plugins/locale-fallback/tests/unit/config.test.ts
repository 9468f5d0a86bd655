import config from '../../server/src/config';

describe('plugin config', () => {
  it('defaults to every localized api:: type, GraphQL and OpenAPI on', () => {
    const defaults = config.default();
    expect(defaults).toEqual({ contentTypes: [], graphql: true, openapi: true });
    expect(() => config.validator(defaults as unknown as Record<string, unknown>)).not.toThrow();
  });

  it('accepts a list of content type uids', () => {
    expect(() =>
      config.validator({ contentTypes: ['api::page.page'], graphql: false, openapi: true })
    ).not.toThrow();
  });

  it.each([
    [
      { contentTypes: 'api::page.page', graphql: true, openapi: true },
      /contentTypes must be a list/,
    ],
    [{ contentTypes: ['page'], graphql: true, openapi: true }, /contentTypes must be a list/],
    [{ contentTypes: [], graphql: 'yes', openapi: true }, /graphql must be true or false/],
    [{ contentTypes: [], graphql: true, openapi: 1 }, /openapi must be true or false/],
  ])('refuses %p', (value, message) => {
    expect(() => config.validator(value)).toThrow(message);
  });
});
