import config from '../../server/src/config';

describe('plugin config', () => {
  it('defaults to every localized api:: type, GraphQL and OpenAPI on', () => {
    const defaults = config.default();
    expect(defaults).toEqual({
      contentTypes: [],
      graphql: true,
      graphqlLookAhead: true,
      openapi: true,
      settingsRecheckMs: 1000,
    });
    expect(() => config.validator(defaults as unknown as Record<string, unknown>)).not.toThrow();
  });

  it('accepts a list of content type uids', () => {
    expect(() =>
      config.validator({
        contentTypes: ['api::page.page'],
        graphql: false,
        graphqlLookAhead: false,
        openapi: true,
        settingsRecheckMs: 0,
      })
    ).not.toThrow();
  });

  it.each([
    [
      {
        contentTypes: 'api::page.page',
        graphql: true,
        graphqlLookAhead: true,
        openapi: true,
        settingsRecheckMs: 1000,
      },
      /contentTypes must be a list/,
    ],
    [
      {
        contentTypes: ['page'],
        graphql: true,
        graphqlLookAhead: true,
        openapi: true,
        settingsRecheckMs: 1000,
      },
      /contentTypes must be a list/,
    ],
    [
      {
        contentTypes: [],
        graphql: 'yes',
        graphqlLookAhead: true,
        openapi: true,
        settingsRecheckMs: 1000,
      },
      /graphql must be true or false/,
    ],
    [
      {
        contentTypes: [],
        graphql: true,
        graphqlLookAhead: 'no',
        openapi: true,
        settingsRecheckMs: 1000,
      },
      /graphqlLookAhead must be true or false/,
    ],
    [
      {
        contentTypes: [],
        graphql: true,
        graphqlLookAhead: true,
        openapi: 1,
        settingsRecheckMs: 1000,
      },
      /openapi must be true or false/,
    ],
    [
      {
        contentTypes: [],
        graphql: true,
        graphqlLookAhead: true,
        openapi: true,
        settingsRecheckMs: -1,
      },
      /settingsRecheckMs must be a whole number/,
    ],
    [
      {
        contentTypes: [],
        graphql: true,
        graphqlLookAhead: true,
        openapi: true,
        settingsRecheckMs: '1000',
      },
      /settingsRecheckMs must be a whole number/,
    ],
  ])('refuses %p', (value, message) => {
    expect(() => config.validator(value)).toThrow(message);
  });
});
