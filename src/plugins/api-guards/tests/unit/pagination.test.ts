import { parse } from 'graphql';
import { findOversizedPagination } from '../../server/src/lib/pagination';

describe('findOversizedPagination', () => {
  const find = (query: string, variables?: Record<string, unknown>) =>
    findOversizedPagination(parse(query), variables, 100);

  it('accepts limits up to the maximum', () => {
    expect(find('{ cities(pagination: { pageSize: 100 }) { name } }')).toBeNull();
    expect(find('{ cities { name } }')).toBeNull();
  });

  it('names a literal limit or pageSize above the maximum', () => {
    expect(find('{ cities(pagination: { limit: 1000 }) { name } }')).toBe(
      'pagination.limit is 1000; at most 100 entries per request are allowed'
    );
    expect(
      find('{ a: countries { name } cities(pagination: { pageSize: 101 }) { name } }')
    ).toMatch(/pageSize is 101/);
  });

  it('resolves variables', () => {
    expect(
      find('query($p: PaginationArg) { cities(pagination: $p) { name } }', { p: { limit: 500 } })
    ).toMatch(/limit is 500/);
    expect(
      find('query($n: Int) { cities(pagination: { pageSize: $n }) { name } }', { n: 250 })
    ).toMatch(/pageSize is 250/);
  });
});
