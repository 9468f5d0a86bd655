import type { Page } from 'playwright-core';

/** Closes announcement banners of the admin panel (they would hide the page in screenshots). */
export async function dismissBanners(page: Page): Promise<void> {
  // The admin shows the banner's intro in the admin's language (German on most pages here).
  const banner = page.getByText(/Introducing the new Media Library|Die neue Medienbibliothek/);
  if (await banner.isVisible().catch(() => false)) {
    const close = banner.locator('xpath=ancestor::*[.//button][1]').locator('button').last();
    await close.click({ timeout: 5000 }).catch(() => undefined);
  }
}
