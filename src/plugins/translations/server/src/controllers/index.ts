import locales from './locales';
import sourceDiff from './source-diff';
import translations from './translations';

const controllers: {
  translations: typeof translations;
  'source-diff': typeof sourceDiff;
  locales: typeof locales;
} = {
  translations,
  'source-diff': sourceDiff,
  locales,
};

export default controllers;
