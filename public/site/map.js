/**
 * Map of the member cities as inline SVG: an equirectangular projection of latitude/longitude
 * over the land outline (public/site/land.js, generated once from Natural Earth) and a
 * graticule. No tiles, no external data.
 */
import { LAND_PATH } from './land.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Must match NORTH in scripts/generate-world-map.ts. */
const NORTH = 75;
const SOUTH = -58;
const WIDTH = 360;
const HEIGHT = NORTH - SOUTH;

const svg = (tag, attributes = {}) => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
};

/** Projects a coordinate pair into the map's viewBox. */
export const project = (latitude, longitude) => ({
  x: Number(longitude) + 180,
  y: NORTH - Number(latitude),
});

/**
 * Draws the map. `cities` carry latitude/longitude; `isHighlighted(city)` marks the cities the
 * current filter selects. The SVG is one image for assistive technology (the list next to it
 * holds the same cities as links), so the dots are not focusable.
 */
export function cityMap(cities, { label, isHighlighted = () => true }) {
  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': label,
    class: 'city-map',
    preserveAspectRatio: 'xMidYMid meet',
  });
  const title = svg('title');
  title.textContent = label;
  root.append(
    title,
    svg('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: 'sea' }),
    svg('path', { d: LAND_PATH, class: 'land', 'aria-hidden': 'true' })
  );

  const grid = svg('g', { class: 'graticule', 'aria-hidden': 'true' });
  for (let longitude = -150; longitude <= 150; longitude += 30) {
    const { x } = project(0, longitude);
    grid.append(svg('line', { x1: x, y1: 0, x2: x, y2: HEIGHT }));
  }
  for (let latitude = -45; latitude <= 60; latitude += 15) {
    const { y } = project(latitude, 0);
    grid.append(
      svg('line', { x1: 0, y1: y, x2: WIDTH, y2: y, class: latitude === 0 ? 'equator' : '' })
    );
  }
  root.append(grid);

  const dim = svg('g', { class: 'dots dim', 'aria-hidden': 'true' });
  const lit = svg('g', { class: 'dots lit', 'aria-hidden': 'true' });
  for (const city of cities) {
    if (city.latitude == null || city.longitude == null) continue;
    const { x, y } = project(city.latitude, city.longitude);
    const dot = svg('circle', { cx: x.toFixed(2), cy: y.toFixed(2), r: 1.3 });
    const name = svg('title');
    name.textContent = city.name;
    dot.append(name);
    (isHighlighted(city) ? lit : dim).append(dot);
  }
  root.append(dim, lit);
  return root;
}
