import type { Core, UID } from '@strapi/strapi';
import type { SiteConfig } from '../../config/site';
import { defaultLocale, launchedLocales } from '../i18n/locales';
import { modelColumns, sqlConnection, type SqlConnection } from '../internals';
import {
  renderUrlset,
  sitemapEntries,
  type Page,
  type PageVersion,
  type PathPatterns,
} from '../lib/sitemap/build-sitemap';
import { renderIndex } from '../lib/sitemap/sitemap-files';
import {
  planFiles,
  urlBytesBound,
  urlsPerFile,
  type PlannedFile,
  type Segment,
} from '../lib/sitemap/sitemap-plan';

const NETWORK = 'api::network.network';

type QueryBuilder = ReturnType<SqlConnection>;

/** A content type with public pages: its table, its URL patterns and the columns they fill. */
interface Source {
  table: string;
  patterns: PathPatterns;
  /** Placeholder → column, `locale` aside (every row has one). */
  columns: Array<{ placeholder: string; column: string; text: boolean }>;
}

/** What a request needs: the sources, the launched locales, the limits, the database. */
interface Context {
  knex: SqlConnection;
  /** SQLite and PostgreSQL count a text's bytes with different functions. */
  dialect: 'sqlite' | 'postgres';
  site: SiteConfig;
  defaultLocale: string;
  locales: readonly string[];
  sources: Source[];
}

const TEXT_TYPES = new Set(['string', 'uid', 'text', 'email', 'enumeration']);

/**
 * The sources in sitemap order (the home pages, then config/site.ts's types), read through the
 * database layer's metadata and its knex connection (../internals.ts): a sitemap file reads only its
 * own rows, one SQL statement per run of rows, where the Document Service would read and map
 * every published version of every type (seconds at 100× today's content).
 */
function sourcesOf(strapi: Core.Strapi, site: SiteConfig): Source[] {
  const source = (uid: string, patterns: PathPatterns): Source => {
    const model = modelColumns(strapi, uid);
    const attributes = strapi.getModel(uid as UID.ContentType).attributes as Record<
      string,
      { type?: string } | undefined
    >;
    const placeholders = [
      ...new Set(
        Object.values(patterns)
          .join('')
          .match(/\{(\w+)\}/g) ?? []
      ),
    ]
      .map((placeholder) => placeholder.slice(1, -1))
      .filter((name) => name !== 'locale');
    return {
      table: model.table,
      patterns,
      columns: placeholders.map((placeholder) => {
        const column = model.column(placeholder);
        if (!column) throw new Error(`config/site.ts: ${uid} has no attribute "${placeholder}"`);
        return {
          placeholder,
          column,
          text: TEXT_TYPES.has(String(attributes[placeholder]?.type)),
        };
      }),
    };
  };
  return [
    source(NETWORK, site.home),
    ...Object.entries(site.paths).map(([uid, patterns]) => source(uid, patterns)),
  ];
}

async function contextOf(strapi: Core.Strapi): Promise<Context> {
  const site = strapi.config.get('site') as SiteConfig;
  return {
    knex: sqlConnection(strapi),
    dialect:
      strapi.config.get<string>('database.connection.client') === 'postgres'
        ? 'postgres'
        : 'sqlite',
    site,
    defaultLocale: await defaultLocale(strapi),
    // Only launched locales are public (docs/adr/0005-locale-settings.md): an unlaunched one has
    // no URLs and no hreflang alternates yet.
    locales: [...(await launchedLocales(strapi))].sort(),
    sources: sourcesOf(strapi, site),
  };
}

/** Published rows with a URL: every placeholder has a value (hasPath in build-sitemap.ts). */
function published(context: Context, source: Source): QueryBuilder {
  const query = context.knex(source.table).whereNotNull('published_at');
  for (const { column, text } of source.columns) {
    query.whereNotNull(column);
    if (text) query.whereNot(column, '');
  }
  return query;
}

/** A locale's rows of a source with a URL, in sitemap order (by document id). */
function inOrder(context: Context, source: Source, locale: string): QueryBuilder {
  return published(context, source).where('locale', locale).orderBy('document_id');
}

