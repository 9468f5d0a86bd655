/// <reference lib="dom" />
/**
 * `npm run test:e2e`: the demo website and the admin panel in a real browser (Debian's Chromium
 * driven by playwright-core). Boots the app like the jest API tests (tests/helpers/global-setup.ts)
 * on a throw-away database, runs the checks in order with node:assert, and takes the README's
 * screenshots into docs/screenshots/. The admin panel must be built first (`strapi build`, which
 * the npm script runs).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import globalSetup, { testGlobals } from '../helpers/global-setup';
import { GERMAN_TYPE_NAMES } from '../../src/lib/admin/admin-translations';
import { DESCRIPTIONS, descriptionInLanguage } from '../../src/lib/admin/content-manager-views';
import { EDITOR_ROLE_CODE, translatorRoleCode } from '../../src/lib/admin/roles';
import { previewSecret, signPreviewToken } from '../../src/lib/preview/token';
import globalTeardown from '../helpers/global-teardown';
import { dismissBanners } from './admin-banners';
import { localeLifecycleChecks } from './locale-lifecycle';

const APP_DIR = path.resolve(__dirname, '..', '..');
const SCREENSHOTS = path.join(APP_DIR, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const CITY = 'api::city.city' satisfies UID.ContentType;
const ADMIN = { email: 'e2e-admin@ccn.test', password: 'E2eAdmin2026', firstname: 'Erika' };

interface ApiList<T> {
  data: T[];
  meta: { pagination: { total: number } };
}

let base = '';
const results: { name: string; ok: boolean; error?: string }[] = [];

async function check(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, error: message });
    console.log(`  ✗ ${name}\n    ${message.split('\n').join('\n    ')}`);
  }
}

async function api<T>(pathAndQuery: string): Promise<ApiList<T>> {
  const response = await fetch(`${base}/api/${pathAndQuery}`);
  assert.equal(response.status, 200, `GET /api/${pathAndQuery}`);
  return (await response.json()) as ApiList<T>;
}

/** Everything the site does in the browser that a visitor would notice as broken. */
interface PageLog {
  consoleErrors: string[];
}

function watch(page: Page): PageLog {
  const log: PageLog = { consoleErrors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') log.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => log.consoleErrors.push(error.message));
  return log;
}

/** The REST API requests a page makes while `run` runs. */
async function apiRequestsDuring(page: Page, run: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  const record = (request: { url(): string }) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) calls.push(request.url());
  };
  page.on('request', record);
  try {
    await run();
  } finally {
    page.off('request', record);
  }
  return calls;
}

