/**
 * Unit ids: `<type uid>:<documentId>:<field path>`, e.g. `api::article.article:k3l…:body.2`.
 * Valid XML NMTOKENs (as XLIFF 2.0 requires) and stable across exports of the same document.
 */
export interface UnitRef {
  uid: string;
  documentId: string;
  path: string;
}

const UNIT_ID = /^([a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+):([A-Za-z0-9]+):([A-Za-z0-9_.-]+)$/;

/** Builds the id of a unit. */
export function unitId(uid: string, documentId: string, path: string): string {
  return `${uid}:${documentId}:${path}`;
}

/** Splits a unit id, or returns null when it does not have the form. */
export function parseUnitId(id: string): UnitRef | null {
  const match = UNIT_ID.exec(id);
  return match ? { uid: match[1], documentId: match[2], path: match[3] } : null;
}
