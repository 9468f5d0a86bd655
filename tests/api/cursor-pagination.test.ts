import fc from 'fast-check';
import { anonymous, tokenHeader } from '../helpers/api';

interface City {
  documentId: string;
  name: string;
  [field: string]: unknown;
}

interface CursorMeta {
  pageSize: number;
  nextCursor: string | null;
}

/** Every page of `query` by cursor, following nextCursor to the end. */
async function allByCursor(
  query: string,
  headers: Record<string, string> = {}
): Promise<{ pages: City[][]; metas: CursorMeta[] }> {
  const pages: City[][] = [];
  const metas: CursorMeta[] = [];
  let cursor = '';
  for (;;) {
    const res = await anonymous()
      .get(`/api/cities?${query}&pagination[cursor]=${encodeURIComponent(cursor)}`)
      .set(headers);
    expect(res.status).toBe(200);
    pages.push(res.body.data);
    metas.push(res.body.meta.pagination);
    const next = res.body.meta.pagination.nextCursor as string | null;
    if (next === null) return { pages, metas };
    cursor = next;
  }
}

/** Every page of `query` by offset (`pagination[page]`). */
async function allByOffset(
  query: string,
  pageSize: number,
  headers: Record<string, string> = {}
): Promise<City[][]> {
  const first = await anonymous()
    .get(`/api/cities?${query}&pagination[pageSize]=${pageSize}&pagination[page]=1`)
    .set(headers);
  expect(first.status).toBe(200);
  const pages: City[][] = [first.body.data];
  for (let page = 2; page <= first.body.meta.pagination.pageCount; page += 1) {
    const res = await anonymous()
      .get(`/api/cities?${query}&pagination[pageSize]=${pageSize}&pagination[page]=${page}`)
      .set(headers);
    expect(res.status).toBe(200);
    pages.push(res.body.data);
  }
  return pages.filter((page) => page.length > 0);
}

const ids = (pages: City[][]): string[][] => pages.map((page) => page.map((c) => c.documentId));