async function siteChecks(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  const log = watch(page);
  await page.setViewportSize(DESKTOP);

  for (const [locale, goalsTitle] of [
    ['de', 'Ziele des Netzwerks'],
    ['en', 'Goals of the network'],
  ] as const) {
    await check(
      `home (${locale}) shows the six goals and the eight fields with city counts`,
      async () => {
        const calls = await apiRequestsDuring(page, async () => {
          await page.goto(`${base}/${locale}/`);
          await page.locator('.fields .card').first().waitFor();
        });
        assert.equal(calls.length, 3, `API requests of the home page: ${calls.join(', ')}`);
        assert.equal(await page.getAttribute('html', 'lang'), locale);
        assert.equal(await page.locator('#goals-title').textContent(), goalsTitle);
        assert.equal(await page.locator('.goals li').count(), 6);
        assert.equal(await page.locator('.fields .card').count(), 8);
        const music = await api<{ id: number }>(
          `cities?locale=${locale}&filters[creativeField][key][$eq]=music&pagination[pageSize]=1`
        );
        const count = await page.locator('.card[data-field="music"] .count').textContent();
        assert.match(count ?? '', new RegExp(`^${music.meta.pagination.total} `));
        const hreflangs = await page
          .locator('link[rel="alternate"]')
          .evaluateAll((links) => links.map((link) => link.getAttribute('hreflang')));
        assert.deepEqual(hreflangs.sort(), ['de', 'en', 'x-default']);
      }
    );
  }

  await check('filtering the city list by a creative field shows only its cities', async () => {
    const calls = await apiRequestsDuring(page, async () => {
      await page.goto(`${base}/de/staedte/`);
      await page.locator('#city-list li').first().waitFor();
    });
    // Every city, at most 100 per page.
    const total = (await api('cities?locale=de&pagination[pageSize]=1')).meta.pagination.total;
    const pages = Math.ceil(total / 100);
    assert.equal(calls.length, pages, `API requests of the city list: ${calls.join(', ')}`);
    const all = await page.locator('#city-list li').count();
    assert.equal(all, total);
    await page.getByLabel('Kreativfeld').selectOption('literature');
    const expected = await api<{ name: string }>(
      'cities?locale=de&filters[creativeField][key][$eq]=literature&fields[0]=name&pagination[pageSize]=100&sort=name'
    );
    await page.waitForFunction(
      (n) => document.querySelectorAll('#city-list li').length === n,
      expected.meta.pagination.total
    );
    const shown = await page.locator('#city-list li a').allTextContents();
    assert.deepEqual(shown.sort(), expected.data.map((city) => city.name).sort());
    const metas = await page.locator('#city-list li .meta').allTextContents();
    assert.ok(
      metas.every((meta) => meta.endsWith('Literatur')),
      'every city is a Literatur city'
    );
    assert.match(page.url(), /\?field=literature$/);
  });

  await check('filtering by country narrows the list', async () => {
    await page.getByLabel('Kreativfeld').selectOption('');
    await page.getByLabel('Land').selectOption('DE');
    const expected = await api(
      'cities?locale=de&filters[country][isoCode][$eq]=DE&pagination[pageSize]=1'
    );
    await page.waitForFunction(
      (n) => document.querySelectorAll('#city-list li').length === n,
      expected.meta.pagination.total
    );
    await page.getByLabel('Land').selectOption('');
  });

  await check('a misspelt name is offered as "did you mean", another name is shown', async () => {
    const search = page.getByLabel('Nach Name suchen');
    await search.fill('heidleberg');
    await page.waitForFunction(
      () => document.querySelector('#did-you-mean')?.textContent === 'Meinten Sie Heidelberg?'
    );
    assert.equal(await page.locator('#did-you-mean').isVisible(), true);
    await search.fill('Cracow');
    await page.waitForFunction(
      () =>
        document.querySelector('#city-list li')?.textContent?.startsWith('Krakau (Cracow)') === true
    );
    assert.equal(await page.locator('#did-you-mean').isVisible(), false);
  });

  await check('searching the list finds "Heidelberg" and opens its page', async () => {
    await page.getByLabel('Nach Name suchen').fill('heidelb');
    await page.waitForFunction(() => document.querySelectorAll('#city-list li').length === 1);
    await page.locator('#city-list a', { hasText: 'Heidelberg' }).click();
    await page.waitForURL(`${base}/de/staedte/heidelberg`);
    // The address changes before the city's page has loaded: wait for its heading, not the list's.
    await page
      .waitForFunction(() => document.querySelector('h1')?.textContent === 'Heidelberg', null, {
        timeout: 10_000,
      })
      .catch(() => undefined);
    assert.equal(await page.locator('h1').textContent(), 'Heidelberg');
  });

  await check('the language switch on a city page lands on the same city in English', async () => {
    const krakow = await api<{ documentId: string; slug: string }>(
      'cities?locale=en&filters[key][$eq]=krakow&fields[0]=slug'
    );
    const de = await api<{ documentId: string; slug: string }>(
      `cities?locale=de&filters[documentId][$eq]=${krakow.data[0].documentId}&fields[0]=slug`
    );
    await page.goto(`${base}/de/staedte/${de.data[0].slug}`);
    await page.locator('h1').waitFor();
    assert.equal(await page.locator('h1').textContent(), 'Krakau');
    await page.locator('[data-lang-switch="en"]').click();
    await page.waitForURL(`${base}/en/cities/${krakow.data[0].slug}`);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Kraków');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.locator('[data-lang-switch="de"]').click();
    await page.waitForURL(`${base}/de/staedte/${de.data[0].slug}`);
  });

  await check('deep links load directly: a creative field page and a goal page', async () => {
    await page.goto(`${base}/en/creative-fields/music`);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Music');
    const music = await api(
      'cities?locale=en&filters[creativeField][key][$eq]=music&pagination[pageSize]=1'
    );
    assert.equal(await page.locator('.city-list li').count(), music.meta.pagination.total);
    await page.goto(`${base}/de/ziele/1`);
    await page.locator('.eyebrow').waitFor();
    assert.equal(await page.locator('.eyebrow').textContent(), 'Ziel 1');
    assert.equal(await page.locator('nav .goals li').count(), 6);
  });

  await check(
    'keyboard: the skip link is the first stop and moves focus to the content',
    async () => {
      await page.goto(`${base}/en/`);
      await page.locator('.fields .card').first().waitFor();
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        'Skip to content'
      );
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => location.hash), '#main');
    }
  );

  await check('the map draws one dot per city with coordinates', async () => {
    await page.goto(`${base}/en/cities/`);
    await page.locator('.city-map').waitFor();
    const total = (await api('cities?locale=en&pagination[pageSize]=1')).meta.pagination.total;
    assert.equal(await page.locator('.city-map circle').count(), total);
  });

  await check('no console errors on the pages above', async () => {
    assert.deepEqual(log.consoleErrors, []);
  });

  await check('a clear message when the API is unreachable', async () => {
    const offline = await context.newPage();
    await offline.route('**/api/**', (route) => route.abort());
    await offline.goto(`${base}/de/`);
    const alert = offline.locator('[role="alert"]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /API ist nicht erreichbar/);
    await offline.close();
  });

  await page.close();
}

