import { anonymous } from '../helpers/api';

interface Parameter {
  name: string;
  in: string;
  description: string;
}

describe('OpenAPI document', () => {
  it('is served anonymously as JSON and describes locale, fallbackLocale and the 400', async () => {
    const res = await anonymous().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { paths, components } = res.body;
    for (const path of [
      '/cities',
      '/cities/{id}',
      '/network',
      '/creative-fields',
      '/network-goals/{id}',
    ]) {
      const operation = paths[path].get;
      const params = Object.fromEntries(
        (operation.parameters as Parameter[]).map((param) => [param.name, param])
      );
      expect({ path, locale: params.locale?.in }).toEqual({ path, locale: 'query' });
      expect(params.locale.description).toContain('unknown or malformed locale is a 400');
      expect(params.fallbackLocale).toMatchObject({ in: 'query', required: false });
      expect(operation.responses['400'].description).toContain('unknown `locale`');
    }
    expect(components.schemas.City.properties.fallback).toMatchObject({ type: 'boolean' });
  });

  it('serves the Swagger UI anonymously', async () => {
    const res = await anonymous().get('/documentation/v1.0.0');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
    expect(res.text).toContain('fallbackLocale');
  });
});
