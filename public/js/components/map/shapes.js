// Marker shapes and colours by role, shared by the Map (SVG div icons) and Live (canvas) pages:
// repeater diamond, companion circle, room square, sensor triangle, observer star.
import { svg } from '../../lib/dom.js';

/** ROLES lists the node roles in display order; 'observer' is the extra marker class. */
export const ROLES = Object.freeze(['repeater', 'companion', 'room', 'sensor', 'observer']);

/** DEFAULT_COLORS are used when /api/config/theme has no nodeColors. */
export const DEFAULT_COLORS = Object.freeze({ repeater: '#dc2626', companion: '#2563eb', room: '#16a34a', sensor: '#d97706', observer: '#7c3aed' });

const SHAPES = { repeater: 'diamond', companion: 'circle', room: 'square', sensor: 'triangle', observer: 'star' };

/** roleKey normalises a role string to one of ROLES ('companion' for unknown roles). */
export function roleKey(role) {
  const r = String(role || '').toLowerCase();
  return SHAPES[r] ? r : 'companion';
}

/** roleColor picks a role's colour from config colours, else the default. */
export function roleColor(role, colors) {
  const k = roleKey(role);
  const c = colors && typeof colors[k] === 'string' && /^#[0-9a-f]{3,8}$|^(rgb|hsl)a?\(/i.test(colors[k]) ? colors[k] : null;
  return c || DEFAULT_COLORS[k];
}

function star() {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 ? 0.45 : 1;
    pts.push([Math.cos(a) * r, Math.sin(a) * r]);
  }
  return pts;
}

const POLYS = {
  diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]],
  square: [[-0.8, -0.8], [0.8, -0.8], [0.8, 0.8], [-0.8, 0.8]],
  triangle: [[0, -1], [0.95, 0.8], [-0.95, 0.8]],
  star: star(),
};

/** shapeOf returns the shape name for a role. */
export function shapeOf(role) {
  return SHAPES[roleKey(role)];
}

/** markerElement builds an SVG marker (size px) for a role; stale markers are faded. */
export function markerElement(role, color, { size = 16, stale = false } = {}) {
  const shape = shapeOf(role);
  const common = { fill: color, stroke: '#fff', 'stroke-width': 1.5, 'vector-effect': 'non-scaling-stroke' };
  const body = shape === 'circle' ? svg('circle', { cx: 0, cy: 0, r: 0.85, ...common })
    : svg('polygon', { points: POLYS[shape].map((p) => p.join(',')).join(' '), ...common });
  const el = svg('svg', { class: `map-marker${stale ? ' stale' : ''}`, width: size, height: size, viewBox: '-1.1 -1.1 2.2 2.2', 'data-role': roleKey(role), 'aria-hidden': 'true' }, body);
  return el;
}

/** drawShape paints a role shape centred at (x, y) with radius r on a 2D canvas context. */
export function drawShape(ctx, role, x, y, r) {
  const shape = shapeOf(role);
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(x, y, r * 0.85, 0, Math.PI * 2);
  else {
    const pts = POLYS[shape];
    ctx.moveTo(x + pts[0][0] * r, y + pts[0][1] * r);
    for (let i = 1; i < pts.length; i++) ctx.lineTo(x + pts[i][0] * r, y + pts[i][1] * r);
    ctx.closePath();
  }
}
