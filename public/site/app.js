/**
 * Demo website of the Creative Cities CMS: a small client-side router over the public REST API.
 * URL patterns come from config/site.ts (injected by the server into index.html), so the site,
 * the sitemap and the admin preview agree on every URL.
 */
import * as api from './api.js';
import { cityMap } from './map.js';
import { textsFor } from './i18n.js';

const CITY = 'api::city.city';
const FIELD = 'api::creative-field.creative-field';
const GOAL = 'api::network-goal.network-goal';
const SITE_NAME = 'UNESCO Creative Cities';

const configNode = document.getElementById('site-config');
const config = configNode ? JSON.parse(configNode.textContent) : null;
const main = document.getElementById('main');

/* ---------- DOM helpers ---------- */

/** Creates an element: `h('a', { href }, 'text', child)`. Text is never parsed as HTML. */
function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Renders Strapi "blocks" rich text (paragraphs, headings, lists, links, bold/italic). */
function blocks(nodes = []) {
  const inline = (children = []) =>
    children.map((child) => {
      if (child.type === 'link') return h('a', { href: child.url }, inline(child.children));
      let node = document.createTextNode(child.text ?? '');
      if (child.bold) node = h('strong', {}, node);
      if (child.italic) node = h('em', {}, node);
      return node;
    });
  return (nodes ?? []).map((block) => {
    switch (block.type) {
      case 'heading':
        return h(
          `h${Math.min(6, Math.max(2, (block.level ?? 2) + 1))}`,
          {},
          inline(block.children)
        );
      case 'list':
        return h(
          block.format === 'ordered' ? 'ol' : 'ul',
          {},
          block.children.map((item) => h('li', {}, inline(item.children)))
        );
      case 'quote':
        return h('blockquote', {}, inline(block.children));
      default:
        return h('p', {}, inline(block.children));
    }
  });
}

/* ---------- URLs (patterns from config/site.ts) ---------- */

const fill = (pattern, values) =>
  pattern.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(values[name] ?? ''));
const url = {
  home: (locale) => config.home[locale],
  list: (locale, query = '') => `${config.cityList[locale]}${query}`,
  city: (locale, slug) => fill(config.paths[CITY][locale], { slug }),
  field: (locale, slug) => fill(config.paths[FIELD][locale], { slug }),
  goal: (locale, position) => fill(config.paths[GOAL][locale], { position }),
};

const patternRegExp = (pattern) =>
  new RegExp(
    `^${pattern
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{slug\}/g, '([^/]+)')
      .replace(/\{position\}/g, '(\\d+)')
      .replace(/\/$/, '')}/?$`
  );

/** Which page a path is: `{ page, locale, param }` or null. */
function route(path) {
  for (const locale of config.locales) {
    const candidates = [
      ['home', config.home[locale]],
      ['list', config.cityList[locale]],
      ['city', config.paths[CITY][locale]],
      ['field', config.paths[FIELD][locale]],
      ['goal', config.paths[GOAL][locale]],
    ];
    for (const [page, pattern] of candidates) {
      const match = patternRegExp(pattern).exec(path);
      if (match) return { page, locale, param: match[1] && decodeURIComponent(match[1]) };
    }
  }
  return null;
}

/* ---------- Page chrome: language, alternates, switch ---------- */

