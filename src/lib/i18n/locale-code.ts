/**
 * Locale codes as the lifecycle command accepts them: a BCP 47 language tag of the shapes Strapi's
 * locales use (`fr`, `fr-CA`, `zh-Hans`, `sr-Latn-RS`, `es-419`). Pure.
 */

const TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/;

/** Whether `code` is a well-formed language tag in Strapi's spelling (`fr-CA`, not `fr_ca`). */
export function isLocaleCode(code: string): boolean {
  return TAG.test(code);
}

/**
 * A comma-separated list of locale codes (`en,de`), trimmed, empty entries dropped.
 *
 * @throws Error naming the first malformed code
 */
export function parseLocaleList(list: string): string[] {
  const codes = list
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  const bad = codes.find((code) => !isLocaleCode(code));
  if (bad !== undefined)
    throw new Error(`Malformed locale code "${bad}" (BCP 47, e.g. fr or fr-CA).`);
  return codes;
}
