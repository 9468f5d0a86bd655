/**
 * The app's part of the locale lifecycle. The lifecycle itself (add, list, launch, unlaunch,
 * fallback, remove, with their rules and errors) is the translations plugin's `locales` service,
 * the one service behind the admin page "Languages" and `npm run i18n:locale`. This app registers
 * what the plugins cannot know (docs/adr/0005-locale-settings.md):
 * - the settings store: the locale-fallback plugin's `locales` service (looked up by name, so
 *   the plugins stay independent of each other);
 * - the translator role `Übersetzung (<code>)` of each locale (src/lib/admin/roles.ts), made with
 *   the locale and removed with it; a locale whose role still has users is not removed;
 * - the OpenAPI document's `locale` enum of the launched locales, and the search index (names of
 *   unlaunched locales stay out of other locales' entries), both renewed on a launch or unlaunch.
 */
import { writeFileSync } from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ensureAdminRoles } from '../bootstrap/admin-roles';
import { translatorRoleCode } from '../lib/admin/roles';
import { generateOpenApi } from '../website-api/openapi';

/** A locale's state and coverage, as the translations plugin's `locales` service answers it. */
export interface TypeCoverage {
  uid: string;
  displayName: string;
  total: number;
  translated: number;
  reviewed: number;
  /** Documents with a version in the locale, whatever their state. */
  versions: number;
}

export interface LocaleState {
  code: string;
  name: string;
  isDefault: boolean;
  launched: boolean;
  fallback: string[];
  coverage: TypeCoverage[];
  percent: number;
  reviewedPercent: number;
}

export interface AddLocale {
  code: string;
  name: string;
  fallback?: readonly string[];
}

/** A step of `add` done: settings, the i18n locale, then the app's hook (the role). */
export type AddStep = 'settings' | 'locale' | 'hooks';

/** The settings store's shape (the locale-fallback plugin's `locales` service, its README). */
interface LocaleSettingsStore {
  settings(): Promise<{
    defaultLocale: string;
    settings: Readonly<Record<string, { launched: boolean; fallback: string[] }>>;
  }>;
  prepare(code: string, fallback: readonly string[]): Promise<unknown>;
  setFallback(code: string, fallback: readonly string[]): Promise<unknown>;
  setLaunched(code: string, launched: boolean): Promise<unknown>;
  forget(code: string): Promise<void>;
}

/** The translations plugin's `locales` service, as far as the app uses it (its README). */
interface LocalesLifecycle {
  use(hooks: {
    settings?: LocaleSettingsStore;
    added?(code: string): Promise<void>;
    addUndone?(code: string): Promise<void>;
    removing?(code: string): Promise<void>;
    removed?(code: string): Promise<void>;
    launchedChanged?(code: string, launched: boolean): Promise<void>;
  }): void;
  list(): Promise<LocaleState[]>;
  add(input: AddLocale, afterStep?: (step: AddStep) => Promise<void>): Promise<LocaleState>;
  launch(code: string, options?: { minCoverage?: number; force?: boolean }): Promise<LocaleState>;
  unlaunch(code: string): Promise<LocaleState>;
  setFallback(code: string, fallback: readonly string[]): Promise<LocaleState>;
  remove(
    code: string,
    options?: { exportTo?: (xliff: string, units: number) => Promise<void> }
  ): Promise<{ exported: number }>;
}

/**
 * The translations plugin's `locales` service (add, list, launch, unlaunch, fallback, remove):
 * what `npm run i18n:locale` and the tests call. Looked up by name, typed as far as the app uses
 * it.
 */
export function localeLifecycle(strapi: Core.Strapi): LocalesLifecycle {
  const plugin = strapi.plugin('translations');
  if (!plugin) throw new Error('The locale lifecycle needs the translations plugin.');
  return plugin.service('locales') as LocalesLifecycle;
}

async function deleteTranslatorRole(strapi: Core.Strapi, code: string): Promise<void> {
  const roles = strapi.service('admin::role');
  const role = await roles.findOne({ code: translatorRoleCode(code) });
  if (role) await roles.deleteByIds([role.id]);
}

/** What the search plugin's `indexer` service offers (its README). */
interface SearchIndexer {
  reindexLocale(code: string): Promise<number>;
}

/** The search plugin's `indexer` (looked up by name), when the search plugin is installed. */
const searchIndexer = (strapi: Core.Strapi): SearchIndexer | undefined =>
  strapi.plugin('search')?.service('indexer') as SearchIndexer | undefined;

/** Registers the app's hooks with the lifecycle (bootstrap, before any request). */
export function registerLocaleLifecycle(strapi: Core.Strapi): void {
  const settings = strapi.plugin('locale-fallback')?.service('locales') as
    LocaleSettingsStore | undefined;
  localeLifecycle(strapi).use({
    settings,
    // Creates `Übersetzung (<code>)` and adds the locale to the Redaktion role.
    added: () => ensureAdminRoles(strapi),
    async addUndone(code) {
      await deleteTranslatorRole(strapi, code);
      // The Redaktion role lists every locale: bring it back to the locales that remain.
      await ensureAdminRoles(strapi).catch(() => undefined);
    },
    async removing(code) {
      const role = await strapi.service('admin::role').findOne({ code: translatorRoleCode(code) });
      if (!role) return;
      const users = await strapi.service('admin::role').getUsersCount(role.id);
      if (users > 0) {
        // `reason` and `values` as the translations plugin's own refusals: the languages page
        // says it in the editor's language.
        throw new errors.ValidationError(
          `The role of locale "${code}" still has ${users} user(s): give them another role first.`,
          { reason: 'roleHasUsers', values: { code, users: String(users) } }
        );
      }
    },
    async removed(code) {
      await deleteTranslatorRole(strapi, code);
      await ensureAdminRoles(strapi);
      // The removed versions' entries leave the search index (also of an unlaunched locale).
      await searchIndexer(strapi)?.reindexLocale(code);
    },
    // The OpenAPI document names the launched locales (its `locale` enum): generated again into
    // the file every instance serves. The search index keeps names of unlaunched locales out of
    // the other locales' entries: the documents with a version in the locale are reindexed, the
    // others' entries stay as they are.
    async launchedChanged(code) {
      if (strapi.plugin('documentation')) await generateOpenApi(strapi);
      await searchIndexer(strapi)?.reindexLocale(code);
    },
  });
}

// The command's and the tests' entry point for a removal, with a file for the export.

/** Removes a locale; with `exportTo`, its translations are written there first (XLIFF 2.0). */
export const removeLocale = (
  strapi: Core.Strapi,
  code: string,
  { exportTo }: { exportTo?: string } = {}
): Promise<{ exported: number }> =>
  localeLifecycle(strapi).remove(code, {
    exportTo:
      exportTo === undefined
        ? undefined
        : async (xliff) => {
            writeFileSync(exportTo, xliff);
          },
  });
