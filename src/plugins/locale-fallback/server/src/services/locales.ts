/**
 * The one place of the plugin that reads the locales and the default locale. Kept in memory and
 * read again after a write that can change them on this instance (a locale created, updated or
 * deleted, a core-store write such as a new default locale or these settings: see
 * ../bootstrap.ts). Changes made on another instance arrive in one of two ways
 * (docs/adr/0005-locale-settings.md, amendment of 2026-12-07):
 * - over the response-cache plugin's bus, when it has one (PostgreSQL or Redis): such writes
 *   evict everything there, and the eviction reaches every instance (`follow`);
 * - without a bus, by reading everything again once `settingsRecheckMs` has passed since the last
 *   read, so a change shows within that time.
 * A code that is not in the list is checked once more against the database before it is refused,
 * so a locale added on another instance is accepted at once.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { GenerationMemo } from '../lib/generation-memo';
import {
  checkLocaleParams,
  LocaleParamError,
  type CheckedLocaleParams,
  type LocaleParams,
} from '../lib/locale-params';
import {
  checkChain,
  launchedCodes,
  LocaleSettingsError,
  resolveSettings,
  withLaunched,
  type LocaleSettings,
  type LocaleSettingsMap,
} from '../lib/locale-settings';
import { i18n } from '../internals';
import { PLUGIN_ID, type LocaleFallbackConfig } from '../config';

export interface KnownLocales {
  /**
   * The codes of the launched locales, sorted: what the public may ask for (an unlaunched locale
   * is refused like an unknown one).
   */
  codes: readonly string[];
  /** The codes of every locale that exists, launched or not, sorted. */
  all: readonly string[];
  /** The locale Strapi uses when a request names none. */
  defaultLocale: string;
  /** The settings of every existing locale (../lib/locale-settings.ts). */
  settings: Readonly<LocaleSettingsMap>;
}

/**
 * What the response-cache plugin's `cache` service offers for this (its README), looked up by
 * name at run time: the plugins do not import each other.
 */
export interface EvictionFeed {
  onEviction(listener: (tags: readonly string[] | undefined) => void): void;
  sharesEvictions(): boolean;
}

/** Where the settings are kept: one row of Strapi's core store, owned by this plugin. */
const STORE = { type: 'plugin', name: PLUGIN_ID, key: 'locales' } as const;

export interface LocalesService {
  /** The locales as last read (read again after a change). */
  known(): Promise<KnownLocales>;
  /** The default locale code. */
  defaultLocale(): Promise<string>;
  /** The locales as last read, without waiting; undefined before the first read. */
  lastKnown(): KnownLocales | undefined;
  /** Forget the list: the next call reads it again. */
  invalidate(): void;
  /**
   * Hears of changes through `feed` (the response-cache plugin's `cache` service): an eviction of
   * everything (a write of locales or of the core store, here or on another instance) makes the
   * next call read again; while the feed has a bus, no timed re-read is needed.
   */
  follow(feed: EvictionFeed): void;
  /**
   * Checks a request's `locale` and `fallbackLocale` against the existing locales.
   *
   * @throws errors.ValidationError (a 400) that names the parameter and the launched locales
   */
  check(params: LocaleParams): Promise<CheckedLocaleParams>;
  /**
   * The fallback locales of a read, in order, for checked parameters: the request's
   * `fallbackLocale` when it names one, none for `fallbackLocale=none`, else the stored chain of
   * the locale asked for (the default locale when none is).
   */
  readChain(checked: CheckedLocaleParams): Promise<string[]>;
  /** The settings as stored now (read afresh), with the default locale. */
  settings(): Promise<KnownLocales>;
  /**
   * Stores the settings of a locale about to be created: unlaunched, with `fallback`. Call it
   * before creating the locale, so that it is never public (a locale without settings is
   * launched), and `forget` it if creating the locale fails.
   *
   * @throws errors.ValidationError for a bad chain
   */
  prepare(code: string, fallback: readonly string[]): Promise<LocaleSettings>;
  /** Sets the fallback chain of `code`. @throws errors.ValidationError for a bad chain */
  setFallback(code: string, fallback: readonly string[]): Promise<LocaleSettings>;
  /**
   * Launches or unlaunches `code`.
   *
   * @throws errors.ValidationError for an unknown or the default locale, or no change
   */
  setLaunched(code: string, launched: boolean): Promise<LocaleSettings>;
  /** Forgets the settings of `code` (its locale was deleted) and drops it from every chain. */
  forget(code: string): Promise<void>;
}

