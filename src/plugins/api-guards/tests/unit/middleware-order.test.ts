import { insertMiddleware } from '../../server/src/lib/middleware-order';

describe('insertMiddleware', () => {
  const list = ['strapi::errors', 'strapi::query', { name: 'strapi::body', config: {} }, 'x'];

  it('places the entry right after the first anchor found', () => {
    expect(insertMiddleware(list, 'plugin::p.m', ['strapi::body', 'strapi::query'])).toEqual([
      'strapi::errors',
      'strapi::query',
      { name: 'strapi::body', config: {} },
      'plugin::p.m',
      'x',
    ]);
    expect(insertMiddleware(list, 'plugin::p.m', ['nope', 'strapi::errors'])[1]).toBe(
      'plugin::p.m'
    );
  });

  it('appends when no anchor is present, and leaves a list that already has it alone', () => {
    expect(insertMiddleware(['a'], 'plugin::p.m', ['b'])).toEqual(['a', 'plugin::p.m']);
    const placed = ['plugin::p.m', 'strapi::body'];
    expect(insertMiddleware(placed, { name: 'plugin::p.m' }, ['strapi::body'])).toEqual(placed);
  });
});