function setChrome(locale, title, alternates) {
  const t = textsFor(locale);
  document.documentElement.lang = locale;
  document.title = title ? `${title} – ${SITE_NAME}` : SITE_NAME;
  for (const node of document.querySelectorAll('[data-i18n]'))
    node.textContent = t[node.dataset.i18n];
  for (const node of document.querySelectorAll('[data-i18n-label]'))
    node.setAttribute('aria-label', t[node.dataset.i18nLabel]);
  for (const node of document.querySelectorAll('[data-home-link]')) node.href = url.home(locale);
  for (const node of document.querySelectorAll('[data-list-link]')) node.href = url.list(locale);

  // hreflang alternates: one per locale version of the document, plus x-default.
  for (const link of document.head.querySelectorAll('link[rel="alternate"]')) link.remove();
  for (const [code, href] of Object.entries(alternates)) {
    document.head.append(
      h('link', { rel: 'alternate', hreflang: code, href: new URL(href, location.origin).href })
    );
  }
  if (alternates[config.defaultLocale]) {
    document.head.append(
      h('link', {
        rel: 'alternate',
        hreflang: 'x-default',
        href: new URL(alternates[config.defaultLocale], location.origin).href,
      })
    );
  }

  const list = document.getElementById('lang-switch');
  list.replaceChildren(
    ...config.locales.map((code) => {
      const name = textsFor(code).langName;
      if (code === locale) {
        return h(
          'li',
          {},
          h(
            'a',
            {
              href: location.pathname + location.search,
              'aria-current': 'true',
              lang: code,
              hreflang: code,
            },
            name
          )
        );
      }
      const href = alternates[code];
      return h(
        'li',
        {},
        href
          ? h('a', { href, lang: code, hreflang: code, 'data-lang-switch': code }, name)
          : h('span', { lang: code, class: 'unavailable' }, name)
      );
    })
  );
}

const allLocales = (build) =>
  Object.fromEntries(config.locales.map((locale) => [locale, build(locale)]));

/** Alternates from a document's `localizations` (only locales that have a version). */
function alternatesFrom(locale, document, build) {
  const result = { [locale]: build(locale, document.slug) };
  for (const version of document.localizations ?? []) {
    if (version.slug && config.locales.includes(version.locale)) {
      result[version.locale] = build(version.locale, version.slug);
    }
  }
  return result;
}

/* ---------- Pages ---------- */

async function homePage(locale, _param, draft) {
  const t = textsFor(locale);
  const [network, goals, fields] = await Promise.all([
    draft ? null : api.network(locale),
    api.goals(locale),
    api.creativeFields(locale),
  ]);
  const page = draft ?? network.data;
  setChrome(locale, page.title, allLocales(url.home));
  return [
    h('h1', {}, page.title),
    h('div', { class: 'intro' }, blocks(page.intro)),
    h(
      'section',
      { 'aria-labelledby': 'goals-title' },
      h('h2', { id: 'goals-title' }, t.goals),
      h(
        'ol',
        { class: 'goals' },
        goals.data.map((goal) =>
          h('li', {}, h('a', { href: url.goal(locale, goal.position) }, goal.title))
        )
      )
    ),
    h(
      'section',
      { 'aria-labelledby': 'fields-title' },
      h('h2', { id: 'fields-title' }, t.fields),
      h(
        'ul',
        { class: 'cards fields' },
        fields.data.map((field) =>
          h(
            'li',
            { class: 'card', 'data-field': field.key },
            h(
              'a',
              { href: url.field(locale, field.slug) },
              h('span', { class: 'card-title' }, field.name)
            ),
            h('span', { class: 'card-meta' }, field.cityTitle),
            h('span', { class: 'count' }, t.cityCount(field.cities?.length ?? 0))
          )
        )
      ),
      h('p', {}, h('a', { class: 'button', href: url.list(locale) }, t.allCities))
    ),
    page.fundingNote ? h('p', { class: 'note' }, page.fundingNote) : null,
    page.links?.length
      ? h(
          'ul',
          { class: 'links' },
          page.links.map((link) => h('li', {}, h('a', { href: link.url }, link.label)))
        )
      : null,
  ];
}

