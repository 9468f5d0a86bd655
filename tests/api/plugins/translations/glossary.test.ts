/**
 * The term base over HTTP on the seeded app: TBX and CSV exports (API token or admin session
 * only), the terms of each unit in the XLIFF export, and the import's glossary warnings.
 * Expectations come from database/seed/glossary-terms.json.
 */
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { anonymous, baseUrl, tokenHeader } from '../../../helpers/api';
import { seedData } from '../../../helpers/seed-data';
import { getStrapi } from '../../../helpers/strapi';

const FIELD = 'api::creative-field.creative-field' satisfies UID.ContentType;
const NETWORK = 'api::network.network' satisfies UID.ContentType;
const GLOSSARY = 'api::glossary-term.glossary-term' satisfies UID.ContentType;
const api = () => request(baseUrl());

function textOf(test: request.Test): request.Test {
  return test.buffer(true).parse((res, done) => {
    let body = '';
    res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    res.on('end', () => done(null, body));
  });
}

const terms = () => seedData().glossaryTerms;
const musicField = () => seedData().creativeFields.find((field) => field.key === 'music');
const musicTerm = () => terms().find((entry) => entry.term.de === musicField()?.cityTitle.de);

describe('term base export', () => {
  it('is TBX-Basic with one termEntry per published concept', async () => {
    const response = await textOf(api().get('/api/translations/tbx').set(tokenHeader()));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-tbx+xml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="term-base.tbx"');
    expect(response.headers['x-term-entries']).toBe(String(terms().length));
    const body = response.body as string;
    expect(body).toContain('<martif type="TBX-Basic" xml:lang="de">');
    expect(body.match(/<termEntry /g)).toHaveLength(terms().length);
    const network = terms().find((entry) => entry.key === 'network');
    expect(body).toMatch(
      new RegExp(
        `<langSet xml:lang="de">.*<term>${network?.term.de}</term>.*</langSet><langSet xml:lang="en">.*<term>${network?.term.en}</term>`
      )
    );
    for (const entry of terms().filter((e) => e.status === 'forbidden'))
      expect(body).toMatch(new RegExp(`<term>${entry.term.de}</term>.*?deprecatedTerm-admn-sts`));
  });

  it('is CSV with a header row and one row per concept', async () => {
    const response = await textOf(api().get('/api/translations/tbx?format=csv').set(tokenHeader()));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe('attachment; filename="term-base.csv"');
    const lines = (response.body as string).split('\r\n');
    expect(lines[0]).toBe(
      'id,de,en,definition_de,definition_en,partOfSpeech,status,doNotTranslate'
    );
    // Header, one row per concept (no definition of the seed has a line break), final CRLF.
    expect(lines).toHaveLength(terms().length + 2);
    const music = musicTerm();
    // RFC 4180: a field with a quote is quoted, its quotes doubled.
    const field = (value = '') => (/[",]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const row = [music?.term.de, music?.term.en, music?.definition?.de, music?.definition?.en]
      .map(field)
      .join(',');
    expect(lines).toContainEqual(expect.stringContaining(`,${row},noun,approved,no`));
  });

  it('names an unknown format with a 400', async () => {
    const response = await api().get('/api/translations/tbx?format=xlsx').set(tokenHeader());
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      status: 400,
      name: 'ValidationError',
      message: 'unknown format "xlsx" (use tbx or csv)',
    });
  });

  it('is closed to the Public role, wrong tokens and read-only tokens', async () => {
    expect((await anonymous().get('/api/translations/tbx')).status).toBe(403);
    expect(
      (await api().get('/api/translations/tbx').set('Authorization', 'Bearer nope')).status
    ).toBe(401);
    const reader = (await getStrapi()
      .service('admin::api-token')
      .create({ name: `tbx reader ${Date.now()}`, type: 'read-only', lifespan: null })) as {
      id: number;
      accessKey: string;
    };
    try {
      const response = await api()
        .get('/api/translations/tbx')
        .set('Authorization', `Bearer ${reader.accessKey}`);
      expect(response.status).toBe(403);
    } finally {
      await getStrapi().service('admin::api-token').revoke(reader.id);
    }
    expect((await anonymous().get('/translations/tbx')).status).toBe(401);
  });

  it('leaves out a term that is only a draft', async () => {
    const draft = await getStrapi()
      .documents(GLOSSARY)
      .create({ locale: 'de', data: { term: 'Entwurfsbegriff' } as never });
    try {
      const response = await textOf(api().get('/api/translations/tbx').set(tokenHeader()));
      expect(response.body).not.toContain('Entwurfsbegriff');
      expect(response.headers['x-term-entries']).toBe(String(terms().length));
    } finally {
      await getStrapi().documents(GLOSSARY).delete({ documentId: draft.documentId, locale: '*' });
    }
  });
});

