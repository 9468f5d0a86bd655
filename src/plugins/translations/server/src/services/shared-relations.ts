/**
 * Shared relations (`pluginOptions.translations.shared: true` on a relation attribute): one fact
 * of the document in every locale. A Document Service middleware keeps the locale versions of a
 * document linked to the same target document, each in its own locale, whatever path wrote
 * (admin, REST, GraphQL, imports, seed, scripts):
 *
 * - an update that names a shared relation links the other locale versions (draft to draft,
 *   published to published) like the written one, inside the write's transaction and without
 *   rewriting the documents: one read (the document's links and the linked documents' rows in
 *   every locale), then one statement on the join table for all other locales at once (an UPDATE
 *   when each version swaps one link for another, else a DELETE and an INSERT);
 * - a new locale version starts with the links of the existing versions;
 * - publishing or discarding a draft in one locale carries its links to the other locales'
 *   versions of the same state;
 * - the inverse side (`Country.cities`) follows: the documents it names are aligned too.
 *
 * A target without a version in a locale that needs it refuses the write (400 naming locale and
 * field) and rolls it back; an admin who may not update every locale the change touches gets a 403
 * naming the field.
 */
import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  announceRowsUpdated,
  canInLocale,
  documentStorage,
  relationStorage,
  type AdminAbility,
  type RelationStorage,
} from '../internals';
import {
  planAlignment,
  type AlignmentPlan,
  referencesIn,
  sharedRelations,
  writeOrder,
  type RelationAttributeSchema,
  type RelationReference,
  type SchemaForSharing,
  type SharedRelation,
  type TargetRow,
  type VersionLinks,
} from '../lib/shared-relations';
import { differingFacts, type FactsSource, type SharedFactDifference } from '../shared-facts';
import { getService } from '../utils';

export type { SharedFactDifference } from '../shared-facts';

const UPDATE_PERMISSION = 'plugin::content-manager.explorer.update';

interface MiddlewareContext {
  uid: UID.ContentType;
  action: string;
  params: { documentId?: string; locale?: string | string[]; status?: string; data?: unknown };
}

/** The knex transaction Strapi hands to `strapi.db.transaction` callbacks. */
type Knex = Parameters<Parameters<Core.Strapi['db']['transaction']>[0]>[0]['trx'];

interface LinkRow {
  id: number;
  locale: string;
  published_at: unknown;
  target: string | null;
}

/** The outcome of aligning documents with one locale (`npm run i18n:check -- --fix`). */
export interface AlignmentReport {
  fixed: SharedFactDifference[];
  failed: Array<SharedFactDifference & { message: string }>;
}

/** What a write in an admin session may do, from Strapi's request context. */
interface AdminRequest {
  ability: AdminAbility;
  body: Record<string, unknown>;
}

const sharedRelationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let declared: SharedRelation[] | undefined;
  const storages = new Map<string, RelationStorage>();

  const relations = (): SharedRelation[] => {
    declared ??= sharedRelations(
      Object.entries(strapi.contentTypes)
        .filter(([uid]) => uid.startsWith('api::'))
        .map(([uid, schema]) => ({
          uid,
          pluginOptions: (schema as unknown as SchemaForSharing).pluginOptions,
          attributes: schema.attributes as unknown as Record<string, RelationAttributeSchema>,
        }))
    );
    return declared;
  };

  const storageOf = (relation: SharedRelation): RelationStorage => {
    const key = `${relation.uid}.${relation.attribute}`;
    let storage = storages.get(key);
    if (!storage) {
      storage = relationStorage(strapi, relation.uid, relation.attribute, relation.target);
      storages.set(key, storage);
    }
    return storage;
  };

  const published = (value: unknown): boolean => value !== null && value !== undefined;

  /**
   * One document's versions with their links, and every locale version of the documents they link
   * to: all that aligning needs, in one statement.
   */
  async function documentState(
    trx: Knex,
    relation: SharedRelation,
    documentId: string
  ): Promise<{ versions: VersionLinks[]; targets: TargetRow[] }> {
    const s = storageOf(relation);
    const query = trx(`${s.table} as s`)
      .leftJoin(`${s.joinTable} as l`, `l.${s.joinColumn}`, 's.id')
      .leftJoin(`${s.targetTable} as t`, 't.id', `l.${s.inverseJoinColumn}`)
      .leftJoin(
        `${s.targetTable} as tv`,
        `tv.${s.targetDocumentIdColumn}`,
        `t.${s.targetDocumentIdColumn}`
      )
      .select(
        's.id as id',
        `s.${s.localeColumn} as locale`,
        `s.${s.publishedAtColumn} as published_at`,
        'l.id as link',
        `t.${s.targetDocumentIdColumn} as target`,
        'tv.id as target_row',
        `tv.${s.targetLocaleColumn} as target_locale`,
        `tv.${s.targetPublishedAtColumn} as target_published_at`
      )
      .where(`s.${s.documentIdColumn}`, documentId)
      .orderBy('s.id');
    if (s.orderColumn) query.orderBy(`l.${s.orderColumn}`);
    query.orderBy('l.id');
    const rows = (await query) as Array<
      LinkRow & {
        link: number | null;
        target_row: number | null;
        target_locale: string | null;
        target_published_at: unknown;
      }
    >;
    const versions = new Map<number, VersionLinks & { links: Set<number> }>();
    const targets = new Map<number, TargetRow>();
    for (const row of rows) {
      let version = versions.get(row.id);
      if (!version) {
        version = {
          id: row.id,
          locale: row.locale,
          published: published(row.published_at),
          targets: [],
          links: new Set(),
        };
        versions.set(row.id, version);
      }
      // One row per version of the linked document: its link counts once.
      if (row.link !== null && row.target !== null && !version.links.has(row.link)) {
        version.links.add(row.link);
        version.targets.push(row.target);
      }
      if (row.target_row !== null && row.target !== null)
        targets.set(row.target_row, {
          id: row.target_row,
          documentId: row.target,
          locale: row.target_locale as string,
          published: published(row.target_published_at),
        });
    }
    return {
      versions: [...versions.values()].map(({ links: _links, ...version }) => version),
      targets: [...targets.values()],
    };
  }

  /** What `differingFacts` reads through: this app's metadata, schemas and locales. */
  const factsSource: FactsSource = {
    get relations() {
      return relations();
    },
    storageOf,
    labelStorageOf(uid) {
      const field = getService(strapi, 'content').typeInfo(uid)?.labelField;
      return field ? documentStorage(strapi, uid, field) : undefined;
    },
    defaultLocale: () => getService(strapi, 'content').defaultLocale(),
  };

  /** The label of a target document for messages: its name in any locale, else its id. */
  async function targetLabel(relation: SharedRelation, documentId: string): Promise<string> {
    const type = getService(strapi, 'content').typeInfo(relation.target);
    const field = type?.labelField;
    if (!field) return documentId;
    const row = (await strapi.db
      .query(relation.target as UID.ContentType)
      .findOne({ where: { documentId }, select: [field] })) as Record<string, unknown> | null;
    const label = row?.[field];
    return typeof label === 'string' ? `"${label}" (${documentId})` : documentId;
  }

  /**
   * Links the versions of one document in other locales (all, or `only` these) like its versions
   * in `fromLocale`. Throws a ValidationError naming locale and field when a target has no version
   * in a locale that needs it. Returns the rows relinked.
   *
   * One read (`documentState`), then one statement for every other locale at once: an UPDATE of
   * the join table when each relinked row swaps one link for one (a city's new country: the
   * common case), else a DELETE and an INSERT.
   */
  async function align(
    trx: Knex,
    relation: SharedRelation,
    documentId: string,
    fromLocale: string,
    options: {
      /** Only the versions in these locales (a new locale version). */
      only?: readonly string[];
      /** Leave out targets missing in a locale instead of refusing (a new locale version). */
      skipMissing?: boolean;
      /** The document's state, when already read. */
      known?: Awaited<ReturnType<typeof documentState>>;
    } = {}
  ): Promise<number> {
    const { versions, targets } = options.known ?? (await documentState(trx, relation, documentId));
    const plan = planAlignment(versions, fromLocale, targets, options.only);
    if (plan.relink.length === 0) return 0;
    if (plan.missing.length > 0 && !options.skipMissing) {
      const { locale, documentId: target } = plan.missing[0];
      const type = strapi.contentType(relation.target as UID.ContentType);
      throw new errors.ValidationError(
        `"${relation.attribute}" is shared by every locale, but the ${type.info.displayName} ${await targetLabel(relation, target)} has no "${locale}" version: create it first`,
        { field: relation.attribute, locale, documentId: target, missing: plan.missing }
      );
    }
    const linkCount = new Map(versions.map((version) => [version.id, version.targets.length]));
    if (
      plan.relink.every(
        (entry) => entry.targetRowIds.length === 1 && linkCount.get(entry.rowId) === 1
      )
    )
      await swapLinks(trx, relation, plan.relink);
    else await replaceLinks(trx, relation, plan.relink);
    const relinked = new Set(plan.relink.map((entry) => entry.rowId));
    await announceRowsUpdated(
      strapi,
      relation.uid,
      versions
        .filter((version) => relinked.has(version.id))
        .map((version) => ({ id: version.id, documentId, locale: version.locale }))
    );
    return relinked.size;
  }

  /** `(select coalesce(max(order), 0) + 1 …)`: last in the target's list, as Strapi appends a link. */
  function lastInTarget(trx: Knex, s: RelationStorage, targetRowId: number) {
    return trx.raw(`(select coalesce(max(??), 0) + 1 from ?? where ?? = ?)`, [
      s.inverseOrderColumn as string,
      s.joinTable,
      s.inverseJoinColumn,
      targetRowId,
    ]);
  }

  /** Each row's one link pointed at another target row: one UPDATE of the join table. */
  async function swapLinks(trx: Knex, relation: SharedRelation, relink: AlignmentPlan['relink']) {
    const s = storageOf(relation);
    // `case <row column> when <row> then <value> … end`; `then` is a template for the value (a
    // bare parameter would be text to PostgreSQL, which refuses it for an integer column).
    const byRow = (then: string, value: (entry: AlignmentPlan['relink'][number]) => unknown) =>
      trx.raw(`case ?? ${relink.map(() => `when ? then ${then}`).join(' ')} end`, [
        s.joinColumn,
        ...relink.flatMap((entry) => [entry.rowId, value(entry)]),
      ]);
    const changes: Record<string, unknown> = {
      [s.inverseJoinColumn]: byRow('cast(? as integer)', (entry) => entry.targetRowIds[0]),
    };
    if (s.inverseOrderColumn)
      changes[s.inverseOrderColumn] = byRow('?', (entry) =>
        lastInTarget(trx, s, entry.targetRowIds[0])
      );
    await trx(s.joinTable)
      .whereIn(
        s.joinColumn,
        relink.map((entry) => entry.rowId)
      )
      .update(changes);
  }

  /** The rows' links replaced: one DELETE and (unless every list is empty) one INSERT. */
  async function replaceLinks(
    trx: Knex,
    relation: SharedRelation,
    relink: AlignmentPlan['relink']
  ) {
    const s = storageOf(relation);
    await trx(s.joinTable)
      .whereIn(
        s.joinColumn,
        relink.map((entry) => entry.rowId)
      )
      .delete();
    const links = relink.flatMap((entry) =>
      entry.targetRowIds.map((targetRowId, index) => {
        const link: Record<string, unknown> = {
          [s.joinColumn]: entry.rowId,
          [s.inverseJoinColumn]: targetRowId,
        };
        if (s.orderColumn) link[s.orderColumn] = index + 1;
        if (s.inverseOrderColumn) link[s.inverseOrderColumn] = lastInTarget(trx, s, targetRowId);
        return link;
      })
    );
    if (links.length > 0) await trx(s.joinTable).insert(links);
  }

  /** The documents whose version in `locale` links to the target document (one statement). */
  async function linkedOwners(
    trx: Knex,
    relation: SharedRelation,
    targetDocumentId: string,
    locale: string
  ): Promise<string[]> {
    const s = storageOf(relation);
    const rows = (await trx(`${s.joinTable} as l`)
      .join(`${s.table} as s`, 's.id', `l.${s.joinColumn}`)
      .join(`${s.targetTable} as t`, 't.id', `l.${s.inverseJoinColumn}`)
      .where(`t.${s.targetDocumentIdColumn}`, targetDocumentId)
      .where(`t.${s.targetLocaleColumn}`, locale)
      .distinct(`s.${s.documentIdColumn} as document_id`)) as Array<{ document_id: string }>;
    return rows.map((row) => row.document_id);
  }

  /** Document ids of rows named by id in relation data (one statement when there are any). */
  async function documentIdsOf(
    trx: Knex,
    uid: string,
    references: readonly RelationReference[]
  ): Promise<string[]> {
    const ids = references.flatMap((reference) => ('id' in reference ? [reference.id] : []));
    const named = references.flatMap((reference) =>
      'documentId' in reference ? [reference.documentId] : []
    );
    if (ids.length === 0) return named;
    const table = (
      strapi.db as unknown as { metadata: { get(uid: string): { tableName: string } } }
    ).metadata.get(uid).tableName;
    const rows = (await trx(table).select('document_id').whereIn('id', ids)) as Array<{
      document_id: string;
    }>;
    return [...new Set([...named, ...rows.map((row) => row.document_id)])];
  }

  /** The admin session of the current request, if the write comes from the admin panel. */
  function adminRequest(): AdminRequest | undefined {
    const ctx = strapi.requestContext.get() as
      { state?: { userAbility?: AdminAbility }; request?: { body?: unknown } } | undefined;
    const ability = ctx?.state?.userAbility;
    if (!ability) return undefined;
    const body = ctx?.request?.body;
    return {
      ability,
      body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
    };
  }

  /**
   * Refuses (403, naming the field) an admin's change of a shared relation when the admin may not
   * update the document in every locale it has. The content manager drops fields a role may not
   * update before the Document Service sees them, so the request body is what tells the attempt.
   */
  async function checkAdminMayChange(
    uid: UID.ContentType,
    documentId: string | undefined,
    locale: string,
    touched: readonly string[]
  ): Promise<void> {
    const admin = adminRequest();
    if (!admin) return;
    const attempted = touched.filter((attribute) => referencesIn(admin.body[attribute]) !== null);
    if (attempted.length === 0) return;
    const locales = new Set([locale]);
    if (documentId) {
      const rows = (await strapi.db
        .query(uid)
        .findMany({ where: { documentId }, select: ['locale'] })) as Array<{ locale: string }>;
      for (const row of rows) locales.add(row.locale);
    }
    const refused = [...locales].filter(
      (code) => !canInLocale(strapi, admin.ability, UPDATE_PERMISSION, uid, code)
    );
    if (refused.length > 0)
      // A PolicyError: Strapi's route authorization turns any other ForbiddenError into a bare
      // "Forbidden", and the message is what tells the admin which field is shared.
      throw new errors.PolicyError(
        `"${attempted[0]}" is shared by every locale: changing it needs permission to update the ${refused.map((code) => `"${code}"`).join(', ')} version${refused.length > 1 ? 's' : ''} too`,
        { field: attempted[0], fields: attempted, locales: refused }
      );
  }

  /** Whether an update result looks like a locale version created by it (no earlier save). */
  const createdNow = (result: unknown): boolean => {
    const entry = result as { createdAt?: unknown; updatedAt?: unknown } | null;
    if (!entry || entry.createdAt === undefined) return true;
    return String(entry.createdAt) === String(entry.updatedAt);
  };

  const service = {
    /** The shared relations declared in the app's schemas (checked at start). */
    relations,

    /** The shared relations of one type. */
    relationsOf(uid: string): SharedRelation[] {
      return relations().filter((relation) => relation.uid === uid);
    },

    /** Sorts type uids so that targets of shared relations are written first (imports). */
    writeOrder(uids: readonly string[]): string[] {
      return writeOrder(uids, relations());
    },

    /** Documents whose shared relations differ between locales (one statement per relation). */
    async differences(
      options: { uids?: readonly string[]; documentIds?: readonly string[] } = {}
    ): Promise<SharedFactDifference[]> {
      // One transaction: every relation read from the same state of the data.
      let found: SharedFactDifference[] = [];
      await strapi.db.transaction(async ({ trx }) => {
        found = await differingFacts(trx, factsSource, options);
      });
      return found;
    },

    /**
     * Per document of `uid` whose shared relations differ between `sourceLocale` and a target
     * locale: target locale → the attributes that differ (draft or published links).
     */
    async factsDiffer(
      uid: string,
      sourceLocale: string,
      targetLocales: readonly string[],
      documentIds?: readonly string[]
    ): Promise<Map<string, Record<string, string[]>>> {
      const result = new Map<string, Record<string, string[]>>();
      if (service.relationsOf(uid).length === 0) return result;
      type Links = { draft?: string[]; published?: string[] };
      // Compared state by state: a version not published in one locale differs in nothing.
      const differ = (a: Links, b: Links) =>
        (['draft', 'published'] as const).some(
          (state) => a[state] && b[state] && a[state].join(',') !== b[state].join(',')
        );
      for (const difference of await service.differences({ uids: [uid], documentIds })) {
        const source = difference.locales[sourceLocale];
        if (!source) continue;
        for (const locale of targetLocales) {
          const target = difference.locales[locale];
          if (!target || !differ(source, target)) continue;
          const entry = result.get(difference.documentId) ?? {};
          entry[locale] = [...(entry[locale] ?? []), difference.attribute];
          result.set(difference.documentId, entry);
        }
      }
      return result;
    },

    /**
     * Aligns every document whose shared relations differ with its versions in `fromLocale`, each
     * document in its own transaction; one that cannot be aligned (a target missing in a locale)
     * is reported and left as it was.
     */
    async alignAll(
      fromLocale: string,
      options: { uids?: readonly string[]; documentIds?: readonly string[] } = {}
    ): Promise<AlignmentReport> {
      const report: AlignmentReport = { fixed: [], failed: [] };
      for (const difference of await service.differences(options)) {
        const relation = relations().find(
          (candidate) =>
            candidate.uid === difference.uid && candidate.attribute === difference.attribute
        ) as SharedRelation;
        if (!(fromLocale in difference.locales)) {
          report.failed.push({
            ...difference,
            message: `the document has no "${fromLocale}" version`,
          });
          continue;
        }
        try {
          await strapi.db.transaction(({ trx }) =>
            align(trx, relation, difference.documentId, fromLocale)
          );
          report.fixed.push(difference);
        } catch (error) {
          report.failed.push({
            ...difference,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
      return report;
    },

    /** The Document Service middleware described at the top of this file. */
    documentMiddleware(): Modules.Documents.Middleware.Middleware {
      return async (context, next) => {
        const ctx = context as unknown as MiddlewareContext;
        if (!['update', 'create', 'publish', 'discardDraft'].includes(ctx.action)) return next();
        const own = service.relationsOf(ctx.uid);
        const inverse = relations().filter(
          (relation) => relation.target === ctx.uid && relation.inverse !== undefined
        );
        if (own.length === 0 && inverse.length === 0) return next();
        const { locale } = ctx.params;
        const data = (ctx.params.data ?? {}) as Record<string, unknown>;
        const writtenLocale =
          typeof locale === 'string' && locale !== '*'
            ? locale
            : Array.isArray(locale) && locale.length > 0
              ? locale[0]
              : await getService(strapi, 'content').defaultLocale();

        if (ctx.action === 'update' && own.length > 0)
          await checkAdminMayChange(
            ctx.uid,
            ctx.params.documentId,
            writtenLocale,
            own.map((relation) => relation.attribute)
          );

        return strapi.db.transaction(async ({ trx }) => {
          // The inverse side replaced by `set` (or a list) unlinks documents it does not name:
          // they are aligned too, so they are read before the write.
          const unlinked = new Map<SharedRelation, string[]>();
          for (const relation of inverse)
            if (referencesIn(data[relation.inverse as string]) !== null && ctx.params.documentId)
              unlinked.set(
                relation,
                await linkedOwners(trx, relation, ctx.params.documentId, writtenLocale)
              );
          const result = await next();
          const documentId =
            (result as { documentId?: string } | null)?.documentId ?? ctx.params.documentId;
          if (!documentId) return result;

          if (ctx.action === 'publish' || ctx.action === 'discardDraft') {
            for (const relation of own) await align(trx, relation, documentId, writtenLocale);
            return result;
          }
          for (const relation of own) {
            if (referencesIn(data[relation.attribute]) !== null)
              await align(trx, relation, documentId, writtenLocale);
            else if (ctx.action === 'update' && createdNow(result))
              await inherit(trx, relation, documentId, writtenLocale);
          }
          for (const relation of inverse) {
            const references = referencesIn(data[relation.inverse as string]);
            if (references === null) continue;
            const owners = new Set([
              ...(unlinked.get(relation) ?? []),
              ...(await documentIdsOf(trx, relation.uid, references)),
            ]);
            for (const owner of owners) await align(trx, relation, owner, writtenLocale);
          }
          return result;
        });
      };
    },
  };

  /**
   * A new locale version takes the links of the existing versions (the default locale's first).
   * A target without a version in the new locale is left out rather than refused: the translation
   * can be created before the country is, and stays "facts differ" (status, side panel,
   * i18n:check) until the target's version exists and the document is aligned.
   */
  async function inherit(
    trx: Knex,
    relation: SharedRelation,
    documentId: string,
    locale: string
  ): Promise<void> {
    const known = await documentState(trx, relation, documentId);
    const others = [...new Set(known.versions.map((version) => version.locale))].filter(
      (code) => code !== locale
    );
    if (others.length === 0) return;
    const defaultLocale = await getService(strapi, 'content').defaultLocale();
    const from = others.includes(defaultLocale) ? defaultLocale : others[0];
    await align(trx, relation, documentId, from, { only: [locale], skipMissing: true, known });
  }

  return service;
};

export type SharedRelationsService = ReturnType<typeof sharedRelationsService>;
export default sharedRelationsService;
