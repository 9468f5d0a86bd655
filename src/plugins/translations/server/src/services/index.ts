import content from './content';
import digests from './digests';
import glossary from './glossary';
import locales from './locales';
import memory from './memory';
import review from './review';
import sharedRelations from './shared-relations';
import sourceDiff from './source-diff';
import status from './status';
import xliffExport from './xliff-export';
import xliffImport from './xliff-import';

export interface Services {
  content: typeof content;
  digests: typeof digests;
  glossary: typeof glossary;
  locales: typeof locales;
  memory: typeof memory;
  review: typeof review;
  'shared-relations': typeof sharedRelations;
  'source-diff': typeof sourceDiff;
  status: typeof status;
  'xliff-export': typeof xliffExport;
  'xliff-import': typeof xliffImport;
}

/** `strapi.plugin('translations').service(name)`. */
const services: Services = {
  content,
  digests,
  glossary,
  locales,
  memory,
  review,
  'shared-relations': sharedRelations,
  'source-diff': sourceDiff,
  status,
  'xliff-export': xliffExport,
  'xliff-import': xliffImport,
};

export default services;