/** URLs per source and locale (launched locales only). */
async function countsOf(context: Context): Promise<Array<Map<string, number>>> {
  return Promise.all(
    context.sources.map(async (source) => {
      const rows = (await published(context, source)
        .whereIn('locale', context.locales)
        .groupBy('locale')
        .select('locale')
        .count({ count: '*' })) as Array<{ locale: string; count: number | string }>;
      return new Map(rows.map((row) => [row.locale, Number(row.count)]));
    })
  );
}

/** The longest placeholder value of the sources in UTF-8 bytes (numbers: 20 digits at most). */
async function longestValueBytes(context: Context): Promise<number> {
  let longest = 0;
  for (const source of context.sources) {
    for (const { column, text } of source.columns) {
      if (!text) {
        longest = Math.max(longest, 20);
        continue;
      }
      // SQLite's length() of a BLOB counts bytes; PostgreSQL's octet_length() does.
      const expression =
        context.dialect === 'sqlite'
          ? `length(CAST(?? AS BLOB))`
          : `octet_length(CAST(?? AS text))`;
      const [row] = (await published(context, source).select(
        context.knex.raw(`max(${expression}) as longest`, [column])
      )) as Array<{ longest: number | string | null }>;
      longest = Math.max(longest, Number(row?.longest ?? 0));
    }
  }
  return longest;
}

/** ISO 8601 of a timestamp as the driver returns it (Date, epoch milliseconds or text). */
function isoOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

interface Row {
  document_id: string;
  locale: string;
  updated_at: unknown;
  [column: string]: unknown;
}

/** Rows grouped into one page per document, in the rows' order. */
function pagesOf(source: Source, rows: Row[]): Page[] {
  const byDocument = new Map<string, PageVersion[]>();
  for (const row of rows) {
    const list = byDocument.get(row.document_id) ?? [];
    list.push({
      locale: row.locale,
      values: Object.fromEntries(
        source.columns.map(({ placeholder, column }) => [
          placeholder,
          row[column] as string | number | null,
        ])
      ),
      updatedAt: isoOf(row.updated_at),
    });
    byDocument.set(row.document_id, list);
  }
  return [...byDocument.values()].map((versions) => ({ patterns: source.patterns, versions }));
}

const rowColumns = (source: Source) => [
  'document_id',
  'locale',
  'updated_at',
  ...source.columns.map(({ column }) => column),
];

/** Every page of every source: the whole sitemap, read only while it fits one file. */
async function allPages(context: Context): Promise<Page[]> {
  const pages: Page[] = [];
  for (const source of context.sources) {
    const rows = (await published(context, source)
      .whereIn('locale', context.locales)
      .orderBy([{ column: 'document_id' }, { column: 'locale' }])
      .select(rowColumns(source))) as Row[];
    pages.push(...pagesOf(source, rows));
  }
  return pages;
}

/**
 * The pages of one run of a locale's URLs: the run's first and last document id (by offset in
 * the locale's order), then every launched version of the documents between them, which are the
 * run's URLs and their alternates.
 */
async function pagesOfSegment(context: Context, locale: string, segment: Segment): Promise<Page[]> {
  const source = context.sources[segment.source];
  const bound = async (offset: number) =>
    (
      (await inOrder(context, source, locale).offset(offset).first('document_id')) as
        { document_id: string } | undefined
    )?.document_id;
  const [first, last] = await Promise.all([
    bound(segment.offset),
    bound(segment.offset + segment.limit - 1),
  ]);
  if (first === undefined || last === undefined) return [];
  // No locale condition in SQL: the range is read through the document-id index in order, and
  // versions of unlaunched locales are left out here.
  const rows = (
    (await published(context, source)
      .where('document_id', '>=', first)
      .where('document_id', '<=', last)
      .orderBy([{ column: 'document_id' }, { column: 'locale' }])
      .select(rowColumns(source))) as Row[]
  ).filter((row) => context.locales.includes(row.locale));
  return pagesOf(source, rows);
}

/** The newest `updated_at` of a run of a locale's URLs. */
async function newestOfSegment(
  context: Context,
  locale: string,
  segment: Segment
): Promise<string | undefined> {
  const source = context.sources[segment.source];
  const run = inOrder(context, source, locale)
    .select('updated_at')
    .offset(segment.offset)
    .limit(segment.limit)
    .as('run');
  const [row] = (await context.knex.max({ newest: 'updated_at' }).from(run)) as Array<{
    newest: unknown;
  }>;
  return isoOf(row?.newest);
}

