import { describeLocaleParams, type OpenApiDocument } from '../../server/src/lib/openapi';

const param = (name: string) => ({ name, in: 'query', schema: { type: 'string' } });

function generated(): OpenApiDocument {
  return {
    paths: {
      '/cities': {
        get: {
          parameters: [param('sort'), param('locale')],
          responses: {
            '200': {
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/CityListResponse' } },
              },
            },
            '400': { description: 'Bad Request' },
          },
        },
      },
      '/cities/{id}': { get: { parameters: [{ name: 'id', in: 'path' }] } },
      '/upload/files': { get: { parameters: [param('sort')] } },
    },
    components: {
      schemas: {
        CityListResponse: {
          properties: { data: { type: 'array', items: { $ref: '#/components/schemas/City' } } },
        },
        City: { type: 'object', properties: { name: { type: 'string' } } },
      },
    },
  };
}

describe('describeLocaleParams', () => {
  it('describes locale, fallbackLocale and the 400 on the read routes of localized types', () => {
    const document = generated();
    expect(describeLocaleParams(document)).toEqual(['/cities', '/cities/{id}']);
    for (const path of ['/cities', '/cities/{id}']) {
      const operation = document.paths?.[path].get;
      const names = operation?.parameters?.map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['locale', 'fallbackLocale']));
      expect(names?.filter((name) => name === 'locale')).toHaveLength(1);
      expect(operation?.responses?.['400'].description).toContain('unknown `locale`');
    }
    expect(document.components?.schemas?.City.properties?.fallback).toMatchObject({
      type: 'boolean',
    });
  });

  it('names the locales known at generation time, and none when they are not known', () => {
    const document = generated();
    describeLocaleParams(document, { codes: ['cy', 'ga'], defaultLocale: 'ga' });
    const params = document.paths?.['/cities'].get.parameters ?? [];
    const locale = params.find((p) => p.name === 'locale');
    expect(locale?.description).toContain('default `ga`; at generation time: `cy`, `ga`;');
    expect(locale?.schema).toEqual({ type: 'string', example: 'cy' });
    expect(params.find((p) => p.name === 'fallbackLocale')?.schema).toEqual({
      type: 'string',
      example: 'ga',
    });

    const unknown = generated();
    describeLocaleParams(unknown);
    const bare = unknown.paths?.['/cities'].get.parameters?.find((p) => p.name === 'locale');
    expect(bare?.description).toContain('default: the default locale;');
    expect(bare?.schema).toEqual({ type: 'string' });
  });

  it('leaves routes of other types alone', () => {
    const document = generated();
    describeLocaleParams(document);
    expect(document.paths?.['/upload/files'].get.parameters).toEqual([param('sort')]);
  });
});
