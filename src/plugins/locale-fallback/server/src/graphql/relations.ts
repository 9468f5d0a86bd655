import type { UID } from '@strapi/strapi';

/** The attribute fields looked at; morph relations have no `target` and are skipped. */
interface RelationLike {
  type: string;
  relation?: string;
  target?: UID.ContentType;
}

/** One relation attribute whose target is among the content types given. */
export interface RelationAmong<T> {
  contentType: T;
  attributeName: string;
  /** `oneToOne`, `manyToOne`, `oneToMany`, `manyToMany`, … */
  kind: string | undefined;
  target: UID.ContentType;
}

/**
 * The relations between `contentTypes` (from each to another or itself): what the batched and
 * fallback resolvers replace. Relations to other types (admin users: createdBy) are left out.
 */
export function relationsAmong<T extends { uid: string; attributes: object }>(
  contentTypes: readonly T[]
): RelationAmong<T>[] {
  const uids = new Set<string>(contentTypes.map((contentType) => contentType.uid));
  return contentTypes.flatMap((contentType) =>
    Object.entries(contentType.attributes as Record<string, RelationLike>).flatMap(
      ([attributeName, { type, relation, target }]) =>
        type === 'relation' && target && uids.has(target)
          ? [{ contentType, attributeName, kind: relation, target }]
          : []
    )
  );
}
