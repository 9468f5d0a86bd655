/**
 * The locale lifecycle (`npm run i18n:locale`, the admin page's routes): add a language with its
 * translator role and fallback chain, unlaunched; list every locale with its coverage and state;
 * launch it when it is ready; unlaunch; remove. The settings (launched, chain) belong to the
 * locale-fallback plugin (docs/adr/0005-locale-settings.md), coverage to the translations
 * plugin's status, the locale to i18n and the role to this app (src/lib/admin/roles.ts): each
 * looked up by name here, so the plugins stay independent of each other.
 */
import { writeFileSync } from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ensureAdminRoles } from '../bootstrap/admin-roles';
import { translatorRoleCode } from '../lib/admin/roles';
import { isLocaleCode } from '../lib/i18n/locale-code';
import { generateOpenApi } from '../website-api/openapi';
import { localesService, type LocaleRecord } from './locales';

/** What the locale-fallback plugin's `locales` service offers the lifecycle (its README). */
interface LocaleSettings {
  launched: boolean;
  fallback: string[];
}
interface LocaleSettingsService {
  settings(): Promise<{
    all: readonly string[];
    codes: readonly string[];
    defaultLocale: string;
    settings: Readonly<Record<string, LocaleSettings>>;
  }>;
  prepare(code: string, fallback: readonly string[]): Promise<LocaleSettings>;
  setFallback(code: string, fallback: readonly string[]): Promise<LocaleSettings>;
  setLaunched(code: string, launched: boolean): Promise<LocaleSettings>;
  forget(code: string): Promise<void>;
}

/** What the translations plugin's `status` and `xliff-export` services offer (its README). */
interface StatusService {
  status(options: { sourceLocale?: string; targetLocales?: string[] }): Promise<{
    types: Array<{
      uid: string;
      displayName: string;
      locales: Array<{
        locale: string;
        total: number;
        translated: number;
        missing: number;
        review: Record<string, number>;
      }>;
    }>;
  }>;
}
interface XliffExportService {
  export(options: { targetLocale: string }): Promise<{ xml: string; units: number }>;
}

/** Bad input: the caller answers 400 (HTTP) or exit code 1 (command) with the message. */
export class LocaleLifecycleError extends errors.ValidationError {}

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
  /** Per type; the default locale is the source and has none. */
  coverage: TypeCoverage[];
  /** Translated documents of all types, 0–100 with one decimal (100 for the default locale). */
  percent: number;
  /** Reviewed (or published) documents of all types, 0–100 with one decimal. */
  reviewedPercent: number;
}

export interface AddLocale {
  code: string;
  name: string;
  fallback?: readonly string[];
}

/** A step of `add` done, for tests that inject a failure after it. */
export type AddStep = 'settings' | 'locale' | 'role';

const settingsService = (strapi: Core.Strapi): LocaleSettingsService => {
  const plugin = strapi.plugin('locale-fallback');
  if (!plugin) throw new Error('The locale lifecycle needs the locale-fallback plugin.');
  return plugin.service('locales') as LocaleSettingsService;
};

const round = (value: number): number => Math.round(value * 10) / 10;
const share = (part: number, total: number): number =>
  total === 0 ? 100 : round((part / total) * 100);

async function findLocale(strapi: Core.Strapi, code: string): Promise<LocaleRecord | undefined> {
  return (await localesService(strapi).find()).find((locale) => locale.code === code);
}

async function requireLocale(strapi: Core.Strapi, code: string): Promise<LocaleRecord> {
  const locale = await findLocale(strapi, code);
  if (!locale) {
    const codes = (await localesService(strapi).find()).map((l) => l.code).sort();
    throw new LocaleLifecycleError(`Unknown locale "${code}". Locales: ${codes.join(', ')}.`);
  }
  return locale;
}

/**
 * The OpenAPI document names the launched locales (its `locale` enum): generated again after a
 * change of them, into the file every instance serves.
 */
async function describeLaunched(strapi: Core.Strapi): Promise<void> {
  if (strapi.plugin('documentation')) await generateOpenApi(strapi);
}

