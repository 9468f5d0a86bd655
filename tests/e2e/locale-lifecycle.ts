/// <reference lib="dom" />
/**
 * A third language end to end in the browser (issue 27): a language manager (super admin) adds
 * `fr` on the "Languages" page, unlaunched, with the chain fr → en → de; a translator of the
 * role `Übersetzung (fr)` logs in, may edit only the `fr` version of a city and translates it;
 * the demo site offers `fr` only after the manager launches it, and then shows untranslated
 * cities in English (the chain). Run by tests/e2e/run.ts; takes docs/screenshots/admin-languages-de.png.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import type { BrowserContext, Page } from 'playwright-core';
import { localeLifecycle, removeLocale } from '../../src/i18n/locale-lifecycle';
import { translatorRoleCode } from '../../src/lib/admin/roles';
import { dismissBanners } from './admin-banners';

const CITY = 'api::city.city' satisfies UID.ContentType;
const FR = 'fr';
const PASSWORD = 'E2eLocales2026';
const MANAGER = 'e2e-language-manager@ccn.test';
const TRANSLATOR = 'e2e-translator-fr@ccn.test';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;

interface City {
  documentId: string;
  name: string;
  locale: string;
}

async function logInAs(page: Page, base: string, email: string): Promise<void> {
  await page.context().clearCookies();
  if (page.url().startsWith(base)) {
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
  }
  await page.goto(`${base}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/admin\/?$/);
}

async function citiesIn(base: string, locale: string, query = ''): Promise<City[]> {
  const response = await fetch(
    `${base}/api/cities?locale=${locale}&fields[0]=name&fields[1]=locale&pagination[pageSize]=100${query}`
  );
  assert.equal(response.status, 200, `GET /api/cities?locale=${locale}`);
  return ((await response.json()) as { data: City[] }).data;
}

/** The "Languages" page's row of a locale. */
const row = (page: Page, code: string) => page.locator(`tr[data-locale="${code}"]`);

