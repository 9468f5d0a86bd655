export const PLUGIN_ID = 'releases';

/** A message id of this plugin (`releases.<id>`), as registerTrads prefixes them. */
export const getTranslation = (id: string): string => `${PLUGIN_ID}.${id}`;