/** Every locale with its state and coverage (one status computation for all of them). */
export async function listLocales(strapi: Core.Strapi): Promise<LocaleState[]> {
  const [records, current] = await Promise.all([
    localesService(strapi).find(),
    settingsService(strapi).settings(),
  ]);
  const targets = records.map((r) => r.code).filter((code) => code !== current.defaultLocale);
  const status =
    targets.length > 0
      ? await (
          strapi.plugin('translations')?.service('status') as StatusService | undefined
        )?.status({ sourceLocale: current.defaultLocale, targetLocales: targets })
      : undefined;
  return records
    .map((record): LocaleState => {
      const isDefault = record.code === current.defaultLocale;
      const coverage: TypeCoverage[] = isDefault
        ? []
        : (status?.types ?? []).flatMap((type) =>
            type.locales
              .filter((counts) => counts.locale === record.code)
              .map((counts) => ({
                uid: type.uid,
                displayName: type.displayName,
                total: counts.total,
                translated: counts.translated,
                reviewed: (counts.review.reviewed ?? 0) + (counts.review.published ?? 0),
                versions: counts.total - counts.missing,
              }))
          );
      const sum = (key: 'total' | 'translated' | 'reviewed') =>
        coverage.reduce((total, type) => total + type[key], 0);
      const settings = current.settings[record.code] ?? { launched: true, fallback: [] };
      return {
        code: record.code,
        name: record.name,
        isDefault,
        launched: settings.launched,
        fallback: [...settings.fallback],
        coverage,
        percent: isDefault ? 100 : share(sum('translated'), sum('total')),
        reviewedPercent: isDefault ? 100 : share(sum('reviewed'), sum('total')),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Adds a locale: its settings (unlaunched, with the chain), the i18n locale, then the translator
 * role. All or nothing: when a step fails, the ones done are undone before the error is thrown,
 * so there is never a role without a locale or a chain without a role.
 *
 * @param afterStep called after each step (tests inject a failure here)
 */
export async function addLocale(
  strapi: Core.Strapi,
  input: AddLocale,
  afterStep: (step: AddStep) => Promise<void> = async () => undefined
): Promise<LocaleState> {
  const { code } = input;
  const name = input.name.trim();
  const fallback = [...(input.fallback ?? [])];
  if (!isLocaleCode(code)) {
    throw new LocaleLifecycleError(
      `Malformed locale code "${code}": a BCP 47 language tag such as fr, fr-CA or zh-Hans.`
    );
  }
  const iso = strapi.plugin('i18n').service('iso-locales') as {
    getIsoLocales(): Array<{ code: string }>;
  };
  if (!iso.getIsoLocales().some((locale) => locale.code === code)) {
    throw new LocaleLifecycleError(
      `Unknown locale code "${code}": not one of the locales Strapi offers (Settings → Internationalization).`
    );
  }
  if (name === '') throw new LocaleLifecycleError('A locale needs a name (--name "Französisch").');
  const malformed = fallback.find((member) => !isLocaleCode(member));
  if (malformed !== undefined) {
    throw new LocaleLifecycleError(`Malformed locale code "${malformed}" in the fallback chain.`);
  }
  if (await findLocale(strapi, code)) {
    throw new LocaleLifecycleError(`Locale "${code}" exists already.`);
  }

  const settings = settingsService(strapi);
  const undo: Array<() => Promise<void>> = [];
  try {
    // Settings first: the locale is unlaunched from the moment it exists (without settings a
    // locale counts as launched).
    await settings.prepare(code, fallback);
    undo.push(() => settings.forget(code));
    await afterStep('settings');

    const record = await localesService(strapi).create({ code, name });
    undo.push(async () => {
      await strapi.plugin('i18n').service('locales').delete({ id: record.id });
    });
    await afterStep('locale');

    undo.push(async () => {
      const role = await strapi.service('admin::role').findOne({ code: translatorRoleCode(code) });
      if (role) await strapi.service('admin::role').deleteByIds([role.id]);
    });
    await ensureAdminRoles(strapi);
    await afterStep('role');
  } catch (error) {
    for (const step of undo.reverse()) {
      await step().catch((undoError: unknown) =>
        strapi.log.error(
          `[i18n:locale] could not undo a step of adding ${code}: ${String(undoError)}`
        )
      );
    }
    // The Redaktion role lists every locale: bring it back to the locales that remain.
    await ensureAdminRoles(strapi).catch(() => undefined);
    throw error;
  }
  return stateOf(strapi, code);
}

async function stateOf(strapi: Core.Strapi, code: string): Promise<LocaleState> {
  const state = (await listLocales(strapi)).find((locale) => locale.code === code);
  if (!state) throw new LocaleLifecycleError(`Unknown locale "${code}".`);
  return state;
}

/**
 * Launches a locale: refused below `minCoverage` percent translated unless `force`.
 */
export async function launchLocale(
  strapi: Core.Strapi,
  code: string,
  { minCoverage = 0, force = false }: { minCoverage?: number; force?: boolean } = {}
): Promise<LocaleState> {
  if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) {
    throw new LocaleLifecycleError(
      `--min-coverage must be a number from 0 to 100, got ${minCoverage}.`
    );
  }
  await requireLocale(strapi, code);
  const state = await stateOf(strapi, code);
  if (state.launched) throw new LocaleLifecycleError(`Locale "${code}" is already launched.`);
  if (state.percent < minCoverage && !force) {
    throw new LocaleLifecycleError(
      `Locale "${code}" is ${state.percent} % translated, below --min-coverage ${minCoverage} %: translate more, or launch with --force.`
    );
  }
  await settingsService(strapi).setLaunched(code, true);
  await describeLaunched(strapi);
  return { ...state, launched: true };
}

export async function unlaunchLocale(strapi: Core.Strapi, code: string): Promise<LocaleState> {
  await requireLocale(strapi, code);
  await settingsService(strapi).setLaunched(code, false);
  await describeLaunched(strapi);
  return stateOf(strapi, code);
}

export async function setFallbackChain(
  strapi: Core.Strapi,
  code: string,
  fallback: readonly string[]
): Promise<LocaleState> {
  await requireLocale(strapi, code);
  await settingsService(strapi).setFallback(code, fallback);
  return stateOf(strapi, code);
}

/**
 * Removes a locale, its content, its translator role and its settings. Refused for the default
 * locale, for a locale other locales fall back to, and while versions exist in it unless
 * `exportTo` names a file the translations are written to first (XLIFF 2.0).
 */
export async function removeLocale(
  strapi: Core.Strapi,
  code: string,
  { exportTo }: { exportTo?: string } = {}
): Promise<{ exported: number }> {
  const record = await requireLocale(strapi, code);
  const current = await settingsService(strapi).settings();
  if (code === current.defaultLocale) {
    throw new LocaleLifecycleError(`Locale "${code}" is the default locale: it cannot be removed.`);
  }
  const dependents = Object.entries(current.settings)
    .filter(([, settings]) => settings.fallback.includes(code))
    .map(([other]) => other)
    .sort();
  if (dependents.length > 0) {
    throw new LocaleLifecycleError(
      `Locale "${code}" is in the fallback chain of ${dependents.join(', ')}: change their chains first.`
    );
  }
  const role = await strapi.service('admin::role').findOne({ code: translatorRoleCode(code) });
  if (role) {
    const users = await strapi.service('admin::role').getUsersCount(role.id);
    if (users > 0) {
      throw new LocaleLifecycleError(
        `The role of locale "${code}" still has ${users} user(s): give them another role first.`
      );
    }
  }
  const versions = (await listLocales(strapi))
    .find((locale) => locale.code === code)
    ?.coverage.reduce((sum, type) => sum + type.versions, 0);
  let exported = 0;
  if ((versions ?? 0) > 0) {
    if (!exportTo) {
      throw new LocaleLifecycleError(
        `Locale "${code}" has ${versions} translated document version(s): export them with --export-to file.xlf, or they are lost.`
      );
    }
    const result = await (
      strapi.plugin('translations').service('xliff-export') as XliffExportService
    ).export({ targetLocale: code });
    writeFileSync(exportTo, result.xml);
    exported = result.units;
  }
  if (role) await strapi.service('admin::role').deleteByIds([role.id]);
  await strapi.plugin('i18n').service('locales').delete({ id: record.id });
  await settingsService(strapi).forget(code);
  await ensureAdminRoles(strapi);
  return { exported };
}