export async function localeLifecycleChecks(
  context: BrowserContext,
  {
    base,
    strapi,
    check,
    screenshots,
  }: { base: string; strapi: Core.Strapi; check: Check; screenshots: string }
): Promise<void> {
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  const manager = await strapi.service('admin::user').create({
    email: MANAGER,
    password: PASSWORD,
    firstname: 'Lena',
    lastname: 'Sprachen',
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'de',
    roles: [superAdmin.id],
  });
  const userIds: number[] = [manager.id];
  // Krakow: its German and English names differ, so the fallback's language shows.
  const [krakowDe] = await citiesIn(base, 'de', '&filters[key][$eq]=krakow');
  const [krakowEn] = await citiesIn(base, 'en', '&filters[key][$eq]=krakow');
  // A city to translate: Heidelberg.
  const [heidelberg] = await citiesIn(base, 'de', '&filters[key][$eq]=heidelberg');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  try {
    await check('languages page: a manager adds fr unlaunched with the chain en, de', async () => {
      await logInAs(page, base, MANAGER);
      await page.goto(`${base}/admin/plugins/translations`);
      await page.getByRole('heading', { name: 'Sprachen', level: 1 }).waitFor();
      // The screenshot below shows the page, not the admin's Media Library announcement.
      await dismissBanners(page);
      await row(page, 'en').waitFor();
      await page.getByRole('textbox', { name: /^Code/ }).fill(FR);
      await page.getByRole('textbox', { name: /^Name/ }).fill('Französisch');
      await page.locator('input[name="fallback"]').fill('en, de');
      await page.getByRole('button', { name: 'Sprache hinzufügen' }).click();
      const fr = row(page, FR);
      await fr.locator('[data-locale-state="unlaunched"]').waitFor();
      assert.equal(await fr.getByText('nicht freigeschaltet').count(), 1);
      assert.equal(await fr.locator(`input[name="fallback-${FR}"]`).inputValue(), 'en, de');
      const role = await strapi.service('admin::role').findOne({ code: translatorRoleCode(FR) });
      assert.equal(role?.name, 'Übersetzung (fr)');
      // On a 1280 px screen every action of the row is in view, not cut off by the table.
      for (const button of await fr.getByRole('button').all()) {
        const box = await button.boundingBox();
        assert.ok(box && box.x + box.width <= 1280, `${await button.innerText()} ends in view`);
      }
      await page.screenshot({ path: path.join(screenshots, 'admin-languages-de.png') });
    });

    await check('fr is private while unlaunched: no site pages, a 400 from the API', async () => {
      assert.equal((await fetch(`${base}/fr/`)).status, 404);
      assert.equal((await fetch(`${base}/api/cities?locale=fr`)).status, 400);
    });

    await check('a translator of fr may edit only fr, and translates Heidelberg', async () => {
      const role = await strapi.service('admin::role').findOne({ code: translatorRoleCode(FR) });
      const translator = await strapi.service('admin::user').create({
        email: TRANSLATOR,
        password: PASSWORD,
        firstname: 'Francine',
        lastname: 'Traductrice',
        isActive: true,
        registrationToken: null,
        preferedLanguage: 'de',
        roles: [role.id],
      });
      userIds.push(translator.id);
      await logInAs(page, base, TRANSLATOR);
      const editView = (locale: string) =>
        `${base}/admin/content-manager/collection-types/${CITY}/${heidelberg.documentId}?plugins[i18n][locale]=${locale}`;
      for (const locale of ['de', 'en']) {
        await page.goto(editView(locale));
        const name = page.getByRole('textbox', { name: /^Name/ }).first();
        await name.waitFor();
        // The edit view renders the form before the document: wait for its name.
        await page.waitForFunction(
          (input) => (input as HTMLInputElement | null)?.value !== '',
          await name.elementHandle()
        );
        assert.ok(await name.isDisabled(), `the ${locale} name is read-only for the translator`);
      }
      await page.goto(editView(FR));
      const name = page.getByRole('textbox', { name: /^Name/ }).first();
      await name.waitFor();
      assert.ok(await name.isEditable(), 'the fr name is editable for the translator');
      await name.fill('Heidelberg (fr)');
      const [response] = await Promise.all([
        page.waitForResponse(
          (answer) =>
            answer.url().includes(`/content-manager/collection-types/${CITY}`) &&
            ['POST', 'PUT'].includes(answer.request().method())
        ),
        page.getByRole('button', { name: 'Speichern' }).click(),
      ]);
      assert.equal(response.status(), 200, `the translator's save: ${response.url()}`);
      const saved = await strapi
        .documents(CITY)
        .findOne({ documentId: heidelberg.documentId, locale: FR } as never);
      assert.equal((saved as { name?: string } | null)?.name, 'Heidelberg (fr)');
    });

    await check(
      'the demo site offers fr only after launch, with untranslated cities in English',
      async () => {
        // The editorial team reviews and publishes the translation (translators do not publish).
        await strapi
          .documents(CITY)
          .publish({ documentId: heidelberg.documentId, locale: FR } as never);
        assert.equal((await fetch(`${base}/fr/`)).status, 404, 'unlaunched after publishing');

        await logInAs(page, base, MANAGER);
        await page.goto(`${base}/admin/plugins/translations`);
        const fr = row(page, FR);
        await fr.getByRole('button', { name: 'Freischalten', exact: true }).click();
        // Below the 90 % asked for: refused in the admin's language, and "launch anyway" is offered.
        await page
          .getByText(/% übersetzt, unter dem Mindeststand von 90 %/)
          .first()
          .waitFor();
        await fr.getByRole('button', { name: 'Trotzdem freischalten' }).click();
        await fr.locator('[data-locale-state="launched"]').waitFor();

        await page.goto(`${base}/fr/cities/`);
        await page.locator('#city-list li').first().waitFor();
        await page
          .locator('#lang-switch a[hreflang="fr"][aria-current="true"]')
          .waitFor({ state: 'attached' });
        const names = await page.locator('#city-list li a').allTextContents();
        assert.ok(names.includes('Heidelberg (fr)'), 'the translated city in French');
        // Needs the chain applied on reads (the locale-fallback plugin): Krakow has no fr version.
        assert.ok(
          names.includes(krakowEn.name),
          `the untranslated Krakow in English ("${krakowEn.name}")`
        );
        assert.ok(!names.includes(krakowDe.name), `not in German ("${krakowDe.name}")`);
      }
    );
  } finally {
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear()).catch(() => undefined);
    await page.close();
    for (const id of userIds) await strapi.db.query('admin::user').delete({ where: { id } });
    const codes = (
      (await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>
    ).map((locale) => locale.code);
    if (codes.includes(FR)) {
      await localeLifecycle(strapi)
        .unlaunch(FR)
        .catch(() => undefined);
      const file = path.join(os.tmpdir(), `e2e-fr-${process.pid}.xlf`);
      await removeLocale(strapi, FR, { exportTo: file });
      rmSync(file, { force: true });
    }
  }
}
