import { paginationProblem } from '../../src/lib/api/pagination';

describe('paginationProblem', () => {
  it.each([
    [undefined],
    [{ page: '2', pageSize: '100' }],
    [{ start: '0', limit: '1', withCount: 'false' }],
  ])('accepts %j', (pagination) => {
    expect(paginationProblem(pagination, 100)).toBeNull();
  });

  it.each([
    ['abc', 'pagination', 'pagination must be an object'],
    [
      { pageSize: 'abc' },
      'pagination[pageSize]',
      'pagination[pageSize] must be a positive integer',
    ],
    [{ pageSize: '0' }, 'pagination[pageSize]', 'pagination[pageSize] must be a positive integer'],
    [
      { pageSize: '1.5' },
      'pagination[pageSize]',
      'pagination[pageSize] must be a positive integer',
    ],
    [{ pageSize: '101' }, 'pagination[pageSize]', 'pagination[pageSize] must be at most 100'],
    [{ page: 'abc' }, 'pagination[page]', 'pagination[page] must be a positive integer'],
    [{ page: ['1', '2'] }, 'pagination[page]', 'pagination[page] must be a positive integer'],
    [{ start: '-1' }, 'pagination[start]', 'pagination[start] must be a non-negative integer'],
    [{ limit: '500' }, 'pagination[limit]', 'pagination[limit] must be at most 100'],
    [{ page: '1e308' }, 'pagination[page]', 'pagination[page] must be at most 1000000'],
    [{ page: '' }, 'pagination[page]', 'pagination[page] must be a positive integer'],
    [{ withCount: 'yes' }, 'pagination[withCount]', 'pagination[withCount] must be true or false'],
  ])('refuses %j, naming %s', (pagination, param, message) => {
    expect(paginationProblem(pagination, 100)).toEqual({ param, message });
  });
});
