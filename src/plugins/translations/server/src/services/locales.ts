/**
 * The locale lifecycle: add a language (unlaunched, with its fallback chain), list every locale
 * with its state and coverage, launch it when it is ready, unlaunch it, change its chain, remove
 * it. The one service behind the admin page (/translations/locales) and the app's command
 * (`npm run i18n:locale`), so both apply the same rules and answer the same errors.
 *
 * What this plugin does not own comes from hooks the app registers with `use()`:
 * - `settings`: where a locale's state (launched) and chain are kept, e.g. the locale-fallback
 *   plugin's `locales` service. Without it every locale counts as launched without a chain, and
 *   launching or chains are refused with a message saying so.
 * - `added` / `removing` / `removed` / `launchedChanged`: the app's own consequences (a translator
 *   role per locale, an OpenAPI enum of the launched locales). This plugin knows no role and no
 *   content type of the app.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { i18nIsoLocales, i18nLocales } from '../internals';
import { isLocaleCode } from '../lib/locale-code';
import type { ReviewCounts } from '../lib/review';
import { getService } from '../utils';

/**
 * Bad input: answered 400 over HTTP (Strapi's ValidationError), exit code 1 by the command. The
 * message is English; `reason` and `values` (in `error.details`) let the admin page say it in
 * the editor's language.
 */
export class LocaleLifecycleError extends errors.ValidationError {
  constructor(message: string, reason?: string, values: Record<string, string> = {}) {
    super(message, reason === undefined ? undefined : { reason, values });
  }
}

/** A locale's settings as the settings store keeps them. */
export interface LocaleSettings {
  launched: boolean;
  fallback: string[];
}

/**
 * Where the state and chain of each locale are kept (the locale-fallback plugin's `locales`
 * service has this shape). Its methods throw Strapi's ValidationError for a bad chain or change.
 */
export interface LocaleSettingsStore {
  settings(): Promise<{
    defaultLocale: string;
    settings: Readonly<Record<string, LocaleSettings>>;
  }>;
  /** Stores an unlaunched locale's settings before the locale is created. */
  prepare(code: string, fallback: readonly string[]): Promise<LocaleSettings>;
  setFallback(code: string, fallback: readonly string[]): Promise<LocaleSettings>;
  setLaunched(code: string, launched: boolean): Promise<LocaleSettings>;
  /** Forgets a locale's settings and drops it from every chain. */
  forget(code: string): Promise<void>;
}

/** What the app adds to the lifecycle (all optional). */
export interface LocaleLifecycleHooks {
  settings?: LocaleSettingsStore;
  /**
   * The locale was created: make what belongs to it (a translator role). When this throws, the
   * locale and its settings are undone and `addUndone` is called.
   */
  added?(code: string): Promise<void>;
  /**
   * Undo `added` after a failure (also when `added` itself failed half-way), called after the
   * locale and its settings are undone.
   */
  addUndone?(code: string): Promise<void>;
  /** Before a locale is removed: throw a LocaleLifecycleError to refuse (a role still in use). */
  removing?(code: string): Promise<void>;
  /** The locale and its content are gone: remove what belonged to it. */
  removed?(code: string): Promise<void>;
  /**
   * The set of launched locales changed: `code` was launched (`launched`) or unlaunched or
   * removed while launched (e.g. regenerate a document that lists them, reindex its documents).
   */
  launchedChanged?(code: string, launched: boolean): Promise<void>;
}

export interface TypeCoverage {
  uid: string;
  displayName: string;
  kind: string;
  total: number;
  translated: number;
  /** Share translated, 0–100 with one decimal. */
  percent: number;
  outdated: number;
  unknown: number;
  missing: number;
  /** Reviewed or published documents. */
  reviewed: number;
  /** Documents with a version in the locale, whatever their state. */
  versions: number;
  review: ReviewCounts;
}