describe('terms in the XLIFF export', () => {
  let music = '';
  beforeAll(async () => {
    const field = await getStrapi()
      .documents(FIELD)
      .findFirst({ locale: 'de', filters: { key: 'music' } });
    music = field?.documentId ?? '';
  });

  const exportOf = async (format: string): Promise<string> => {
    const response = await textOf(
      api()
        .get(`/api/translations/export?target=en&type=${FIELD}&format=${format}`)
        .set(tokenHeader())
    );
    expect(response.status).toBe(200);
    return response.body as string;
  };

  it('2.0: the Glossary module in each unit that contains a term', async () => {
    const xml = await exportOf('xliff2');
    expect(xml).toContain('xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"');
    const unit = new RegExp(`<unit id="${FIELD}:${music}:cityTitle".*?</unit>`).exec(xml)?.[0];
    const term = musicTerm();
    expect(unit).toContain(
      `<gls:glossEntry><gls:term source="term base">${term?.term.de}</gls:term>` +
        `<gls:translation source="term base">${term?.term.en}</gls:translation>` +
        `<gls:definition source="term base">${term?.definition?.de}</gls:definition></gls:glossEntry>`
    );
    // "Stadt der Musik" holds the field's name too: both terms, each once.
    expect(unit?.match(/<gls:term source="term base">[^<]*</g)).toEqual([
      `<gls:term source="term base">${musicField()?.name.de}<`,
      `<gls:term source="term base">${term?.term.de}<`,
    ]);
    const nameUnit = new RegExp(`<unit id="${FIELD}:${music}:name".*?</unit>`).exec(xml)?.[0];
    expect(nameUnit).toContain(`<gls:term source="term base">${musicField()?.name.de}</gls:term>`);
  });

  it('1.2: a note from="glossary" per term', async () => {
    const xml = await exportOf('xliff12');
    const unit = new RegExp(`<trans-unit id="${FIELD}:${music}:cityTitle".*?</trans-unit>`).exec(
      xml
    )?.[0];
    const term = musicTerm();
    expect(unit).toContain(
      `<note from="glossary">${term?.term.de} → ${term?.term.en} (${term?.definition?.de})</note>`
    );
  });

  it("does not annotate the term base's own entries", async () => {
    const response = await textOf(
      api().get(`/api/translations/export?target=en&type=${GLOSSARY}`).set(tokenHeader())
    );
    expect(response.status).toBe(200);
    expect(response.body).toContain(`<unit id="${GLOSSARY}:`);
    expect(response.body).not.toContain('<gls:glossEntry>');
  });
});

describe('glossary warnings on import', () => {
  it('names unit, term and problem, and still imports (dry run here)', async () => {
    const field = await getStrapi()
      .documents(FIELD)
      .findFirst({ locale: 'de', filters: { key: 'music' } });
    const network = await getStrapi().documents(NETWORK).findFirst({ locale: 'de' });
    const seed = seedData();
    const exported = await textOf(
      api().get(`/api/translations/export?target=en&type=${FIELD},${NETWORK}`).set(tokenHeader())
    );
    expect(exported.status).toBe(200);
    const cityTitle = musicField()?.cityTitle;
    const xml = (exported.body as string)
      .replace(`<target>${cityTitle?.en}</target>`, '<target>Music city</target>')
      .replace(
        `<target>${seed.network.fundingNote.en}</target>`,
        `<target>${seed.network.fundingNote.en.replace('UNESCO', 'Unesco')}</target>`
      )
      .replace(
        `<target>${seed.network.title.en}</target>`,
        '<target>Strengthening the Creative City Network</target>'
      );
    const response = await api()
      .post('/api/translations/import?dryRun=true')
      .set(tokenHeader())
      .set('Content-Type', 'application/xliff+xml')
      .send(xml);
    expect(response.status).toBe(200);
    expect(response.body.dryRun).toBe(true);
    const glossary = (response.body.warnings as Array<{ message: string }>).filter((w) =>
      w.message.startsWith('glossary:')
    );
    const sector = terms().find((e) => e.key === 'cultural-and-creative-sector');
    const forbidden = terms().find((e) => e.key === 'network-forbidden');
    expect(glossary).toEqual(
      expect.arrayContaining([
        {
          unit: `${FIELD}:${field?.documentId}:cityTitle`,
          term: cityTitle?.de,
          message: `glossary: approved term "${cityTitle?.de}": the translation does not use "${cityTitle?.en}"`,
        },
        {
          unit: `${NETWORK}:${network?.documentId}:fundingNote`,
          term: 'UNESCO',
          message:
            'glossary: term "UNESCO" is marked do-not-translate but is not in the translation as written',
        },
        {
          unit: `${NETWORK}:${network?.documentId}:title`,
          term: sector?.term.de,
          message: `glossary: approved term "${sector?.term.de}": the translation does not use "${sector?.term.en}"`,
        },
        {
          unit: `${NETWORK}:${network?.documentId}:title`,
          term: forbidden?.term.en,
          message: `glossary: the translation uses the forbidden term "${forbidden?.term.en}" (${forbidden?.definition?.en})`,
        },
      ])
    );
    expect(glossary).toHaveLength(4);
  });
});
