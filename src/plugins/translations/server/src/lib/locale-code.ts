/**
 * Locale codes as the locale lifecycle accepts them: a BCP 47 language tag of the shapes Strapi's
 * locales use (`fr`, `fr-CA`, `zh-Hans`, `sr-Latn-RS`, `es-419`). Pure.
 */

const TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/;

/** Whether `code` is a well-formed language tag in Strapi's spelling (`fr-CA`, not `fr_ca`). */
export function isLocaleCode(code: string): boolean {
  return TAG.test(code);
}