async function screenshots(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  for (const locale of ['de', 'en']) {
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto(`${base}/${locale}/`);
      await page.locator('.fields .card').first().waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, `site-home-${locale}-${device}.png`) });
    }
  }
  await page.setViewportSize(DESKTOP);
  await page.goto(`${base}/de/staedte/?field=music`);
  await page.locator('.city-map').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'site-cities-de-desktop.png') });
  await page.close();
}

/** An input's value once the edit view has filled it in (it renders empty while the document loads). */
async function loadedValue(input: Locator, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await input.inputValue();
    if (value !== '' || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The "Mitglied seit" / "Member since" cells of the city list read as years: 2014, not 2.014. */
async function assertYearColumn(page: Page): Promise<void> {
  const headers = (await page.locator('thead th').allTextContents()).map((text) => text.trim());
  const column = headers.findIndex((text) => text === 'Mitglied seit' || text === 'Member since');
  assert.ok(column >= 0, `a year column in ${headers.join(' | ')}`);
  const years = await page.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents();
  assert.ok(years.length > 0, 'rows in the city list');
  for (const year of years) assert.match(year.trim(), /^(19|20)\d\d$/);
}

/**
 * Changes a word of Berlin's German description (through the Document Service, as an editor's
 * save would), opens the English version in the German admin and checks the side panel: the
 * outdated block with the deleted and inserted words, the review state, and setting it to
 * "geprüft". Restores the German draft and the review state afterwards.
 */
async function translationPanelCheck(page: Page, strapi: Core.Strapi): Promise<void> {
  const cities = strapi.documents(CITY);
  const review = strapi.plugin('translations').service('review') as {
    stateOf(uid: string, documentId: string, locale: string): Promise<string>;
    store(uid: string, documentId: string, locale: string, state: string): Promise<void>;
  };
  const [berlin] = await cities.findMany({
    locale: 'de',
    filters: { key: 'berlin' },
    fields: ['documentId', 'description'],
  } as never);
  const documentId = (berlin as { documentId: string }).documentId;
  const description = (berlin as { description: Array<{ children: Array<{ text: string }> }> })
    .description;
  const before = description[0].children[0].text;
  assert.match(before, /die Hauptstadt Deutschlands/);
  const changed = structuredClone(description);
  changed[0].children[0].text = before.replace('die Hauptstadt', 'die größte Stadt');
  const stateBefore = await review.stateOf(CITY, documentId, 'en');
  await cities.update({ documentId, locale: 'de', data: { description: changed } as never });
  try {
    await page.goto(
      `${base}/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=en`
    );
    const panel = page.locator('[data-translation-panel]');
    await panel.waitFor();
    await page.getByText('Übersetzung', { exact: true }).first().waitFor();
    await panel.getByText('Übersetzung: veraltet').waitFor();
    const block = panel.locator('[data-field="description.0"]');
    await block.waitFor();
    assert.equal(await block.getAttribute('data-state'), 'outdated');
    await block.getByText('veraltet', { exact: true }).waitFor();
    // Deleted and inserted words, marked by element (not colour only) and named for screen readers.
    assert.equal(
      (await block.locator('del').innerText()).replace(/\s+/g, ' ').trim(),
      'gelöscht: Hauptstadt'
    );
    assert.equal(
      (await block.locator('ins').innerText()).replace(/\s+/g, ' ').trim(),
      'eingefügt: größte Stadt'
    );
    await panel
      .getByText(`Prüfung: ${stateBefore === 'published' ? 'veröffentlicht' : stateBefore}`)
      .waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-translation-panel-de.png') });

    await panel.getByRole('button', { name: '→ geprüft' }).click();
    await panel.getByText('Prüfung: geprüft').waitFor();
    assert.equal(await review.stateOf(CITY, documentId, 'en'), 'reviewed');
  } finally {
    // The German draft goes back to the published text, the review state to what it was.
    await cities.discardDraft({ documentId, locale: 'de' });
    await review.store(CITY, documentId, 'en', stateBefore);
  }
}

/**
 * The version history side panel: a city edited twice in the edit view, the first edit opened
 * from the panel with its word diff against the current draft, restored as the draft (the page
 * reloads with it) and published. Works on a city of its own, deleted afterwards.
 */
async function historyPanelCheck(page: Page, strapi: Core.Strapi): Promise<void> {
  const cities = strapi.documents(CITY);
  const city = await cities.create({
    locale: 'de',
    status: 'published',
    data: { key: 'e2e-verlaufsstadt', name: 'Verlaufsstadt' } as never,
  });
  const { documentId } = city;
  try {
    await page.goto(
      `${base}/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=de`
    );
    const panel = page.locator('[data-history-panel]');
    await panel.waitFor();
    const versions = panel.locator('[data-history-version]');
    const name = page.locator('input[name="name"]');
    for (const text of ['Verlaufsstadt am Fluss', 'Verlaufsstadt am großen Fluss']) {
      const before = await versions.count();
      await name.fill(text);
      await page.getByRole('button', { name: 'Speichern' }).click();
      // The panel reloads after the save: one more version (a draft edit) on top.
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-history-version]').length > count,
        before
      );
    }
    await panel.getByText('bearbeitet').first().waitFor();
    // The older of the two edits: the second version from the top.
    await versions.nth(1).locator('button').click();
    const dialog = page.locator('[data-history-compare]');
    await dialog.waitFor();
    const field = dialog.locator('[data-history-field="name"]');
    await field.waitFor();
    // From the current draft to this version: "großen " goes, nothing comes.
    assert.equal(
      (await field.locator('del').innerText()).replace(/\s+/g, ' ').trim(),
      'entfernt: großen'
    );
    assert.equal(await field.locator('ins').count(), 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-history-diff-de.png') });
    await dialog.getByRole('button', { name: 'Als Entwurf wiederherstellen' }).click();
    // The page reloads with the restored draft and says so.
    await page.getByText('als Entwurf wiederhergestellt').first().waitFor();
    assert.equal(await loadedValue(name), 'Verlaufsstadt am Fluss');
    const published = await cities.findOne({ documentId, locale: 'de', status: 'published' });
    assert.equal((published as { name: string } | null)?.name, 'Verlaufsstadt');

    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const now = await cities.findOne({ documentId, locale: 'de', status: 'published' });
      if ((now as { name: string } | null)?.name === 'Verlaufsstadt am Fluss') break;
      assert.ok(Date.now() < deadline, 'the restored draft is published within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await cities.delete({ documentId, locale: '*' } as never);
  }
}

/**
 * Words that give away an English interface text. Whole words, case-sensitive; none of them is
 * German or occurs in the German content these pages show.
 */
const ENGLISH_WORDS = [
  'the',
  'and',
  'your',
  'you',
  'with',
  'this',
  'are',
  'for',
  'new',
  'more',
  'per',
  'Save',
  'Publish',
  'Unpublish',
  'Cancel',
  'Delete',
  'Search',
  'Settings',
  'Introducing',
  'Library',
  'User',
  'Users',
  'entry',
  'entries',
  'Draft',
  'Published',
  'Modified',
  'Create',
  'Edit',
  'Back',
  'Close',
  'Add',
  'Filters',
  'Welcome',
  'Configure',
  'Preview',
  'Discard',
  'Duplicate',
  'Home',
  'Documentation',
  'Profile',
  'Logout',
  'Collection',
  'Types',
  'Manager',
  'Read',
  'Previous',
  'Next',
  'Rows',
  'Last',
  'Open',
  'Learn',
  'Select',
  'Loading',
  'Available',
  'Locales',
  'Language',
  'Document',
  'Update',
  'Updated',
  'Created',
  'Copy',
  'Share',
  'Actions',
  'Devices',
];

/**
 * The English words among the visible text of a page (the admin's own frame), each with the line
 * it stands in: `Save (in "Save draft")`. Content is not interface: what editors type (inputs,
 * rich-text editors) and the rows of tables (entries, some of them English versions) are left
 * out; the tables' headers stay in.
 */
async function englishWordsOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone
      .querySelectorAll('[contenteditable], input, textarea, script, style, tbody')
      .forEach((node) => node.remove());
    document.body.append(clone);
    clone.style.position = 'absolute';
    clone.style.left = '-100000px';
    const visible = clone.innerText;
    clone.remove();
    return visible;
  });
  const found: string[] = [];
  for (const line of text.split('\n')) {
    // Hyphenated compounds are German words ("Inhalts-Manager"), not two.
    const words = new Set(line.split(/[^\p{L}-]+/u));
    for (const word of ENGLISH_WORDS) {
      if (words.has(word)) found.push(`${word} (in "${line.trim().slice(0, 80)}")`);
    }
  }
  return found;
}

