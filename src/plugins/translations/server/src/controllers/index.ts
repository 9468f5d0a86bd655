import sourceDiff from './source-diff';
import translations from './translations';

const controllers: { translations: typeof translations; 'source-diff': typeof sourceDiff } = {
  translations,
  'source-diff': sourceDiff,
};

export default controllers;
