/**
 * Contract of the non-public Strapi APIs the plugin uses (server/src/internals.ts), checked
 * against the plugin host (booted in the jest process; its article has a uid field and a
 * component for the checks that need one): a Strapi upgrade that changes one fails here with the API's name.
 */
import type { UID } from '@strapi/strapi';
import { hostStrapi, hostStrapiDir } from '../../../../../tests/helpers/host';
import {
  announceRowsUpdated,
  canInLocale,
  contentManagerRoutes,
  relationStorage,
  relationStorageFromSchemas,
  documentStorage,
  modelColumns,
  documentStorageFromSchemas,
  storedDefaultLocale,
  knexConfigOf,
  editViewLabels,
  graphqlExtension,
  i18nIsoLocales,
  i18nLocales,
  uidGenerator,
} from '../../server/src/internals';
import { appFiles } from '../../server/src/cli/app-database';
import { GUARDED_HANDLERS } from '../../server/src/content-manager-locales';

/** Fails with the name of the internal API when `check` throws. */
async function contract(api: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    throw new Error(
      `Strapi internal API ${api} changed: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

describe('Strapi internals used by the translations plugin', () => {
  it('i18n.services.locales: find() lists { code, name }, getDefaultLocale() one of their codes', async () => {
    await contract('i18n.services.locales', async () => {
      const service = i18nLocales(hostStrapi());
      expect(typeof service.find).toBe('function');
      expect(typeof service.getDefaultLocale).toBe('function');
      const locales = await service.find();
      for (const locale of locales)
        expect(locale).toMatchObject({ code: expect.any(String), name: expect.any(String) });
      expect(locales.map((locale) => locale.code)).toContain(await service.getDefaultLocale());
    });
  });

  it('i18n.services.locales: create() and delete({ id }) a locale; iso-locales lists the codes Strapi offers', async () => {
    await contract('i18n.services.locales.create/delete, i18n.services.iso-locales', async () => {
      const service = i18nLocales(hostStrapi());
      const offered = i18nIsoLocales(hostStrapi()).getIsoLocales();
      // A locale the plugin host does not have (it has fr, it and es).
      expect(offered.find((locale) => locale.code === 'de')).toMatchObject({
        name: expect.any(String),
      });
      const created = await service.create({ code: 'de', name: 'Deutsch' });
      expect(created).toMatchObject({ id: expect.any(Number), code: 'de' });
      await service.delete({ id: created.id });
      expect((await service.find()).map((locale) => locale.code)).not.toContain('de');
    });
  });

  it('content-manager.services.uid.generateUIDField gives a free slug in a locale', async () => {
    await contract('content-manager.services.uid.generateUIDField', async () => {
      const strapi = hostStrapi();
      const generator = uidGenerator(strapi);
      expect(typeof generator.generateUIDField).toBe('function');
      // Any uid field of the app with a target field will do: found from the schemas.
      const candidates = Object.entries(strapi.contentTypes).flatMap(([typeUid, schema]) =>
        Object.entries(schema.attributes as Record<string, { type: string; targetField?: string }>)
          .filter(([, attribute]) => attribute.type === 'uid' && attribute.targetField)
          .map(([name, attribute]) => ({ typeUid, name, target: attribute.targetField as string }))
      );
      const candidate = candidates.find(({ typeUid }) => typeUid.startsWith('api::'));
      if (!candidate) throw new Error('the app has no uid field with a targetField to try');
      const locale = await i18nLocales(strapi).getDefaultLocale();
      const slug = await generator.generateUIDField({
        contentTypeUID: candidate.typeUid as never,
        field: candidate.name,
        data: { [candidate.target]: 'Contract Test Title' },
        locale,
      });
      expect(slug).toMatch(/^contract-test-title/);
    });
  });

  it('graphql.services.extension.shadowCRUD(uid).disable exists', async () => {
    await contract('graphql.services.extension.shadowCRUD', () => {
      const extension = graphqlExtension(hostStrapi());
      expect(extension).toBeDefined();
      expect(typeof extension?.shadowCRUD).toBe('function');
      expect(typeof extension?.shadowCRUD('plugin::translations.translation-digest').disable).toBe(
        'function'
      );
    });
  });

  it('content-manager.services.content-types/components.findConfiguration give edit-view labels', async () => {
    await contract('content-manager.services.content-types.findConfiguration', async () => {
      const strapi = hostStrapi();
      // Any api:: type will do: the content manager keeps a configuration for each.
      const uid = Object.keys(strapi.contentTypes).find((key) => key.startsWith('api::'));
      if (!uid) throw new Error('the app has no api:: content type');
      const labels = await editViewLabels(strapi, uid, false);
      const fields = Object.keys(strapi.contentTypes[uid as UID.ContentType].attributes);
      expect(Object.keys(labels).length).toBeGreaterThan(0);
      for (const [field, label] of Object.entries(labels)) {
        expect(fields).toContain(field);
        expect(typeof label).toBe('string');
      }
    });
    await contract('content-manager.services.components.findConfiguration', async () => {
      const strapi = hostStrapi();
      const uid = Object.keys(strapi.components)[0];
      if (!uid) throw new Error('the app has no component');
      const labels = await editViewLabels(strapi, uid, true);
      expect(Object.keys(labels).length).toBeGreaterThan(0);
    });
  });

  it('admin::permission createPermissionsManager(...).toSubject gives locale-aware subjects', async () => {
    await contract('admin.services.permission.createPermissionsManager', async () => {
      const strapi = hostStrapi();
      const uid = Object.keys(strapi.contentTypes).find((key) => key.startsWith('api::'));
      if (!uid) throw new Error('the app has no api:: content type');
      // An ability that only allows the locale "xx" (as i18n's locale condition does).
      const seen: unknown[] = [];
      const ability = {
        can: (_action: string, subject?: unknown) => {
          seen.push(subject);
          return (subject as { locale?: string } | undefined)?.locale === 'xx';
        },
      };
      expect(
        canInLocale(strapi, ability, 'plugin::content-manager.explorer.update', uid, 'xx')
      ).toBe(true);
      expect(
        canInLocale(strapi, ability, 'plugin::content-manager.explorer.update', uid, 'yy')
      ).toBe(false);
    });
  });

  it('content-manager routes.admin.routes: every guarded write route, with its middleware added', async () => {
    await contract("strapi.plugin('content-manager').routes.admin.routes", () => {
      const routes = contentManagerRoutes(hostStrapi());
      for (const handler of GUARDED_HANDLERS) {
        const route = routes.find((candidate) => candidate.handler === handler);
        expect({ handler, found: route !== undefined }).toEqual({ handler, found: true });
        // Strapi's `routing` middleware, then ours (added in register, before routes were built).
        expect(route?.config?.middlewares?.length).toBeGreaterThanOrEqual(2);
      }
    });
  });

  /** A relation between two api:: types of the app: [uid, attribute, target]. */
  const someRelation = (): [string, string, string] => {
    for (const [uid, type] of Object.entries(hostStrapi().contentTypes)) {
      if (!uid.startsWith('api::')) continue;
      for (const [attribute, definition] of Object.entries(type.attributes)) {
        const { type: kind, target } = definition as { type?: string; target?: string };
        if (kind === 'relation' && target?.startsWith('api::')) return [uid, attribute, target];
      }
    }
    throw new Error('the app has no relation between api:: types');
  };

  it('db.metadata: a relation names its join table and columns, which exist', async () => {
    await contract('db.metadata.get(uid).attributes[relation].joinTable', async () => {
      const strapi = hostStrapi();
      const [uid, attribute, target] = someRelation();
      const storage = relationStorage(strapi, uid, attribute, target);
      const knex = strapi.db.connection;
      await knex(storage.joinTable).select(storage.joinColumn, storage.inverseJoinColumn).limit(1);
      await knex(storage.table)
        .select('id', storage.documentIdColumn, storage.localeColumn, storage.publishedAtColumn)
        .limit(1);
      await knex(storage.targetTable)
        .select(
          'id',
          storage.targetDocumentIdColumn,
          storage.targetLocaleColumn,
          storage.targetPublishedAtColumn
        )
        .limit(1);
      for (const column of [storage.orderColumn, storage.inverseOrderColumn])
        if (column) await knex(storage.joinTable).select(column).limit(1);
    });
  });

  it('db.metadata: the table and columns the status counts query (modelColumns)', async () => {
    await contract(
      'strapi.db.metadata.get(uid).tableName / attributes[name].columnName',
      async () => {
        const strapi = hostStrapi();
        const digests = modelColumns(strapi, 'plugin::translations.translation-digest');
        expect(digests.table).toBe('translation_digests');
        expect(digests.column('entryDocumentId')).toBe('entry_document_id');
        expect(digests.column('sourceDigest')).toBe('source_digest');
        expect(() => digests.column('nope')).toThrow('has no attribute "nope"');
        const reviews = modelColumns(strapi, 'plugin::translations.translation-review');
        expect(reviews.table).toBe('translation_reviews');
        expect(reviews.column('locale')).toBe('locale');
        const rows = await strapi.db
          .connection(digests.table)
          .select(digests.column('contentType'));
        expect(Array.isArray(rows)).toBe(true);
      }
    );
  });

  it("@strapi/database identifiers: the storage named from the schema files is the booted metadata's, for every relation and label field", async () => {
    await contract('@strapi/database/dist/utils/identifiers', async () => {
      const strapi = hostStrapi();
      const { contentTypes } = appFiles(hostStrapiDir());
      let relations = 0;
      for (const [uid, schema] of contentTypes) {
        for (const [attribute, definition] of Object.entries(schema.attributes)) {
          const { type, target, mappedBy } = definition as {
            type?: string;
            target?: string;
            mappedBy?: string;
          };
          if (type === 'string')
            expect(documentStorageFromSchemas(contentTypes, uid, attribute)).toEqual(
              documentStorage(strapi, uid, attribute)
            );
          if (type !== 'relation' || !target?.startsWith('api::') || mappedBy) continue;
          expect(relationStorageFromSchemas(contentTypes, uid, attribute, target)).toEqual(
            relationStorage(strapi, uid, attribute, target)
          );
          relations += 1;
        }
      }
      expect(relations).toBeGreaterThan(0);
    });
  });

  it('i18n default locale: stored in strapi_core_store_settings as plugin_i18n_default_locale', async () => {
    await contract('strapi.store plugin i18n default_locale', async () => {
      const strapi = hostStrapi();
      expect(await storedDefaultLocale(strapi.db.connection)).toBe(
        await i18nLocales(strapi).getDefaultLocale()
      );
    });
  });

  it("database connection: the knex client of the app's database config is the one Strapi uses", async () => {
    await contract('@strapi/database connection (client names)', async () => {
      const strapi = hostStrapi();
      const config = strapi.config.get('database') as { connection: Record<string, unknown> };
      expect(knexConfigOf(config).client).toBe(
        (strapi.db.connection.client as { config: { client: string } }).config.client
      );
    });
  });

  it('db.lifecycles.run: an announced afterUpdate reaches subscribers with its rows', async () => {
    await contract('db.lifecycles.run', async () => {
      const strapi = hostStrapi();
      const [uid] = someRelation();
      const seen: unknown[] = [];
      const unsubscribe = strapi.db.lifecycles.subscribe({
        models: [uid],
        afterUpdate: (event: { result?: unknown }) => {
          seen.push(event.result);
        },
      }) as unknown as () => void;
      try {
        await announceRowsUpdated(strapi, uid, [{ id: -1, documentId: 'contract', locale: 'xx' }]);
      } finally {
        unsubscribe();
      }
      expect(seen).toEqual([{ id: -1, documentId: 'contract', locale: 'xx' }]);
    });
  });

  it('admin::permission actionProvider has the review actions the plugin registers', async () => {
    await contract('admin.services.permission.actionProvider', () => {
      const provider = hostStrapi().service('admin::permission').actionProvider;
      expect(typeof provider.registerMany).toBe('function');
      expect(provider.get('plugin::translations.review.translate')).toBeDefined();
      expect(provider.get('plugin::translations.review.approve')).toBeDefined();
    });
  });
});