/** Waits until an admin page has rendered its heading and finished loading. */
async function adminPageLoaded(page: Page): Promise<void> {
  await page.locator('main h1, h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

/** Fails with the page and the English words found on it. */
async function assertGerman(page: Page, name: string): Promise<void> {
  await adminPageLoaded(page);
  const english = await englishWordsOn(page);
  assert.deepEqual(english, [], `English words on ${name} (${page.url()})`);
}

/**
 * The preview of a draft: renames Heidelberg in the German draft through the edit view, presses
 * Preview, and compares the preview (beside the form and in a tab of its own) with the public
 * page and with the same page under an expired preview token. Discards the draft afterwards.
 */
async function draftPreviewCheck(
  page: Page,
  strapi: Core.Strapi,
  documentId: string
): Promise<void> {
  const draftName = 'Heidelberg am Neckar';
  await page.goto(
    `${base}/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=de`
  );
  const name = page.locator('input[name="name"]');
  assert.equal(await loadedValue(name), 'Heidelberg');
  try {
    await name.fill(draftName);
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Gespeichert').first().waitFor();
    await page.getByText('Vorschau öffnen').click();
    const frame = page.locator('iframe');
    await frame.waitFor();
    const src = new URL((await frame.getAttribute('src')) ?? '');
    assert.equal(`${src.origin}${src.pathname}`, `${base}/de/staedte/heidelberg`);
    assert.match(src.searchParams.get('preview') ?? '', /^[\w-]+\.[\w-]+$/);
    const preview = page.frameLocator('iframe');
    await preview.locator('h1', { hasText: draftName }).waitFor();
    await preview.getByText('Vorschau – nicht veröffentlicht').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-preview-draft-de.png') });
    await assertGerman(page, 'the preview');

    const tab = await page.context().newPage();
    try {
      await tab.goto(src.href);
      await tab.locator('h1', { hasText: draftName }).waitFor();
      assert.equal(
        await tab.locator('#preview-banner').innerText(),
        'Vorschau – nicht veröffentlicht'
      );

      await tab.goto(`${base}/de/staedte/heidelberg`);
      await tab.locator('h1', { hasText: 'Heidelberg' }).waitFor();
      assert.equal(await tab.locator('h1').innerText(), 'Heidelberg');
      assert.equal(await tab.locator('#preview-banner').count(), 0);

      // The same token, but expired a second ago: the published page, no banner.
      const keys = strapi.config.get<string[]>('server.app.keys');
      const expired = signPreviewToken(
        { uid: CITY, documentId, locale: 'de', exp: Math.floor(Date.now() / 1000) - 1 },
        previewSecret(keys)
      );
      await tab.goto(`${base}/de/staedte/heidelberg?preview=${expired}`);
      await tab.locator('h1', { hasText: 'Heidelberg' }).waitFor();
      assert.equal(await tab.locator('h1').innerText(), 'Heidelberg');
      assert.equal(await tab.locator('#preview-banner').count(), 0);
    } finally {
      await tab.close();
    }
  } finally {
    await strapi.documents(CITY).discardDraft({ documentId, locale: 'de' });
  }
}

/**
 * The pages an editor of the Redaktion role uses, in the German interface: no English words.
 * The users-permissions User type is only in a super admin's menu: `superAdmin` checks it.
 */
async function germanPagesCheck(page: Page, heidelbergId: string): Promise<void> {
  const cm = `${base}/admin/content-manager`;
  const pages: Array<[string, string]> = [
    ['the home page', `${base}/admin`],
    ['the profile', `${base}/admin/me`],
    ['the settings', `${base}/admin/settings`],
    [
      'the city edit view',
      `${cm}/collection-types/${CITY}/${heidelbergId}?plugins[i18n][locale]=de`,
    ],
    [
      'the English city edit view with the translation panel',
      `${cm}/collection-types/${CITY}/${heidelbergId}?plugins[i18n][locale]=en`,
    ],
    ['the network page', `${cm}/single-types/api::network.network?plugins[i18n][locale]=de`],
    ['the releases page', `${base}/admin/plugins/releases`],
  ];
  for (const uid of [
    CITY,
    'api::country.country',
    'api::creative-field.creative-field',
    'api::glossary-term.glossary-term',
    'api::network-goal.network-goal',
  ]) {
    pages.push([`the list of ${uid}`, `${cm}/collection-types/${uid}?plugins[i18n][locale]=de`]);
    pages.push([`a new ${uid}`, `${cm}/collection-types/${uid}/create?plugins[i18n][locale]=de`]);
  }
  const found: string[] = [];
  for (const [name, url] of pages) {
    await page.goto(url);
    await adminPageLoaded(page);
    const english = await englishWordsOn(page);
    if (english.length) found.push(`${name}: ${english.join(', ')}`);
  }
  assert.deepEqual(found, []);
}

/** The value of an `<input type="datetime-local">` for `date` in the browser's zone (UTC here). */
async function localInputValue(page: Page, date: Date): Promise<string> {
  return page.evaluate((ms) => {
    const local = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 19);
  }, date.getTime());
}

/**
 * The releases plugin as an editor uses it: two new cities (drafts in de and en) selected in the
 * city list, "Zur Veröffentlichung hinzufügen" in both locales, scheduled 10 s ahead on the
 * release page, and then both cities on the demo site in both languages.
 */
async function releaseCheck(page: Page, strapi: Core.Strapi): Promise<void> {
  const cities = strapi.documents(CITY);
  const stamp = Date.now();
  const names = [`Releasestadt A ${stamp}`, `Releasestadt B ${stamp}`];
  const ids: string[] = [];
  for (const [index, name] of names.entries()) {
    // The Document Service does not fill uid fields (the admin's form does): slugs given here.
    const slug = `releasestadt-${index}-${stamp}`;
    const created = await cities.create({
      locale: 'de',
      data: { name, slug, key: `release-e2e-${stamp}-${index}` } as never,
    });
    await cities.update({
      documentId: created.documentId,
      locale: 'en',
      data: { name: `${name} (en)`, slug: `${slug}-en` } as never,
    });
    ids.push(created.documentId);
  }
  try {
    await page.goto(
      `${base}/admin/content-manager/collection-types/${CITY}?plugins[i18n][locale]=de&_q=${encodeURIComponent(`Releasestadt`)}`
    );
    for (const name of names) {
      await page
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('checkbox')
        .check();
    }
    await page.getByRole('button', { name: 'Zur Veröffentlichung hinzufügen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name der neuen Veröffentlichung').fill(`Neue Städte ${stamp}`);
    await dialog.getByRole('checkbox', { name: /\(en\)/ }).check();
    await dialog.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.getByText('4 Einträge zur Veröffentlichung').waitFor();

    await page.goto(`${base}/admin/plugins/releases`);
    await page.getByRole('link', { name: `Neue Städte ${stamp}` }).click();
    await page.getByRole('heading', { name: `Neue Städte ${stamp}` }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 4);
    const at = new Date(Date.now() + 10_000);
    await page.getByLabel('Veröffentlichen am').fill(await localInputValue(page, at));
    await page.getByRole('button', { name: 'Planen', exact: true }).click();
    await page.getByText('Veröffentlicht sich selbst am').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-release-de.png') });
    // The page looks again every 2 s while the release waits for its time.
    await page.getByText('Veröffentlicht', { exact: true }).first().waitFor({ timeout: 30_000 });

    for (const documentId of ids) {
      for (const [locale, prefix] of [
        ['de', 'staedte'],
        ['en', 'cities'],
      ]) {
        const version = await api<{ slug: string; name: string }>(
          `cities?locale=${locale}&filters[documentId][$eq]=${documentId}&fields[0]=slug&fields[1]=name`
        );
        assert.equal(version.data.length, 1, `${documentId} published in ${locale}`);
        await page.goto(`${base}/${locale}/${prefix}/${version.data[0].slug}`);
        const expected = version.data[0].name;
        await page.waitForFunction(
          (name) => document.querySelector('h1')?.textContent === name,
          expected,
          { timeout: 10_000 }
        );
      }
    }
  } finally {
    for (const documentId of ids) await cities.delete({ documentId, locale: '*' } as never);
  }
}

/** Logs in at the admin panel's login page. */
async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/admin\/?$/);
}

