/**
 * Other names of member cities and countries that people search for: exonyms of other
 * languages, historical names and local spellings (the German and English names are the `name`
 * field already). Shared by every locale; editors extend the list in the admin panel's field
 * "Andere Namen · Other names".
 */

/** City key → other names. */
export const CITY_ALTERNATIVE_NAMES: Record<string, string[]> = {
  bangkok: ['Krung Thep'],
  'cluj-napoca': ['Klausenburg', 'Kolozsvár'],
  chennai: ['Madras'],
  gdansk: ['Gedanum'],
  'ho-chi-minh-city': ['Saigon'],
  kosice: ['Kaschau', 'Kassa'],
  krakow: ['Cracow', 'Cracovia', 'Kraka'],
  kyiv: ['Kiev', 'Kyjiw', 'Kijiw', 'Kyiw', 'Kijów'],
  liege: ['Luik'],
  lviv: ['Lemberg', 'Lwów', 'Lvov', 'Lwow'],
  milan: ['Milano'],
  mumbai: ['Bombay'],
  prague: ['Praha'],
  rome: ['Roma'],
  'saint-petersburg': ['Leningrad', 'Petrograd', 'Sankt-Peterburg'],
  seville: ['Sevilla'],
  tbilisi: ['Tbilissi'],
  turin: ['Torino'],
  wroclaw: ['Vratislavia'],
};

/** Country ISO code → other names. */
export const COUNTRY_ALTERNATIVE_NAMES: Record<string, string[]> = {
  CZ: ['Czech Republic', 'Tschechische Republik'],
  KR: ['Korea', 'Republik Korea', 'Republic of Korea'],
  NL: ['Holland'],
  TR: ['Turkey'],
  GB: ['Great Britain', 'Großbritannien', 'England'],
  US: ['USA', 'United States of America', 'Vereinigte Staaten von Amerika'],
};