async function listPage(locale) {
  const t = textsFor(locale);
  const cities = await api.allCities(locale);
  const params = new URLSearchParams(location.search);
  setChrome(
    locale,
    t.citiesTitle,
    allLocales((code) => url.list(code, location.search))
  );

  const byName = (a, b) => a.name.localeCompare(b.name, locale);
  const unique = (items, key) =>
    [...new Map(items.filter(Boolean).map((item) => [item[key], item])).values()].sort(byName);
  const fields = unique(
    cities.map((city) => city.creativeField),
    'key'
  );
  const countries = unique(
    cities.map((city) => city.country),
    'isoCode'
  );

  const fieldSelect = h(
    'select',
    { id: 'filter-field', name: 'field' },
    h('option', { value: '' }, t.allFields),
    fields.map((field) => h('option', { value: field.key }, field.name))
  );
  const countrySelect = h(
    'select',
    { id: 'filter-country', name: 'country' },
    h('option', { value: '' }, t.allCountries),
    countries.map((country) => h('option', { value: country.isoCode }, country.name))
  );
  const search = h('input', { id: 'filter-q', name: 'q', type: 'search', autocomplete: 'off' });
  fieldSelect.value = params.get('field') ?? '';
  countrySelect.value = params.get('country') ?? '';
  search.value = params.get('q') ?? '';

  const count = h('p', { class: 'result-count', role: 'status', 'aria-live': 'polite' });
  const didYouMean = h('p', { class: 'did-you-mean', id: 'did-you-mean', hidden: true });
  const list = h('ul', { class: 'city-list', id: 'city-list' });
  const mapBox = h('div', { class: 'map-box' });

  // The name search runs on the server (GET /api/search): names of every locale and other
  // names, accents and case ignored, typos forgiven, best matches first. Field and country
  // filter the hits here. Hits found only with typos are offered as "did you mean".
  let latest = 0;
  async function update(pushState) {
    const field = fieldSelect.value;
    const country = countrySelect.value;
    const q = search.value.trim();
    const request = ++latest;
    let ranked = null;
    if (q) {
      try {
        ranked = new Map(
          (await api.searchCities(locale, q)).map((hit, rank) => [hit.documentId, { ...hit, rank }])
        );
      } catch {
        // A query the API refuses (only punctuation, too long) or a failed request: no hits.
        ranked = new Map();
      }
      // A newer keystroke has answered or will answer: drop this one.
      if (request !== latest) return;
    }
    const matches = (city) =>
      (!field || city.creativeField?.key === field) &&
      (!country || city.country?.isoCode === country) &&
      (!ranked || ranked.has(city.documentId));
    const shown = cities.filter(matches);
    if (ranked) shown.sort((a, b) => ranked.get(a.documentId).rank - ranked.get(b.documentId).rank);
    const hitOf = (city) => ranked?.get(city.documentId);
    // Only typo matches: none of them is what was typed, so they are suggestions.
    const suggestions = shown.length > 0 && shown.every((city) => hitOf(city)?.match === 'typo');
    count.textContent = shown.length ? t.results(shown.length) : t.noResults;
    didYouMean.replaceChildren(
      ...(suggestions
        ? [
            t.didYouMean,
            ' ',
            ...shown
              .slice(0, 3)
              .flatMap((city, index) => [
                index > 0 ? ', ' : '',
                h('a', { href: url.city(locale, city.slug) }, city.name),
              ]),
            '?',
          ]
        : [])
    );
    didYouMean.hidden = !suggestions;
    list.replaceChildren(
      ...shown.map((city) => {
        const hit = hitOf(city);
        // Found by another name (another locale's, an exonym): say which.
        const other =
          hit && hit.matchedName !== city.name && hit.match !== 'typo' ? hit.matchedName : null;
        return h(
          'li',
          hit?.match === 'typo' ? { class: 'typo' } : {},
          h('a', { href: url.city(locale, city.slug) }, city.name),
          other ? h('span', { class: 'also-known' }, ` (${other})`) : '',
          h(
            'span',
            { class: 'meta' },
            [city.country?.name, city.creativeField?.name].filter(Boolean).join(' · ')
          )
        );
      })
    );
    mapBox.replaceChildren(
      cityMap(cities, {
        label: `${t.map}: ${t.mapCaption(shown.length, cities.length)}`,
        isHighlighted: matches,
      })
    );
    if (pushState) {
      const next = new URLSearchParams();
      if (field) next.set('field', field);
      if (country) next.set('country', country);
      if (search.value.trim()) next.set('q', search.value.trim());
      const query = next.toString() ? `?${next}` : '';
      history.replaceState(null, '', `${location.pathname}${query}`);
      setChrome(
        locale,
        t.citiesTitle,
        allLocales((code) => url.list(code, query))
      );
    }
  }
  fieldSelect.addEventListener('change', () => update(true));
  countrySelect.addEventListener('change', () => update(true));
  search.addEventListener('input', () => update(true));
  update(false);

  return [
    h('h1', {}, t.citiesTitle),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': t.filters,
        onsubmit: (event) => event.preventDefault(),
      },
      h('div', { class: 'control' }, h('label', { for: 'filter-field' }, t.field), fieldSelect),
      h(
        'div',
        { class: 'control' },
        h('label', { for: 'filter-country' }, t.country),
        countrySelect
      ),
      h('div', { class: 'control' }, h('label', { for: 'filter-q' }, t.search), search)
    ),
    h('figure', { class: 'map' }, mapBox, h('figcaption', {}, t.map)),
    count,
    didYouMean,
    list,
  ];
}

