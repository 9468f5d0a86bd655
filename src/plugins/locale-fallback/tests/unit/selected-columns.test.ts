import {
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { selectedColumns } from '../../server/src/graphql/selected-columns';

/** A related type with a scalar of each kind and the attributes that are no column. */
const target = {
  attributes: {
    locale: { type: 'string' },
    name: { type: 'string' },
    slug: { type: 'uid' },
    memberSince: { type: 'integer' },
    description: { type: 'blocks' },
    createdAt: { type: 'datetime' },
    country: { type: 'relation' },
    logo: { type: 'media' },
    address: { type: 'component' },
    sections: { type: 'dynamiczone' },
    localizations: { type: 'relation' },
  },
} as never;

/** The field nodes of `relation` in the first root field's selection, and the fragments. */
function relationOf(document: string, relation: string) {
  const parsed = parse(document);
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === 'FragmentDefinition'
      )
      .map((fragment) => [fragment.name.value, fragment])
  );
  const operation = parsed.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition'
  );
  const root = operation?.selectionSet.selections[0] as FieldNode;
  const nodes = root.selectionSet?.selections.filter(
    (selection): selection is FieldNode =>
      selection.kind === 'Field' && selection.name.value === relation
  );
  return { nodes: nodes ?? [], info: { fragments } };
}

describe('selectedColumns', () => {
  it('reads the selected scalars and the identity, not relations, media or components', () => {
    const { nodes, info } = relationOf(
      '{ fields { cities { id documentId name memberSince country { name } logo { url } address { street } sections { __typename } localizations { name } } } }',
      'cities'
    );
    expect(selectedColumns(target, nodes, info, false)).toEqual([
      'id',
      'documentId',
      'locale',
      'name',
      'memberSince',
    ]);
  });

  it('follows fragment spreads and inline fragments, and merged nodes of the same field', () => {
    const { nodes, info } = relationOf(
      'fragment A on City { slug ...B } fragment B on City { description ...A } { fields { cities { ...A } cities { ... on City { createdAt __typename fallback fallbackLocale } } } }',
      'cities'
    );
    expect(selectedColumns(target, nodes, info, false)?.sort()).toEqual(
      ['createdAt', 'description', 'documentId', 'id', 'locale', 'slug'].sort()
    );
  });

  it('reads the entries under `nodes` of a connection, and only the identity for pageInfo alone', () => {
    const withNodes = relationOf(
      '{ fields { cities_connection { nodes { slug } pageInfo { total } } } }',
      'cities_connection'
    );
    expect(selectedColumns(target, withNodes.nodes, withNodes.info, true)).toEqual([
      'id',
      'documentId',
      'locale',
      'slug',
    ]);
    const pageOnly = relationOf(
      '{ fields { cities_connection { pageInfo { total } } } }',
      'cities_connection'
    );
    expect(selectedColumns(target, pageOnly.nodes, pageOnly.info, true)).toEqual([
      'id',
      'documentId',
      'locale',
    ]);
  });

  it('reads whole rows for a field it cannot vouch for (one an app added with its own resolver)', () => {
    const { nodes, info } = relationOf('{ fields { cities { name distanceToBerlin } } }', 'cities');
    expect(selectedColumns(target, nodes, info, false)).toBeNull();
  });

  it('leaves out identity columns the type does not have', () => {
    const { nodes, info } = relationOf('{ fields { tags { label } } }', 'tags');
    const unlocalized = { attributes: { label: { type: 'string' } } } as never;
    expect(selectedColumns(unlocalized, nodes, info, false)).toEqual(['id', 'documentId', 'label']);
  });
});
