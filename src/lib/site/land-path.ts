/**
 * Turns land polygons (GeoJSON, longitude/latitude) into one SVG path in the demo site's map
 * projection: equirectangular, x = longitude + 180, y = north - latitude. Used by
 * scripts/generate-world-map.ts to write public/site/land.js once, so the browser loads no
 * geodata and the site needs no build step.
 */

export type Position = number[];
export type Ring = Position[];

/** Polygons of a GeoJSON Polygon or MultiPolygon geometry, as lists of rings. */
export function polygonsOf(geometry: { type: string; coordinates?: unknown }): Ring[][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Ring[][];
  return [];
}

/**
 * SVG path data of the rings, rounded to `precision` decimals, dropping points that fall on the
 * previous one after rounding and rings that shrink to fewer than three points.
 */
export function landPath(polygons: Ring[][], north: number, precision = 1): string {
  const factor = 10 ** precision;
  const round = (value: number) => Math.round(value * factor) / factor;
  const parts: string[] = [];
  for (const ring of polygons.flat()) {
    const points: string[] = [];
    let previous = '';
    for (const [longitude, latitude] of ring) {
      const point = `${round(longitude + 180)},${round(north - latitude)}`;
      if (point !== previous) points.push(point);
      previous = point;
    }
    if (points.length >= 3) parts.push(`M${points.join('L')}Z`);
  }
  return parts.join('');
}
