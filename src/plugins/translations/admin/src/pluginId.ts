export const PLUGIN_ID = 'translations';

/** A message id of this plugin (`translations.<id>`), as registerTrads prefixes them. */
export const getTranslation = (id: string): string => `${PLUGIN_ID}.${id}`;
