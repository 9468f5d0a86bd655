import config from '../../server/src/config';

describe('plugin config', () => {
  it('defaults to a 10 MiB import limit and no review requirement, which the validator accepts', () => {
    const defaults = config.default();
    expect(defaults).toEqual({ importMaxBytes: 10485760, requireReview: false });
    expect(() => config.validator(defaults)).not.toThrow();
  });

  it.each([0, -1, 1.5, Number.NaN, '1000'])(
    'refuses importMaxBytes %p with the option name',
    (value) => {
      expect(() =>
        config.validator({ ...config.default(), importMaxBytes: value as number })
      ).toThrow(/translations\.importMaxBytes must be a positive whole number of bytes/);
    }
  );

  it('refuses a requireReview that is not a boolean, and a previewUrl that is not a function', () => {
    expect(() =>
      config.validator({ ...config.default(), requireReview: 'yes' as unknown as boolean })
    ).toThrow(/translations\.requireReview must be true or false, got yes/);
    expect(() =>
      config.validator({ ...config.default(), previewUrl: 'https://x' as never })
    ).toThrow(/translations\.previewUrl must be a function/);
    expect(() =>
      config.validator({ ...config.default(), previewUrl: () => 'https://x' })
    ).not.toThrow();
  });

  it('accepts a glossary with a type uid and optional attribute names, and names a wrong one', () => {
    const valid = { uid: 'api::glossary-term.glossary-term', fields: { status: 'termStatus' } };
    expect(() => config.validator({ ...config.default(), glossary: valid })).not.toThrow();
    expect(() => config.validator({ ...config.default(), glossary: { uid: 'glossary' } })).toThrow(
      /translations\.glossary\.uid must be a content type uid/
    );
    expect(() =>
      config.validator({
        ...config.default(),
        glossary: { uid: valid.uid, fields: { state: 'x' } as never },
      })
    ).toThrow(/translations\.glossary\.fields\.state is not an option \(use term, definition/);
    expect(() =>
      config.validator({ ...config.default(), glossary: { uid: valid.uid, fields: { term: '' } } })
    ).toThrow(/translations\.glossary\.fields\.term must be an attribute name/);
  });
});