/** Everything fits one file (`/sitemap.xml` as it always was), or an index of planned files. */
type Plan = { kind: 'single'; xml: string } | { kind: 'index'; files: PlannedFile[] };

/**
 * The plan of the sitemap from counts: one file while every URL fits (rendered then, since it is
 * the whole sitemap), else the files of {@link planFiles}, `urlsPerFile` URLs each.
 */
async function planOf(context: Context): Promise<Plan> {
  const counts = await countsOf(context);
  const total = counts.reduce((sum, perLocale) => {
    for (const count of perLocale.values()) sum += count;
    return sum;
  }, 0);
  const limits = context.site.sitemap;
  if (total <= limits.maxUrls) {
    const xml = renderUrlset(
      sitemapEntries({
        publicUrl: context.site.publicUrl,
        defaultLocale: context.defaultLocale,
        pages: await allPages(context),
      })
    );
    if (Buffer.byteLength(xml) <= limits.maxBytes) return { kind: 'single', xml };
  }
  const bound = urlBytesBound({
    publicUrl: context.site.publicUrl,
    patterns: context.sources.flatMap((source) => Object.values(source.patterns)),
    locales: context.locales,
    maxValueBytes: await longestValueBytes(context),
  });
  const perFile = urlsPerFile(limits, bound);
  const files = planFiles(
    context.locales.map((locale) => ({
      locale,
      perSource: counts.map((perLocale) => perLocale.get(locale) ?? 0),
    })),
    perFile
  );
  return { kind: 'index', files };
}

/**
 * `/sitemap.xml`: the one file while everything fits the limits in config/site.ts (`sitemap`),
 * else the index of `/sitemap-<locale>-<n>.xml` files, each with the newest `lastmod` of its
 * URLs. Computed per request from what is published now (the response cache keeps it until a
 * write), from counts and one aggregate per file: never the whole sitemap once it is split.
 */
export async function renderSitemap(strapi: Core.Strapi): Promise<string> {
  const context = await contextOf(strapi);
  const plan = await planOf(context);
  if (plan.kind === 'single') return plan.xml;
  const files = await Promise.all(
    plan.files.map(async (file) => {
      let lastmod: string | undefined;
      for (const segment of file.segments) {
        const newest = await newestOfSegment(context, file.locale, segment);
        if (newest && (!lastmod || newest > lastmod)) lastmod = newest;
      }
      return { name: file.name, lastmod };
    })
  );
  return renderIndex(context.site.publicUrl, files);
}

/** A file of a split sitemap, or why there is none. */
export type SitemapFileAnswer = { found: true; xml: string } | { found: false; message: string };

/**
 * `/sitemap-<name>.xml`: one planned file, computed from its own rows only (a run of one
 * locale's URLs and their alternates), so its time follows its URLs, not the whole sitemap's.
 * A file must fit its limits by the plan's bound; a unit test proves the bound.
 */
export async function renderSitemapFile(
  strapi: Core.Strapi,
  name: string
): Promise<SitemapFileAnswer> {
  const context = await contextOf(strapi);
  const plan = await planOf(context);
  if (plan.kind === 'single')
    return {
      found: false,
      message: `No sitemap file "${name}": the whole sitemap fits /sitemap.xml`,
    };
  const file = plan.files.find((each) => each.name === name);
  if (!file)
    return {
      found: false,
      message: `No sitemap file "${name}": /sitemap.xml lists ${plan.files.length} (${plan.files[0]?.name ?? ''} to ${plan.files[plan.files.length - 1]?.name ?? ''})`,
    };
  const entries = [];
  for (const segment of file.segments) {
    const pages = await pagesOfSegment(context, file.locale, segment);
    entries.push(
      ...sitemapEntries({
        publicUrl: context.site.publicUrl,
        defaultLocale: context.defaultLocale,
        pages,
        locale: file.locale,
      })
    );
  }
  return { found: true, xml: renderUrlset(entries) };
}