/** The relation input of a field in the edit view, by its label ("Land (1)"; a regex alternation). */
function relationInput(page: Page, label: string): Locator {
  return page.getByRole('combobox', { name: new RegExp(`^(${label})( \\(\\d+\\))?$`) });
}

// The editor's interface is English by now (the check before this one); the translator's German.
const SHARED_RELATION_LABELS = ['Land|Country', 'Kreativfeld|Creative field'];

/**
 * Shared relations (a city's country and creative field) in the English edit view: the Redaktion
 * editor (logged in) may change them; a translator of the `Übersetzung (en)` role sees them
 * read-only beside the translated name, which stays editable. Logs the editor out.
 */
async function sharedRelationsReadOnlyCheck(
  page: Page,
  strapi: Core.Strapi,
  documentId: string
): Promise<void> {
  const editView = `${base}/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=en`;
  await page.goto(editView);
  for (const label of SHARED_RELATION_LABELS) {
    const input = relationInput(page, label);
    await input.waitFor();
    assert.ok(await input.isEnabled(), `the editor may change ${label}`);
  }

  const role = await strapi.service('admin::role').findOne({ code: translatorRoleCode('en') });
  const email = 'e2e-translator-en@ccn.test';
  const user = await strapi.service('admin::user').create({
    email,
    password: ADMIN.password,
    firstname: 'Tara',
    lastname: 'Translator',
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'de',
    roles: [role.id],
  });
  try {
    await page.context().clearCookies();
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await logIn(page, email, ADMIN.password);
    await dismissBanners(page);
    await page.goto(editView);
    const name = page.getByRole('textbox', { name: /^Name/ }).first();
    await name.waitFor();
    assert.notEqual(await loadedValue(name), '', 'the English name is loaded');
    assert.ok(await name.isEditable(), 'the translator may change the name');
    for (const label of SHARED_RELATION_LABELS) {
      const input = relationInput(page, label);
      await input.waitFor();
      assert.ok(await input.isDisabled(), `${label} is read-only for the translator`);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-city-edit-translator-en.png') });
  } finally {
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await strapi.service('admin::user').deleteById(user.id);
  }
}

/**
 * The users-permissions User type (website accounts) as a German-speaking super admin sees it:
 * "Benutzer" in the menu, German list and create views. Logs the editor out first.
 */
async function superAdminUserPagesCheck(page: Page, strapi: Core.Strapi): Promise<void> {
  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  const email = 'e2e-super-admin@ccn.test';
  const user = await strapi.service('admin::user').create({
    email,
    password: ADMIN.password,
    firstname: 'Sabine',
    lastname: 'Super',
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'de',
    roles: [superAdminRole.id],
  });
  try {
    await page.context().clearCookies();
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await logIn(page, email, ADMIN.password);
    const userType = 'plugin::users-permissions.user';
    await page.goto(`${base}/admin/content-manager/collection-types/${userType}`);
    const menu = page.getByRole('navigation').filter({ hasText: 'Sammlungen' }).first();
    await menu.getByText('Benutzer', { exact: true }).waitFor();
    assert.equal(await menu.getByText('User', { exact: true }).count(), 0, 'no menu entry User');
    await page.getByRole('heading', { name: 'Benutzer', level: 1 }).waitFor();
    await assertGerman(page, 'the list of website users');
    await page.goto(`${base}/admin/content-manager/collection-types/${userType}/create`);
    // Required fields add a marker to the label: "Benutzername*".
    await page
      .locator('label', { hasText: /^Benutzername/ })
      .first()
      .waitFor();
    await assertGerman(page, 'a new website user');
  } finally {
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    // Strapi's user service refuses to delete the last super admin; this database has no other.
    await strapi.db.query('admin::user').delete({ where: { id: user.id } });
  }
}

async function adminChecks(context: BrowserContext): Promise<void> {
  const strapi = testGlobals.__CCN_TEST__?.strapi;
  assert.ok(strapi, 'Strapi is booted');
  // What PUBLIC_SITE_URL would say: the test server's port is only known after the boot.
  strapi.config.set('site.publicUrl', base);
  // An editor of the Redaktion role, as the editorial team would log in (and, unlike the last
  // super admin, deletable afterwards).
  const editorRole = await strapi.service('admin::role').findOne({ code: EDITOR_ROLE_CODE });
  const user = await strapi.service('admin::user').create({
    ...ADMIN,
    lastname: 'Mustermann',
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'de',
    roles: [editorRole.id],
  });

  const page = await context.newPage();
  await page.setViewportSize(DESKTOP);
  try {
    await check('admin panel: log in and see the German UI', async () => {
      await page.goto(`${base}/admin/auth/login`);
      await page.locator('input[name="email"]').fill(ADMIN.email);
      await page.locator('input[name="password"]').fill(ADMIN.password);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(/\/admin\/?$/);
      await page.getByText('Willkommen in deinem Administrationsbereich').waitFor();
      await page.getByText(`Hallo ${ADMIN.firstname}`).waitFor();
      await dismissBanners(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-home-de.png') });
    });
    await check('admin panel: the home page shows the translation status widget', async () => {
      await page.goto(`${base}/admin`);
      // German admin UI: the title comes from the plugin's de.json.
      const title = page.getByText('Übersetzungsstand', { exact: true });
      await title.scrollIntoViewIfNeeded();
      await title.waitFor();
      // One row per localized type and target locale, linking to that locale's list.
      const cityLink = page.locator(
        'a[href*="/content-manager/collection-types/api::city.city?plugins[i18n][locale]=en"]'
      );
      await cityLink.first().waitFor();
      assert.ok((await cityLink.count()) >= 1, 'a link to the English city list');
      await page.getByText('de → en').first().waitFor();
      // The widget card: the nearest ancestor of its title that holds its table.
      const widget = title.locator('xpath=ancestor::*[.//table][1]');
      await widget.scrollIntoViewIfNeeded();
      await widget.screenshot({ path: path.join(SCREENSHOTS, 'admin-translation-widget-de.png') });
    });
    await check('admin panel: the content types have German names in the menu', async () => {
      await page.goto(`${base}/admin/content-manager`);
      const menu = page.getByRole('navigation').filter({ hasText: 'Sammlungen' }).first();
      await menu.getByText('Städte', { exact: true }).waitFor();
      for (const name of Object.values(GERMAN_TYPE_NAMES)) {
        assert.equal(await menu.getByText(name, { exact: true }).count(), 1, `menu entry ${name}`);
      }
      for (const name of ['City', 'Country', 'Creative field', 'Network goal', 'Network page']) {
        assert.equal(await menu.getByText(name, { exact: true }).count(), 0, `no ${name}`);
      }
    });
    await check('admin panel: city list with the configured columns, sorted by name', async () => {
      await page.goto(`${base}/admin/content-manager/collection-types/api::city.city`);
      const headers = page.locator('thead th');
      await page.locator('tbody tr').first().waitFor();
      const columns = (await headers.allTextContents()).map((text) => text.trim());
      for (const column of ['Name', 'Land', 'Kreativfeld', 'Mitglied seit']) {
        assert.ok(columns.includes(column), `column ${column} in ${columns.join(' | ')}`);
      }
      await page.getByRole('heading', { name: 'Städte', level: 1 }).waitFor();
      assert.match(await page.title(), /^Städte/);
      await assertYearColumn(page);
      const names = await page.locator('tbody tr td:nth-child(2)').allTextContents();
      assert.deepEqual(
        names,
        [...names].sort((a, b) => a.localeCompare(b, 'de'))
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-cities-de.png') });
    });
    await check('admin panel: field descriptions of a city', async () => {
      const heidelberg = await api<{ documentId: string }>(
        'cities?locale=de&filters[key][$eq]=heidelberg&fields[0]=name'
      );
      const documentId = heidelberg.data[0].documentId;
      await page.goto(
        `${base}/admin/content-manager/collection-types/api::city.city/${documentId}?plugins[i18n][locale]=de`
      );
      // Stored in both languages, shown in the interface language only.
      await page.getByText(descriptionInLanguage(DESCRIPTIONS.translated, 'de')).first().waitFor();
      await page.getByText(descriptionInLanguage(DESCRIPTIONS.shared, 'de')).first().waitFor();
      assert.equal(await page.getByText(DESCRIPTIONS.translated).count(), 0);
      assert.equal(await loadedValue(page.getByLabel('Mitglied seit')), '2014');
      for (const label of ['Schlüssel', 'Breitengrad', 'UNESCO-Seite', /^Land \(1\)$/]) {
        await page.getByText(label, { exact: true }).first().waitFor();
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-city-edit-de.png') });
    });
    await check(
      'admin panel: Preview shows the draft, the public page and an expired link the published city',
      async () => {
        const heidelberg = await api<{ documentId: string }>(
          'cities?locale=de&filters[key][$eq]=heidelberg&fields[0]=name'
        );
        await draftPreviewCheck(page, strapi, heidelberg.data[0].documentId);
      }
    );
    await check(
      'admin panel: the translation side panel shows what changed in the German source',
      async () => {
        await translationPanelCheck(page, strapi);
      }
    );
    await check(
      'admin panel: version history: edit twice, see the diff, restore, publish',
      async () => {
        await historyPanelCheck(page, strapi);
      }
    );
    await check(
      'releases: two cities added from the list in de and en, scheduled 10 s ahead, published on the site',
      async () => {
        await releaseCheck(page, strapi);
      }
    );
    await check('admin panel in German: no English words on the pages editors use', async () => {
      const heidelberg = await api<{ documentId: string }>(
        'cities?locale=de&filters[key][$eq]=heidelberg&fields[0]=name'
      );
      await germanPagesCheck(page, heidelberg.data[0].documentId);
    });
    await check(
      'admin panel in English: English names, and years without a separator',
      async () => {
        // The admin panel takes the language from the profile whenever it loads the user.
        await strapi.service('admin::user').updateById(user.id, { preferedLanguage: 'en' });
        await page.goto(`${base}/admin/content-manager/collection-types/api::city.city`);
        await page.locator('tbody tr').first().waitFor();
        await page.getByRole('heading', { name: 'City', level: 1 }).waitFor();
        const columns = (await page.locator('thead th').allTextContents()).map((text) =>
          text.trim()
        );
        for (const column of ['Name', 'Country', 'Creative field', 'Member since']) {
          assert.ok(columns.includes(column), `column ${column} in ${columns.join(' | ')}`);
        }
        await assertYearColumn(page);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-cities-en.png') });
        await page.locator('tbody tr').first().click();
        const year = page.getByLabel('Member since');
        await year.waitFor();
        // The input is rendered before the document's values arrive: wait for a value, then judge
        // its format (an empty string here is loading, not a wrong format).
        assert.match(await loadedValue(year), /^\d{4}$/);
      }
    );
    // Last two: they log the editor out.
    await check(
      'admin panel: a translator (Übersetzung (en)) sees the shared relations read-only',
      async () => {
        const heidelberg = await api<{ documentId: string }>(
          'cities?locale=de&filters[key][$eq]=heidelberg&fields[0]=name'
        );
        await sharedRelationsReadOnlyCheck(page, strapi, heidelberg.data[0].documentId);
      }
    );
    await check(
      'admin panel in German: the users-permissions User type in German, for a super admin',
      async () => {
        await superAdminUserPagesCheck(page, strapi);
      }
    );
  } finally {
    await page.close();
    await strapi.service('admin::user').deleteById(user.id);
  }
}

async function main(): Promise<number> {
  if (!existsSync(path.join(APP_DIR, 'dist', 'build', 'index.html'))) {
    console.error('The admin panel is not built: run `npx strapi build` (npm run test:e2e does).');
    return 1;
  }
  await globalSetup();
  base = process.env.TEST_BASE_URL ?? '';
  const origin = new URL(base).origin;
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'ccn-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'de-DE',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const foreign: string[] = [];
  let phase = 'site';
  context.on('request', (request) => {
    const target = request.url();
    if (/^(data|blob|about):/.test(target)) return;
    if (new URL(target).origin !== origin) foreign.push(`${phase}: ${target}`);
  });

  try {
    console.log('Demo website');
    await siteChecks(context);
    await screenshots(context);
    await check('no request of the website left the server origin', async () => {
      assert.deepEqual(foreign, []);
    });
    console.log('Admin panel');
    phase = 'admin';
    await adminChecks(context);
    await check('no request of the admin panel left the server origin', async () => {
      assert.deepEqual(foreign, []);
    });
    // Last: it adds, launches and removes a third locale.
    console.log('A third language');
    const strapi = testGlobals.__CCN_TEST__?.strapi;
    assert.ok(strapi, 'Strapi is booted');
    await localeLifecycleChecks(context, { base, strapi, check, screenshots: SCREENSHOTS });
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    await globalTeardown();
  }
  const failed = results.filter((result) => !result.ok);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
