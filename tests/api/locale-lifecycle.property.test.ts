/**
 * The locale lifecycle under random command sequences (fast-check): any mix of add, launch,
 * unlaunch, fallback and remove over valid, unknown, malformed and default codes either works or
 * is refused with a ValidationError (a 400 / exit code 1 naming the problem), and after every
 * command the state is whole: every locale but the default has its translator role and no role
 * is left without its locale, settings are stored only for existing locales, the default locale
 * is launched, and every chain names existing locales, launched where its owner is, without
 * cycles. Each sequence starts from de and en and is undone after.
 */
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { getStrapi } from '../helpers/strapi';
import { localeLifecycle, removeLocale } from '../../src/i18n/locale-lifecycle';
import { translatorRoleCode } from '../../src/lib/admin/roles';

/** Two codes Strapi offers, the existing ones, one unknown and one malformed. */
const CODES = ['fr', 'nl', 'de', 'en', 'qq', 'fr_FR'] as const;
const DEFAULT = 'de';
const STORE = { type: 'plugin', name: 'locale-fallback', key: 'locales' } as const;

type Command =
  | { kind: 'add'; code: string; fallback: string[] }
  | { kind: 'launch' | 'unlaunch' | 'remove'; code: string }
  | { kind: 'fallback'; code: string; fallback: string[] };

const code = fc.constantFrom(...CODES);
const chain = fc.uniqueArray(code, { maxLength: 3 }).chain((members) =>
  // Duplicates now and then: a chain naming a locale twice is bad input too.
  fc.boolean().map((twice) => (twice && members.length > 0 ? [...members, members[0]] : members))
);
/**
 * Removing en would export and delete the seeded English content every later test file of this
 * run reads (one app for the whole run), so remove draws from the other codes; de, the default,
 * stays among them to check the refusal.
 */
const removableCode = fc.constantFrom(...CODES.filter((c) => c !== 'en'));
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), code, fallback: chain }),
  fc.record({ kind: fc.constantFrom('launch' as const, 'unlaunch' as const), code }),
  fc.record({ kind: fc.constant('remove' as const), code: removableCode }),
  fc.record({ kind: fc.constant('fallback' as const), code, fallback: chain })
);

const exportFile = path.join(os.tmpdir(), `h27-property-${process.pid}.xlf`);

async function run(step: Command): Promise<void> {
  const strapi = getStrapi();
  switch (step.kind) {
    case 'add':
      await localeLifecycle(strapi).add({
        code: step.code,
        name: `Sprache ${step.code}`,
        fallback: step.fallback,
      });
      return;
    case 'launch':
      await localeLifecycle(strapi).launch(step.code, { force: true });
      return;
    case 'unlaunch':
      await localeLifecycle(strapi).unlaunch(step.code);
      return;
    case 'fallback':
      await localeLifecycle(strapi).setFallback(step.code, step.fallback);
      return;
    case 'remove':
      await removeLocale(strapi, step.code, { exportTo: exportFile });
      return;
  }
}

const existingCodes = async (): Promise<string[]> =>
  (await getStrapi().plugin('i18n').service('locales').find())
    .map((locale: { code: string }) => locale.code)
    .sort();

async function expectWhole(): Promise<void> {
  const strapi = getStrapi();
  const locales = await existingCodes();
  for (const locale of locales.filter((c) => c !== DEFAULT)) {
    expect({
      locale,
      role: Boolean(
        await strapi.service('admin::role').findOne({ code: translatorRoleCode(locale) })
      ),
    }).toEqual({ locale, role: true });
  }
  const roles = (await strapi.db
    .query('admin::role')
    .findMany({ where: { code: { $startsWith: 'ccn-uebersetzung-' } } })) as Array<{
    code: string;
  }>;
  for (const role of roles) {
    expect(locales.map(translatorRoleCode)).toContain(role.code);
  }
  const stored = ((await strapi.store.get(STORE)) ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(stored)) expect(locales).toContain(key);

  const { settings } = await strapi.plugin('locale-fallback').service('locales').settings();
  expect(settings[DEFAULT].launched).toBe(true);
  for (const [owner, { launched, fallback }] of Object.entries(
    settings as Record<string, { launched: boolean; fallback: string[] }>
  )) {
    expect(fallback).not.toContain(owner);
    expect(new Set(fallback).size).toBe(fallback.length);
    for (const member of fallback) {
      expect(locales).toContain(member);
      if (launched)
        expect({ owner, member, launched: settings[member].launched }).toEqual({
          owner,
          member,
          launched: true,
        });
    }
    // No cycle: following the chains from the owner never comes back to it.
    const seen = new Set<string>();
    const queue = [...fallback];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      expect(next).not.toBe(owner);
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(settings[next]?.fallback ?? []));
    }
  }
}

/** Back to de and en, both launched, without chains: the state the next test file expects. */
async function reset(): Promise<void> {
  const strapi = getStrapi();
  const added = (await existingCodes()).filter((c) => c !== 'de' && c !== 'en');
  for (const locale of await existingCodes()) await localeLifecycle(strapi).setFallback(locale, []);
  for (const locale of added) await removeLocale(strapi, locale, { exportTo: exportFile });
  const { settings } = await strapi.plugin('locale-fallback').service('locales').settings();
  if (!settings.en.launched) await localeLifecycle(strapi).launch('en', { force: true });
}

afterAll(reset);

it('keeps the locales whole under any sequence of commands, refusing bad ones with a ValidationError', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 6 }), async (steps) => {
      try {
        for (const step of steps) {
          try {
            await run(step);
          } catch (error) {
            // Refused: bad input named in a ValidationError (a 400), never anything else. By
            // name: the app's @strapi/utils is another module instance than this test's.
            const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
            if (name !== 'ValidationError') throw error;
            expect(typeof message === 'string' && message.length > 0).toBe(true);
          }
          await expectWhole();
        }
      } finally {
        await reset();
      }
    }),
    { numRuns: 6 }
  );
}, 600_000);

it('leaves de and en launched without chains for the test files after it', async () => {
  const { settings } = await getStrapi().plugin('locale-fallback').service('locales').settings();
  expect(await existingCodes()).toEqual(['de', 'en']);
  expect(settings).toEqual({
    de: { launched: true, fallback: [] },
    en: { launched: true, fallback: [] },
  });
});
