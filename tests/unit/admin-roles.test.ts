import {
  CM_ACTIONS,
  buildEditorialRoles,
  type ManagedContentType,
} from '../../src/lib/admin/roles';

const CITY: ManagedContentType = {
  uid: 'api::city.city',
  fields: ['key', 'name', 'slug', 'creativeField', 'memberSince'],
  sharedFields: ['key', 'memberSince'],
};
const NETWORK: ManagedContentType = {
  uid: 'api::network.network',
  fields: ['title', 'links.label', 'links.url'],
  sharedFields: [],
};

describe('editorial roles', () => {
  const roles = buildEditorialRoles([CITY, NETWORK], ['de', 'en', 'fr'], 'de');
  const byName = Object.fromEntries(roles.map((role) => [role.name, role]));

  it('declares Redaktion and one translator role per non-default locale', () => {
    expect(roles.map((role) => role.name)).toEqual([
      'Redaktion',
      'Übersetzung (en)',
      'Übersetzung (fr)',
    ]);
  });

  it('lets Redaktion do everything in every locale, on every field', () => {
    const permissions = byName.Redaktion.permissions.filter((p) => p.subject === CITY.uid);
    expect(permissions.map((p) => p.action).sort()).toEqual(Object.values(CM_ACTIONS).sort());
    for (const permission of permissions)
      expect(permission.properties.locales).toEqual(['de', 'en', 'fr']);
    const update = permissions.find((p) => p.action === CM_ACTIONS.update);
    expect(update?.properties.fields).toEqual(CITY.fields);
  });

  it('lets a translator read every locale but write only its own, and no shared field', () => {
    const permissions = byName['Übersetzung (en)'].permissions.filter(
      (p) => p.subject === CITY.uid
    );
    const find = (action: string) => permissions.find((p) => p.action === action);
    expect(find(CM_ACTIONS.read)?.properties).toEqual({
      fields: CITY.fields,
      locales: ['de', 'en', 'fr'],
    });
    expect(find(CM_ACTIONS.update)?.properties).toEqual({
      fields: ['name', 'slug', 'creativeField'],
      locales: ['en'],
    });
    expect(find(CM_ACTIONS.create)?.properties.locales).toEqual(['en']);
    // Publishing is the Redaktion's, after review.
    expect(find(CM_ACTIONS.publish)).toBeUndefined();
    expect(find(CM_ACTIONS.delete)?.properties).toEqual({ locales: ['en'] });
  });

  it('gives translators the review action up to "translated", the Redaktion both and releases', () => {
    const plugin = (role: string) =>
      byName[role].permissions.filter((p) => p.subject === null).map((p) => p.action);
    expect(plugin('Übersetzung (en)')).toEqual(['plugin::translations.review.translate']);
    expect(plugin('Redaktion')).toEqual([
      'plugin::translations.review.translate',
      'plugin::translations.review.approve',
      'plugin::releases.read',
      'plugin::releases.manage',
    ]);
  });

  it('keeps component fields of a translated component', () => {
    const update = byName['Übersetzung (fr)'].permissions.find(
      (p) => p.subject === NETWORK.uid && p.action === CM_ACTIONS.update
    );
    expect(update?.properties).toEqual({
      fields: ['title', 'links.label', 'links.url'],
      locales: ['fr'],
    });
  });
});
