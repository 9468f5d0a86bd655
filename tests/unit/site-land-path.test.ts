import { landPath, polygonsOf } from '../../src/lib/site/land-path';

describe('land outline of the site map', () => {
  it('projects longitude/latitude: x = longitude + 180, y = north - latitude', () => {
    const square = [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
    ];
    expect(landPath([square], 75)).toBe('M180,75L190,75L190,65L180,65L180,75Z');
  });

  it('rounds, drops repeated points and rings that collapse', () => {
    const ring = [
      [0.01, 0.01],
      [0.02, 0.02],
      [1, 0],
      [1, 1],
    ];
    const tiny = [
      [5.001, 5],
      [5.002, 5],
      [5.003, 5],
    ];
    expect(landPath([[ring], [tiny]], 0)).toBe('M180,0L181,0L181,-1Z');
  });

  it('reads Polygon and MultiPolygon geometries and ignores the rest', () => {
    const rings = [[[0, 0]]];
    expect(polygonsOf({ type: 'Polygon', coordinates: rings })).toEqual([rings]);
    expect(polygonsOf({ type: 'MultiPolygon', coordinates: [rings, rings] })).toHaveLength(2);
    expect(polygonsOf({ type: 'Point', coordinates: [0, 0] })).toEqual([]);
  });
});
