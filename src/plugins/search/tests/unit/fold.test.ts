import { fold, joinNames, words } from '../../server/src/lib/fold';

describe('fold', () => {
  it.each([
    ['Kraków', 'krakow'],
    ['Höhr-Grenzhausen', 'hohr grenzhausen'],
    ['São Paulo', 'sao paulo'],
    ['Bistrița', 'bistrita'],
    ['Bistriţa', 'bistrita'],
    ['Iași', 'iasi'],
    ['Łódź', 'lodz'],
    ['Kırşehir', 'kirsehir'],
    ['Şanlıurfa', 'sanliurfa'],
    ['Saint-Étienne', 'saint etienne'],
    ['Østersund', 'ostersund'],
    ['Straße', 'strasse'],
    ['  Québec   City! ', 'quebec city'],
    ['İzmir', 'izmir'],
    ['서울', '서울'],
    ['--', ''],
  ])('%s → "%s"', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });
});

describe('words', () => {
  it('splits a folded text, and nothing into nothing', () => {
    expect(words('sao paulo')).toEqual(['sao', 'paulo']);
    expect(words('')).toEqual([]);
  });
});

describe('joinNames', () => {
  it('folds, dedupes and sorts the names between bars', () => {
    expect(joinNames(['Krakau', 'Kraków', 'Krakow', ''])).toBe('|krakau|krakow|');
  });
});