export interface LocaleState {
  code: string;
  name: string;
  isDefault: boolean;
  launched: boolean;
  fallback: string[];
  /** Per localized type; the default locale is the source and has none. */
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
export type AddStep = 'settings' | 'locale' | 'hooks';

export interface LaunchOptions {
  /** Refuse below this share translated (0–100). */
  minCoverage?: number;
  /** Launch below `minCoverage` anyway. */
  force?: boolean;
}

export interface RemoveOptions {
  /**
   * Receives the locale's translations as XLIFF 2.0 before anything is deleted (the command writes
   * a file, the admin route answers it). Without it, a locale with versions is not removed.
   */
  exportTo?: (xliff: string, units: number) => Promise<void>;
}

/** The admin permission of the lifecycle's changes (`plugin::translations.locales.manage`). */
export const LOCALES_MANAGE = 'locales.manage';

const round = (value: number): number => Math.round(value * 10) / 10;
const share = (part: number, total: number): number =>
  total === 0 ? 100 : round((part / total) * 100);

const NO_SETTINGS =
  'Locale settings are not available: launching and fallback chains need a settings store (the locale-fallback plugin, registered by the app).';

const locales = ({ strapi }: { strapi: Core.Strapi }) => {
  let hooks: LocaleLifecycleHooks = {};

  const store = (): LocaleSettingsStore => {
    if (!hooks.settings) throw new LocaleLifecycleError(NO_SETTINGS);
    return hooks.settings;
  };

  const currentSettings = async (): Promise<{
    defaultLocale: string;
    settings: Readonly<Record<string, LocaleSettings>>;
  }> =>
    hooks.settings
      ? hooks.settings.settings()
      : { defaultLocale: await i18nLocales(strapi).getDefaultLocale(), settings: {} };

  const findLocale = async (code: string) =>
    (await i18nLocales(strapi).find()).find((locale) => locale.code === code);

  const requireLocale = async (code: string) => {
    const all = await i18nLocales(strapi).find();
    const locale = all.find((l) => l.code === code);
    if (!locale) {
      const codes = all.map((l) => l.code).sort();
      throw new LocaleLifecycleError(
        `Unknown locale "${code}". Locales: ${codes.join(', ')}.`,
        'unknownLocale',
        { code, locales: codes.join(', ') }
      );
    }
    return locale;
  };

  const launchedChanged = async (code: string, launched: boolean) => {
    await hooks.launchedChanged?.(code, launched);
  };

  const service = {
    /** Registers the app's hooks (replaces earlier ones). */
    use(next: LocaleLifecycleHooks): void {
      hooks = { ...next };
    },

    /** Every locale with its state and coverage (one status computation for all of them). */
    async list(): Promise<LocaleState[]> {
      const [records, current] = await Promise.all([i18nLocales(strapi).find(), currentSettings()]);
      const targets = records.map((r) => r.code).filter((code) => code !== current.defaultLocale);
      const status =
        targets.length > 0
          ? await getService(strapi, 'status').status({
              sourceLocale: current.defaultLocale,
              targetLocales: targets,
              documents: false,
            })
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
                    kind: type.kind,
                    total: counts.total,
                    translated: counts.translated,
                    percent: counts.percent,
                    outdated: counts.outdated,
                    unknown: counts.unknown,
                    missing: counts.missing,
                    reviewed: counts.review.reviewed + counts.review.published,
                    versions: counts.total - counts.missing,
                    review: counts.review,
                  }))
              );
          const sum = (key: 'total' | 'translated' | 'reviewed') =>
            coverage.reduce((total, type) => total + type[key], 0);
          const settings = current.settings[record.code] ?? { launched: true, fallback: [] };
          return {
            code: record.code,
            name: record.name,
            isDefault,
            launched: isDefault || settings.launched,
            fallback: [...settings.fallback],
            coverage,
            percent: isDefault ? 100 : share(sum('translated'), sum('total')),
            reviewedPercent: isDefault ? 100 : share(sum('reviewed'), sum('total')),
          };
        })
        .sort((a, b) => a.code.localeCompare(b.code));
    },

    /** One locale's state. @throws LocaleLifecycleError for an unknown locale */
    async get(code: string): Promise<LocaleState> {
      const state = (await service.list()).find((locale) => locale.code === code);
      if (!state) await requireLocale(code);
      if (!state) throw new LocaleLifecycleError(`Unknown locale "${code}".`);
      return state;
    },

    /**
     * Adds a locale: its settings (unlaunched, with the chain), the i18n locale, then the app's
     * `added` hook. All or nothing: when a step fails, the ones done are undone before the error
     * is thrown, so there is never a role without a locale or a chain without a role.
     *
     * @param afterStep called after each step (tests inject a failure here)
     */
    async add(
      input: AddLocale,
      afterStep: (step: AddStep) => Promise<void> = async () => undefined
    ): Promise<LocaleState> {
      const { code } = input;
      const name = input.name.trim();
      const fallback = [...(input.fallback ?? [])];
      if (!isLocaleCode(code)) {
        throw new LocaleLifecycleError(
          `Malformed locale code "${code}": a BCP 47 language tag such as fr, fr-CA or zh-Hans.`,
          'malformedCode',
          { code }
        );
      }
      if (
        !i18nIsoLocales(strapi)
          .getIsoLocales()
          .some((locale) => locale.code === code)
      ) {
        throw new LocaleLifecycleError(
          `Unknown locale code "${code}": not one of the locales Strapi offers (Settings → Internationalization).`,
          'notOffered',
          { code }
        );
      }
      if (name === '') {
        throw new LocaleLifecycleError(
          'A locale needs a name (--name "Französisch").',
          'nameRequired'
        );
      }
      const malformed = fallback.find((member) => !isLocaleCode(member));
      if (malformed !== undefined) {
        throw new LocaleLifecycleError(
          `Malformed locale code "${malformed}" in the fallback chain.`,
          'malformedChainCode',
          { code: malformed }
        );
      }
      if (await findLocale(code)) {
        throw new LocaleLifecycleError(`Locale "${code}" exists already.`, 'exists', { code });
      }
      if (!hooks.settings && fallback.length > 0) {
        throw new LocaleLifecycleError(NO_SETTINGS, 'noSettings');
      }

      const undo: Array<() => Promise<void>> = [];
      try {
        // Settings first: the locale is unlaunched from the moment it exists (without settings a
        // locale counts as launched).
        if (hooks.settings) {
          const settings = hooks.settings;
          await settings.prepare(code, fallback);
          undo.push(() => settings.forget(code));
        }
        await afterStep('settings');

        const record = await i18nLocales(strapi).create({ code, name });
        undo.push(async () => {
          await i18nLocales(strapi).delete({ id: record.id });
        });
        await afterStep('locale');

        // Undone last, after the locale is gone, so that the app sees the locales that remain.
        const addUndone = hooks.addUndone;
        if (addUndone) undo.unshift(() => addUndone(code));
        await hooks.added?.(code);
        await afterStep('hooks');
      } catch (error) {
        for (const step of undo.reverse()) {
          await step().catch((undoError: unknown) =>
            strapi.log.error(
              `[translations] could not undo a step of adding locale ${code}: ${String(undoError)}`
            )
          );
        }
        throw error;
      }
      return service.get(code);
    },

    /** Launches a locale: refused below `minCoverage` percent translated unless `force`. */
    async launch(code: string, { minCoverage = 0, force = false }: LaunchOptions = {}) {
      if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) {
        throw new LocaleLifecycleError(
          `--min-coverage must be a number from 0 to 100, got ${minCoverage}.`,
          'minCoverageRange',
          { value: String(minCoverage) }
        );
      }
      await requireLocale(code);
      const settings = store();
      const state = await service.get(code);
      if (state.launched) {
        throw new LocaleLifecycleError(`Locale "${code}" is already launched.`, 'alreadyLaunched', {
          code,
        });
      }
      if (state.percent < minCoverage && !force) {
        throw new LocaleLifecycleError(
          `Locale "${code}" is ${state.percent} % translated, below --min-coverage ${minCoverage} %: translate more, or launch with --force.`,
          'belowCoverage',
          { code, percent: String(state.percent), minCoverage: String(minCoverage) }
        );
      }
      await settings.setLaunched(code, true);
      await launchedChanged(code, true);
      return { ...state, launched: true };
    },

    async unlaunch(code: string): Promise<LocaleState> {
      await requireLocale(code);
      await store().setLaunched(code, false);
      await launchedChanged(code, false);
      return service.get(code);
    },

    async setFallback(code: string, fallback: readonly string[]): Promise<LocaleState> {
      await requireLocale(code);
      const malformed = fallback.find((member) => !isLocaleCode(member));
      if (malformed !== undefined) {
        throw new LocaleLifecycleError(
          `Malformed locale code "${malformed}" in the fallback chain.`,
          'malformedChainCode',
          { code: malformed }
        );
      }
      await store().setFallback(code, fallback);
      return service.get(code);
    },

    /**
     * Removes a locale, its content and its settings (and, through the app's hooks, what belongs
     * to it). Refused for the default locale, for a locale other locales fall back to, and while
     * versions exist in it unless `exportTo` receives its translations first (XLIFF 2.0).
     */
    async remove(code: string, { exportTo }: RemoveOptions = {}): Promise<{ exported: number }> {
      const record = await requireLocale(code);
      const current = await currentSettings();
      if (code === current.defaultLocale) {
        throw new LocaleLifecycleError(
          `Locale "${code}" is the default locale: it cannot be removed.`,
          'defaultNotRemovable',
          { code }
        );
      }
      const dependents = Object.entries(current.settings)
        .filter(([, settings]) => settings.fallback.includes(code))
        .map(([other]) => other)
        .sort();
      if (dependents.length > 0) {
        throw new LocaleLifecycleError(
          `Locale "${code}" is in the fallback chain of ${dependents.join(', ')}: change their chains first.`,
          'inChain',
          { code, locales: dependents.join(', ') }
        );
      }
      await hooks.removing?.(code);
      const state = await service.get(code);
      const versions = state.coverage.reduce((sum, type) => sum + type.versions, 0);
      let exported = 0;
      if (versions > 0) {
        if (!exportTo) {
          throw new LocaleLifecycleError(
            `Locale "${code}" has ${versions} translated document version(s): export them with --export-to file.xlf, or they are lost.`,
            'hasVersions',
            { code, versions: String(versions) }
          );
        }
        const result = await getService(strapi, 'xliff-export').export({ targetLocale: code });
        await exportTo(result.xml, result.units);
        exported = result.units;
      }
      await i18nLocales(strapi).delete({ id: record.id });
      if (hooks.settings) await hooks.settings.forget(code);
      await hooks.removed?.(code);
      if (state.launched) await launchedChanged(code, false);
      return { exported };
    },
  };
  return service;
};

export type LocalesService = ReturnType<typeof locales>;
export default locales;