async function cityPage(locale, slug, draft) {
  const t = textsFor(locale);
  const city = draft ?? (await api.cityBySlug(locale, slug)).data[0];
  if (!city) return notFound(locale);
  setChrome(locale, city.name, alternatesFrom(locale, city, url.city));
  const field = city.creativeField;
  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: url.list(locale) }, t.citiesTitle)),
    h('h1', {}, city.name),
    h(
      'dl',
      { class: 'facts' },
      field
        ? [
            h('dt', {}, t.field),
            h(
              'dd',
              {},
              h('a', { href: url.field(locale, field.slug) }, field.cityTitle || field.name)
            ),
          ]
        : null,
      city.country ? [h('dt', {}, t.country), h('dd', {}, city.country.name)] : null,
      city.memberSince ? [h('dt', {}, t.memberSince), h('dd', {}, city.memberSince)] : null
    ),
    h('div', { class: 'description' }, blocks(city.description)),
    h(
      'ul',
      { class: 'links' },
      city.website ? h('li', {}, h('a', { href: city.website, rel: 'noopener' }, t.website)) : null,
      city.unescoUrl
        ? h('li', {}, h('a', { href: city.unescoUrl, rel: 'noopener' }, t.unesco))
        : null
    ),
  ];
}

async function fieldPage(locale, slug, draft) {
  const t = textsFor(locale);
  const field = draft ?? (await api.creativeFieldBySlug(locale, slug)).data[0];
  if (!field) return notFound(locale);
  setChrome(locale, field.name, alternatesFrom(locale, field, url.field));
  const cities = field.cities ?? [];
  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: url.home(locale) }, t.fields)),
    h('h1', {}, field.name),
    field.cityTitle ? h('p', { class: 'lead' }, field.cityTitle) : null,
    h('div', { class: 'description' }, blocks(field.description)),
    h(
      'section',
      { 'aria-labelledby': 'field-cities' },
      h('h2', { id: 'field-cities' }, `${t.citiesOfField} (${cities.length})`),
      h(
        'ul',
        { class: 'city-list' },
        cities.map((city) =>
          h(
            'li',
            {},
            h('a', { href: url.city(locale, city.slug) }, city.name),
            h('span', { class: 'meta' }, city.country?.name ?? '')
          )
        )
      ),
      h(
        'p',
        {},
        h(
          'a',
          {
            class: 'button',
            href: url.list(locale, `?field=${encodeURIComponent(field.key ?? '')}`),
          },
          t.allCities
        )
      )
    ),
  ];
}

