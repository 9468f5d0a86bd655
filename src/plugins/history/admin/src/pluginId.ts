export const PLUGIN_ID = 'history';

/** A message id of this plugin (`history.<id>`), as registerTrads prefixes them. */
export const getTranslation = (id: string): string => `${PLUGIN_ID}.${id}`;
