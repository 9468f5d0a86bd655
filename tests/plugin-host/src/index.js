/**
 * Locales fr (default), it and es (with the fallback chain es → it → fr, stored through the
 * locale-fallback plugin's public service), read access for the public, and a small fixture: an
 * article and an author in fr and it (the author in es too), and one of each only in fr (what
 * fallback is for).
 */
const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const PUBLIC_ACTIONS = [
  `${ARTICLE}.find`,
  `${ARTICLE}.findOne`,
  `${AUTHOR}.find`,
  `${AUTHOR}.findOne`,
  'plugin::i18n.locales.listLocales',
  'plugin::search.search.find',
];

async function ensureLocales(strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  for (const { code, name } of [
    { code: 'fr', name: 'Français (fr)' },
    { code: 'it', name: 'Italiano (it)' },
    { code: 'es', name: 'Español (es)' },
  ]) {
    if (!(await locales.findByCode(code))) await locales.create({ code, name });
  }
  await strapi.plugin('locale-fallback').service('locales').setFallback('es', ['it', 'fr']);
  await locales.setDefaultLocale({ code: 'fr' });
  const english = await locales.findByCode('en');
  if (english) await locales.delete({ id: english.id });
}

async function grantPublicReads(strapi) {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' }, populate: ['permissions'] });
  const granted = new Set(role.permissions.map((permission) => permission.action));
  for (const action of PUBLIC_ACTIONS) {
    if (granted.has(action)) continue;
    await strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action, role: role.id } });
  }
}

async function seed(strapi) {
  if ((await strapi.documents(AUTHOR).count({})) > 0) return;
  const published = { status: 'published' };
  const ada = await strapi
    .documents(AUTHOR)
    .create({ locale: 'fr', data: { name: 'Ada', bio: 'Autrice' }, ...published });
  await strapi.documents(AUTHOR).update({
    documentId: ada.documentId,
    locale: 'it',
    data: { name: 'Ada', bio: 'Autrice (it)' },
    ...published,
  });
  await strapi.documents(AUTHOR).update({
    documentId: ada.documentId,
    locale: 'es',
    data: { name: 'Ada', bio: 'Autora (es)' },
    ...published,
  });
  const bruno = await strapi
    .documents(AUTHOR)
    .create({ locale: 'fr', data: { name: 'Bruno', bio: 'Seulement en français' }, ...published });
  const translated = await strapi.documents(ARTICLE).create({
    locale: 'fr',
    data: {
      title: 'Bonjour',
      summary: 'Un article traduit',
      editorNote: 'secret',
      author: { connect: [{ documentId: ada.documentId, locale: 'fr' }] },
    },
    ...published,
  });
  await strapi.documents(ARTICLE).update({
    documentId: translated.documentId,
    locale: 'it',
    data: {
      title: 'Buongiorno',
      summary: 'Un articolo tradotto',
      author: { connect: [{ documentId: ada.documentId, locale: 'it' }] },
    },
    ...published,
  });
  await strapi.documents(ARTICLE).create({
    locale: 'fr',
    data: {
      title: 'Seulement en français',
      summary: 'Pas encore traduit',
      editorNote: 'secret',
      author: { connect: [{ documentId: bruno.documentId, locale: 'fr' }] },
    },
    ...published,
  });
}

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    await ensureLocales(strapi);
    await grantPublicReads(strapi);
    await seed(strapi);
  },
};