async function goalPage(locale, position, draft) {
  const t = textsFor(locale);
  const published = (await api.goals(locale)).data;
  // A previewed goal takes the place of its published version (or joins the list, if new).
  const goals = draft
    ? [...published.filter((item) => item.documentId !== draft.documentId), draft].sort(
        (a, b) => a.position - b.position
      )
    : published;
  const goal = draft ?? goals.find((item) => String(item.position) === String(position));
  if (!goal) return notFound(locale);
  setChrome(
    locale,
    goal.title,
    allLocales((code) => url.goal(code, goal.position))
  );
  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: url.home(locale) }, t.goals)),
    h('p', { class: 'eyebrow' }, t.goal(goal.position)),
    h('h1', {}, goal.title),
    h('p', { class: 'description' }, goal.description),
    h(
      'nav',
      { 'aria-label': t.otherGoals },
      h(
        'ol',
        { class: 'goals' },
        goals.map((item) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                href: url.goal(locale, item.position),
                'aria-current': item === goal ? 'page' : false,
              },
              item.title
            )
          )
        )
      )
    ),
  ];
}

function notFound(locale) {
  const t = textsFor(locale);
  setChrome(locale, t.notFound, allLocales(url.home));
  return [h('h1', {}, t.notFound), h('p', {}, h('a', { href: url.home(locale) }, t.backHome))];
}

function unreachable(locale) {
  const t = textsFor(locale);
  return [
    h('h1', {}, SITE_NAME),
    h('div', { class: 'error', role: 'alert' }, h('p', {}, t.apiDown)),
    h('button', { type: 'button', onclick: () => render() }, t.retry),
  ];
}

/* ---------- Preview of a draft ---------- */

/**
 * The preview token of this page, if the admin panel's Preview button opened it. The server
 * checks it (signature, expiry, document, page); the site only passes it on.
 */
const previewToken = () => new URLSearchParams(location.search).get('preview');

/** Marks the page as a preview of unpublished content (banner, noindex), or unmarks it. */
function markPreview(locale, isPreview) {
  document.getElementById('preview-banner')?.remove();
  document.head.querySelector('meta[name="robots"]')?.remove();
  if (!isPreview) return;
  document
    .querySelector('.skip-link')
    .after(
      h(
        'p',
        { id: 'preview-banner', class: 'preview-banner', role: 'status' },
        textsFor(locale).preview
      )
    );
  document.head.append(h('meta', { name: 'robots', content: 'noindex' }));
}

/* ---------- Router ---------- */

const PAGES = { home: homePage, list: listPage, city: cityPage, field: fieldPage, goal: goalPage };

async function render(focus = false) {
  const match = route(location.pathname);
  const locale = match?.locale ?? config.defaultLocale;
  main.setAttribute('aria-busy', 'true');
  let content;
  try {
    const token = match ? previewToken() : null;
    const draft = token ? await api.previewDraft(token, location.pathname) : null;
    markPreview(locale, draft !== null);
    content = match ? await PAGES[match.page](locale, match.param, draft) : notFound(locale);
  } catch (error) {
    if (!(error instanceof api.ApiUnreachableError)) throw error;
    setChrome(locale, null, allLocales(url.home));
    content = unreachable(locale);
  }
  main.replaceChildren(...content.flat().filter(Boolean));
  main.removeAttribute('aria-busy');
  if (focus) main.focus();
}

/** Follows same-site links without reloading the page. */
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target) return;
  const target = new URL(link.href, location.href);
  if (target.origin !== location.origin || !route(target.pathname)) return;
  // In-page links (the skip link) are the browser's job.
  const samePage = target.pathname + target.search === location.pathname + location.search;
  if (samePage && target.hash) return;
  event.preventDefault();
  if (!samePage) {
    history.pushState(null, '', target.pathname + target.search + target.hash);
  }
  window.scrollTo(0, 0);
  render(true);
});
window.addEventListener('popstate', () => render(true));
// The admin panel's side-by-side preview says so when the editor saved: show the new draft.
window.addEventListener('message', (event) => {
  if (event.origin === location.origin && event.data?.type === 'strapiUpdate' && previewToken()) {
    render();
  }
});

if (config) {
  render();
} else {
  main.replaceChildren(
    h('h1', {}, SITE_NAME),
    h('p', { role: 'alert' }, 'Site configuration missing: open / instead of /index.html.')
  );
}