export default ({ strapi }: { strapi: Core.Strapi }): LocalesService => {
  const memo = new GenerationMemo<KnownLocales>();
  let generation = 0;
  let last: KnownLocales | undefined;
  let feed: EvictionFeed | undefined;
  const { settingsRecheckMs } = strapi.config.get(`plugin::${PLUGIN_ID}`) as LocaleFallbackConfig;
  // When the memo was last read (Date.now()), for the timed re-read without a bus.
  let readAt = 0;
  // Requests that read again already: at most once per request, also with settingsRecheckMs 0.
  const reread = new WeakSet<object>();

  /**
   * Another instance behind the same load balancer may have launched, unlaunched, changed a
   * chain, added a locale or changed the default locale: its write reaches this process through
   * the bus when there is one (`follow`), else only through the database, read again once
   * `settingsRecheckMs` has passed. Synchronous: no query on the request path.
   */
  const followOtherInstances = (): void => {
    if (feed?.sharesEvictions()) return;
    if (Date.now() - readAt < settingsRecheckMs) return;
    const ctx = strapi.requestContext.get() as object | undefined;
    if (ctx) {
      if (reread.has(ctx)) return;
      reread.add(ctx);
    }
    generation += 1;
  };

  const known = async (): Promise<KnownLocales> => {
    followOtherInstances();
    return memo.get(generation, async () => {
      readAt = Date.now();
      const adapter = i18n(strapi);
      const [all, defaultLocale, stored] = await Promise.all([
        adapter.findLocaleCodes(),
        adapter.getDefaultLocale(),
        strapi.store.get(STORE),
      ]);
      const settings = resolveSettings(all, defaultLocale, stored);
      last = { codes: launchedCodes(settings), all: [...all].sort(), defaultLocale, settings };
      return last;
    });
  };

  // Writes read the stored value afresh (not the memo) and store every locale's settings whole.
  const fresh = async (): Promise<KnownLocales> => {
    generation += 1;
    return known();
  };
  const save = async (settings: LocaleSettingsMap): Promise<void> => {
    await strapi.store.set({ ...STORE, value: settings });
    generation += 1;
  };
  const asValidation = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof LocaleSettingsError) {
        throw new errors.ValidationError(error.message, {
          reason: error.reason,
          values: error.values,
        });
      }
      throw error;
    }
  };
  const existing = (current: KnownLocales, code: string): LocaleSettings => {
    const settings = current.settings[code];
    if (!settings) {
      throw new LocaleSettingsError(
        `Unknown locale "${code}". Locales: ${current.all.join(', ')}.`,
        'unknownLocale',
        { code, locales: current.all.join(', ') }
      );
    }
    return settings;
  };

  const invalidate = (): void => {
    generation += 1;
  };

  const checkAgainst = ({ codes, defaultLocale }: KnownLocales, params: LocaleParams) =>
    checkLocaleParams(params, codes, defaultLocale);

  return {
    known,
    async defaultLocale() {
      return (await known()).defaultLocale;
    },
    lastKnown: () => last,
    invalidate,
    follow(next) {
      feed = next;
      next.onEviction((tags) => {
        if (tags === undefined) invalidate();
      });
    },
    async check(params) {
      try {
        try {
          return checkAgainst(await known(), params);
        } catch (error) {
          if (!(error instanceof LocaleParamError)) throw error;
          const value = params[error.param];
          if (typeof value !== 'string' || error.locales.includes(value)) throw error;
          // An unknown code, perhaps created on another instance since the last read: look again.
          invalidate();
          return checkAgainst(await known(), params);
        }
      } catch (error) {
        if (error instanceof LocaleParamError) {
          throw new errors.ValidationError(error.message, {
            param: error.param,
            locales: [...error.locales],
          });
        }
        throw error;
      }
    },
    async readChain(checked) {
      if (checked.noFallback) return [];
      if (checked.fallbackLocale !== undefined) return [checked.fallbackLocale];
      const current = await known();
      const locale = checked.locale ?? current.defaultLocale;
      // Members are launched when stored (checkChain); filtered again for a chain stored before.
      return (current.settings[locale]?.fallback ?? []).filter(
        (member) => member !== locale && current.codes.includes(member)
      );
    },
    settings: fresh,
    prepare: (code, fallback) =>
      asValidation(async () => {
        const current = await fresh();
        const settings = {
          launched: false,
          fallback: checkChain(code, fallback, current.settings),
        };
        await save({ ...current.settings, [code]: settings });
        return settings;
      }),
    setFallback: (code, fallback) =>
      asValidation(async () => {
        const current = await fresh();
        const settings = {
          ...existing(current, code),
          fallback: checkChain(code, fallback, current.settings),
        };
        await save({ ...current.settings, [code]: settings });
        return settings;
      }),
    setLaunched: (code, launched) =>
      asValidation(async () => {
        const current = await fresh();
        const next = withLaunched(current.settings, code, launched, current.defaultLocale);
        await save(next);
        return next[code];
      }),
    async forget(code) {
      const current = await fresh();
      const next: LocaleSettingsMap = {};
      for (const [other, settings] of Object.entries(current.settings)) {
        if (other === code) continue;
        next[other] = { ...settings, fallback: settings.fallback.filter((m) => m !== code) };
      }
      await save(next);
    },
  };
};
