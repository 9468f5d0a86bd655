import { pageInfoOf } from '../../server/src/lib/page-info';

describe('pageInfoOf', () => {
  it('numbers pages from start and limit', () => {
    expect(pageInfoOf(30, 0, 25)).toEqual({ total: 30, page: 1, pageSize: 25, pageCount: 2 });
    expect(pageInfoOf(30, 25, 25)).toEqual({ total: 30, page: 2, pageSize: 25, pageCount: 2 });
    expect(pageInfoOf(81, 20, 10)).toEqual({ total: 81, page: 3, pageSize: 10, pageCount: 9 });
  });

  it('has no pages for an empty relation', () => {
    expect(pageInfoOf(0, 0, 25)).toEqual({ total: 0, page: 1, pageSize: 25, pageCount: 0 });
  });

  it('makes one page of everything from start without a limit', () => {
    expect(pageInfoOf(30, 5, -1)).toEqual({ total: 30, page: 1, pageSize: 25, pageCount: 1 });
    expect(pageInfoOf(30)).toEqual({ total: 30, page: 1, pageSize: 30, pageCount: 1 });
  });
});