describe('cursor pagination on the REST list routes', () => {
  it('pages through all cities with nextCursor, null on the last page, without a count', async () => {
    const total = (await anonymous().get('/api/cities?locale=de&pagination[pageSize]=1')).body.meta
      .pagination.total as number;
    const { pages, metas } = await allByCursor('locale=de&sort=name:asc&pagination[pageSize]=100');
    expect(pages.flat()).toHaveLength(total);
    expect(new Set(pages.flat().map((c) => c.documentId)).size).toBe(total);
    expect(metas.at(-1)).toEqual({ pageSize: 100, nextCursor: null });
    for (const meta of metas.slice(0, -1)) {
      expect(Object.keys(meta).sort()).toEqual(['nextCursor', 'pageSize']);
      expect(meta.nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }
    const names = pages.flat().map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('answers a full last page with nextCursor null (no empty page after it)', async () => {
    const res = await anonymous().get(
      '/api/creative-fields?locale=en&sort=key&pagination[pageSize]=8&pagination[cursor]='
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(8);
    expect(res.body.meta.pagination).toEqual({ pageSize: 8, nextCursor: null });
  });

  it('keeps a field selection as asked, though it pages on a field left out of it', async () => {
    const res = await anonymous().get(
      '/api/cities?locale=en&fields[0]=slug&sort=memberSince:desc&pagination[pageSize]=5&pagination[cursor]='
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data[0]).sort()).toEqual(['documentId', 'id', 'slug']);
    const next = await anonymous().get(
      `/api/cities?locale=en&fields[0]=slug&sort=memberSince:desc&pagination[pageSize]=5&pagination[cursor]=${res.body.meta.pagination.nextCursor}`
    );
    expect(next.status).toBe(200);
    expect(next.body.data).toHaveLength(5);
  });

  it('works with populate, filters and locale fallback', async () => {
    const query =
      'locale=en&fallbackLocale=de&filters[creativeField][key][$eq]=music&populate[0]=country&sort=name';
    const { pages } = await allByCursor(`${query}&pagination[pageSize]=7`);
    const offset = await allByOffset(`${query},documentId`, 7);
    expect(ids(pages)).toEqual(ids(offset));
    expect(pages[0][0].country).toEqual(expect.objectContaining({ name: expect.any(String) }));
  });

  it('is cached like any other read, keyed by its cursor', async () => {
    const url = '/api/cities?locale=de&sort=memberSince&pagination[pageSize]=3&pagination[cursor]=';
    const first = await anonymous().get(url);
    const second = await anonymous().get(url);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toEqual(first.body);
    const next = await anonymous().get(
      `/api/cities?locale=de&sort=memberSince&pagination[pageSize]=3&pagination[cursor]=${first.body.meta.pagination.nextCursor}`
    );
    expect(next.headers['x-cache']).toBe('MISS');
    expect(next.body.data[0].documentId).not.toBe(first.body.data[0].documentId);
  });

  describe('bad cursors and mixes are a 400 naming the parameter', () => {
    const page1 = (query: string) => anonymous().get(`/api/cities?${query}&pagination[cursor]=`);

    it.each([
      ['not-a-cursor', 'pagination[cursor] is malformed'],
      ['eyJxIjoiYSJ9.AAAA', 'pagination[cursor] is malformed'],
    ])('a malformed cursor (%s)', async (cursor, message) => {
      const res = await anonymous().get(`/api/cities?pagination[cursor]=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.data).toBeNull();
      expect(res.body.error).toMatchObject({
        status: 400,
        name: 'ValidationError',
        details: { param: 'pagination[cursor]' },
      });
      expect(res.body.error.message).toContain(message);
    });

    it('a tampered cursor (the signature no longer fits)', async () => {
      const res = await page1('locale=de&sort=name&pagination[pageSize]=2');
      const [body, mac] = (res.body.meta.pagination.nextCursor as string).split('.');
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
      payload.k[0] = 'A';
      const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
      const again = await anonymous().get(
        `/api/cities?locale=de&sort=name&pagination[pageSize]=2&pagination[cursor]=${forged}`
      );
      expect(again.status).toBe(400);
      expect(again.body.error.message).toContain('pagination[cursor] is malformed');
    });

    it.each([
      ['another sort', 'locale=de&sort=slug&pagination[pageSize]=2'],
      ['another locale', 'locale=en&sort=name&pagination[pageSize]=2'],
      ['another page size', 'locale=de&sort=name&pagination[pageSize]=3'],
      [
        'other filters',
        'locale=de&sort=name&pagination[pageSize]=2&filters[memberSince][$gt]=2010',
      ],
    ])('a cursor of another query (%s)', async (_what, query) => {
      const res = await page1('locale=de&sort=name&pagination[pageSize]=2');
      const other = await anonymous().get(
        `/api/cities?${query}&pagination[cursor]=${res.body.meta.pagination.nextCursor}`
      );
      expect(other.status).toBe(400);
      expect(other.body.error).toMatchObject({
        name: 'ValidationError',
        details: { param: 'pagination[cursor]' },
      });
      expect(other.body.error.message).toContain('pagination[cursor] belongs to another query');
    });

    it.each([
      ['pagination[page]=2', 'pagination[cursor] cannot be combined with pagination[page]'],
      ['pagination[start]=0', 'pagination[cursor] cannot be combined with pagination[start]'],
      ['pagination[withCount]=true', 'pagination[cursor] pages without counting'],
      ['sort=country.name', "sort takes the type's own text, number, date or boolean fields"],
      ['sort=description', "sort takes the type's own text, number, date or boolean fields"],
      ['sort=name:sideways', 'sort direction of "name" must be asc or desc'],
    ])('%s', async (query, message) => {
      const res = await page1(query);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.message).toContain(message);
    });

    it('on a route that is not a list', async () => {
      const res = await anonymous().get('/api/network?pagination[cursor]=');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('pagination[cursor] pages the list routes');
    });
  });

  it('yields exactly the offset pages for random sorts, filters and page sizes (uncached)', async () => {
    // A token's draft reads are never cached: both sides are computed by the database.
    const headers = tokenHeader();
    const fields = ['name', 'slug', 'memberSince', 'latitude', 'website', 'createdAt', 'key'];
    const filters = [
      '',
      '&filters[memberSince][$gte]=2015',
      '&filters[country][isoCode][$in][0]=DE&filters[country][isoCode][$in][1]=IT',
      '&filters[creativeField][key][$eq]=design',
      '&filters[name][$contains]=an',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            field: fc.constantFrom(...fields),
            direction: fc.constantFrom('asc', 'desc'),
          }),
          { minLength: 1, maxLength: 3, selector: (step) => step.field }
        ),
        fc.constantFrom(...filters),
        fc.constantFrom('de', 'en'),
        fc.integer({ min: 20, max: 100 }),
        async (sort, filter, locale, pageSize) => {
          const sortParam = sort.map((step) => `${step.field}:${step.direction}`).join(',');
          const base = `status=draft&locale=${locale}${filter}&fields[0]=name`;
          const { pages } = await allByCursor(
            `${base}&sort=${sortParam}&pagination[pageSize]=${pageSize}`,
            headers
          );
          const offset = await allByOffset(
            `${base}&sort=${sortParam},documentId`,
            pageSize,
            headers
          );
          expect(ids(pages.filter((page) => page.length > 0))).toEqual(ids(offset));
        }
      ),
      { numRuns: 8 }
    );
    // Up to 8 × 2 × 21 uncached requests: slow on a loaded machine, not a speed assertion.
  }, 240_000);
});
