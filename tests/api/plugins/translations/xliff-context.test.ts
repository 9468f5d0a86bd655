/**
 * XLIFF for a CAT tool, over HTTP on the seeded app: context notes, resource names, length limits,
 * protected URLs, states, import of chosen states only, and files a tool has added to.
 */
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { baseUrl, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import { exportXliff } from '../../../helpers/xliff-export';

const CITY = 'api::city.city' satisfies UID.ContentType;
const XLIFF = 'application/xliff+xml';
/** `maxLength` of the city's name in src/api/city/content-types/city/schema.json. */
const NAME_MAX = 120;

const api = () => request(baseUrl());

function importFile(xml: string, query = ''): request.Test {
  return api()
    .post(`/api/translations/import${query}`)
    .set(tokenHeader())
    .set('Content-Type', XLIFF)
    .send(xml);
}

/** The XML of one unit (2.0) or trans-unit (1.2) of a file. */
function unitXml(xml: string, id: string): string {
  const match = new RegExp(`<(unit|trans-unit) id="${id}"[^>]*>.*?</\\1>`).exec(xml);
  if (!match) throw new Error(`unit ${id} not in the file`);
  return match[0];
}

describe('XLIFF for a CAT tool', () => {
  let documentId = '';
  const slug = 'kontextstadt';

  beforeAll(async () => {
    const created = await getStrapi()
      .documents(CITY)
      .create({
        locale: 'de',
        data: {
          key: 'xliff-context-city',
          name: 'Kontextstadt',
          slug,
          description: [
            {
              type: 'paragraph',
              children: [{ type: 'text', text: 'Mehr unter https://www.unesco.org/de.' }],
            },
            { type: 'paragraph', children: [{ type: 'text', text: 'Zweiter Absatz' }] },
          ],
        } as never,
      });
    documentId = created.documentId;
  });

  afterAll(async () => {
    await getStrapi().documents(CITY).delete({ documentId, locale: '*' });
  });

  const unit = (path: string): string => `${CITY}:${documentId}:${path}`;

  it('gives every unit a resource name and a context note; limits and URLs are marked (2.0)', async () => {
    const xml = await exportXliff(`target=en&type=${CITY}&only=missing`);
    const name = unitXml(xml, unit('name'));
    expect(name).toContain(`name="${unit('name')}"`);
    expect(name).toContain(`slr:sizeRestriction="${NAME_MAX}"`);
    expect(name).toContain('<note category="context">Content type: City (api::city.city)</note>');
    // The edit-view label stored by the app (src/lib/admin/content-manager-views.ts).
    expect(name).toContain('<note category="context">Field: Name (name)</note>');
    expect(name).toContain('<note category="context">Document: Kontextstadt (de)</note>');
    const { publicUrl } = getStrapi().config.get<{ publicUrl: string }>('site');
    expect(name).toContain(
      `<note category="context">Preview: ${publicUrl}/de/staedte/${slug}</note>`
    );
    const paragraph = unitXml(xml, unit('description.0'));
    expect(paragraph).toContain(
      '<note category="context">Field: Beschreibung · Description (description), block 0</note>'
    );
    expect(paragraph).toContain(
      '<source>Mehr unter <mrk id="p1" translate="no">https://www.unesco.org/de</mrk>.</source>'
    );
    expect(paragraph).not.toContain('sizeRestriction');
  });

  it('writes the same in XLIFF 1.2: resname, maxwidth in characters, mrk protected', async () => {
    const xml = await exportXliff(`target=en&type=${CITY}&only=missing&format=xliff12`);
    const name = unitXml(xml, unit('name'));
    expect(name).toContain(`resname="${unit('name')}"`);
    expect(name).toContain(`maxwidth="${NAME_MAX}" size-unit="char"`);
    expect(unitXml(xml, unit('description.0'))).toContain(
      '<mrk mtype="protected">https://www.unesco.org/de</mrk>'
    );
  });

  /** A file with all three units translated, each in the given state, as a CAT tool saves it. */
  async function translated(states: { name: string; p0: string; p1: string }, nameText?: string) {
    const xml = await exportXliff(`target=en&type=${CITY}&only=missing`);
    return xml
      .replace(
        '<xliff ',
        '<xliff xmlns:okp="okapi-framework:xliff-extensions" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" okp:tool="test" '
      )
      .replace(
        /(<unit id="[^"]+:name"[^>]*)>(.*?)<segment state="initial"><source>Kontextstadt<\/source>/,
        `$1 okp:locked="no"><mda:metadata><mda:metaGroup><mda:meta type="tool">x</mda:meta></mda:metaGroup></mda:metadata>$2<segment state="${states.name}" subState="okp:x"><source>Kontextstadt</source><target xml:lang="en">${nameText ?? 'Context City'}</target>`
      )
      .replace(
        /(<mrk id="p1" translate="no">https:\/\/www.unesco.org\/de<\/mrk>\.<\/source>)/,
        '$1<target>More at <mrk id="p1" translate="no">https://www.unesco.org/de</mrk>.</target>'
      )
      .replace(
        '<segment state="initial"><source>Mehr',
        `<segment state="${states.p0}"><source>Mehr`
      )
      .replace(
        '<segment state="initial"><source>Zweiter Absatz</source>',
        `<segment state="${states.p1}"><source>Zweiter Absatz</source><target>Second paragraph</target>`
      );
  }

  it('refuses a translation longer than the field allows, naming the unit', async () => {
    const long = 'x'.repeat(NAME_MAX + 1);
    const xml = await translated({ name: 'final', p0: 'final', p1: 'final' }, long);
    const response = await importFile(xml);
    expect(response.status).toBe(400);
    expect(response.body.error.details.problems).toEqual([
      {
        unit: unit('name'),
        message: `the translation has ${NAME_MAX + 1} characters, more than the field's limit of ${NAME_MAX}`,
      },
    ]);
    const en = await getStrapi()
      .db.query(CITY)
      .findOne({ where: { documentId, locale: 'en' } });
    expect(en).toBeNull();
  });

  it('warns, without failing, when a translation drops a protected URL', async () => {
    const xml = (await translated({ name: 'final', p0: 'final', p1: 'final' })).replace(
      '<target>More at <mrk id="p1" translate="no">https://www.unesco.org/de</mrk>.</target>',
      '<target>More at unesco.org.</target>'
    );
    const response = await importFile(xml, '?dryRun=true');
    expect(response.status).toBe(200);
    expect(response.body.warnings).toEqual([
      {
        unit: unit('description.0'),
        message: 'protected text "https://www.unesco.org/de" is not in the translation',
      },
    ]);
  });

  it('imports only the units in the chosen states and reports the others; tool additions pass', async () => {
    const xml = await translated({ name: 'reviewed', p0: 'translated', p1: 'initial' });
    expect(xml).toContain('okp:locked="no"');
    const response = await importFile(xml, '?states=reviewed,final');
    expect(response.status).toBe(200);
    expect(response.body.leftOut).toEqual([
      { unit: unit('description.0'), message: 'state translated, not one of reviewed, final' },
      { unit: unit('description.1'), message: 'state initial, not one of reviewed, final' },
    ]);
    expect(response.body.warnings).toEqual([]);
    const en = await api()
      .get(`/api/cities/${documentId}?locale=en&status=draft`)
      .set(tokenHeader());
    expect(en.status).toBe(200);
    expect(en.body.data.name).toBe('Context City');
    // The description was left out: the new English version has none yet.
    expect(en.body.data.description).toBeNull();
  });

  it('answers an unknown state with 400', async () => {
    const response = await importFile('<xliff/>', '?states=done');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/unknown state "done"/);
  });
});
