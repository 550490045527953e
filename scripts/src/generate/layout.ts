import { bilinear, type Cell, type LocalPoint } from './partition';
import type { Random } from './random';

/** A building's ground size in metres: `length` along the cell's west–east axis, `depth` across. */
export interface FootprintSize {
  length: number;
  depth: number;
}

/** Clearance kept between a footprint and its cell's boundary, and between footprints. */
const MARGIN_M = 3;

/**
 * Rectangles of the given sizes laid out in rows inside a cell, each turned by up to
 * ±2° from the cell's axis, none closer than {@link MARGIN_M} to the boundary or to each
 * other. A rectangle that does not fit is shrunk; one that still does not fit is
 * `null` (the caller drops that building). Corners are counter-clockwise.
 */
export function placeFootprints(rng: Random, cell: Cell, sizes: readonly FootprintSize[]): (LocalPoint[] | null)[] {
  const [p00, p10, p11, p01] = cell.corners;
  const ux = (p10.x - p00.x + p11.x - p01.x) / 2;
  const uy = (p10.y - p00.y + p11.y - p01.y) / 2;
  const lengthU = Math.hypot(ux, uy);
  const lengthV = (Math.hypot(p01.x - p00.x, p01.y - p00.y) + Math.hypot(p11.x - p10.x, p11.y - p10.y)) / 2;
  const axis = Math.atan2(uy, ux);
  const n = sizes.length;
  const meanLength = sizes.reduce((s, f) => s + f.length, 0) / n + 12;
  const meanDepth = sizes.reduce((s, f) => s + f.depth, 0) / n + 12;
  // Slots in nu columns × nv rows whose shape best matches the buildings (with spacing).
  let nu = 1;
  let best = Infinity;
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const score = Math.abs(Math.log(lengthU / cols / meanLength)) + Math.abs(Math.log(lengthV / rows / meanDepth));
    if (score < best) {
      best = score;
      nu = cols;
    }
  }
  const nv = Math.ceil(n / nu);
  const placed: LocalPoint[][] = [];
  return sizes.map((size, k) => {
    const center = bilinear(cell, ((k % nu) + 0.5) / nu, (Math.floor(k / nu) + 0.5) / nv);
    const angle = axis + rng.between(-0.035, 0.035);
    let length = Math.min(size.length, (lengthU / nu) * 0.8);
    let depth = Math.min(size.depth, (lengthV / nv) * 0.7);
    for (let attempt = 0; attempt < 12; attempt++) {
      const rect = rectangle(center, angle, length, depth);
      if (fits(rect, cell.corners) && placed.every((other) => apart(rect, other, MARGIN_M))) {
        placed.push(rect);
        return rect;
      }
      length *= 0.85;
      depth *= 0.85;
    }
    return null;
  });
}

function rectangle(c: LocalPoint, angle: number, length: number, depth: number): LocalPoint[] {
  const ax = Math.cos(angle);
  const ay = Math.sin(angle);
  const hl = length / 2;
  const hd = depth / 2;
  // v̂ = (-ay, ax) is û turned left, so this order is counter-clockwise.
  return [
    { x: c.x - hl * ax + hd * ay, y: c.y - hl * ay - hd * ax },
    { x: c.x + hl * ax + hd * ay, y: c.y + hl * ay - hd * ax },
    { x: c.x + hl * ax - hd * ay, y: c.y + hl * ay + hd * ax },
    { x: c.x - hl * ax - hd * ay, y: c.y - hl * ay + hd * ax },
  ];
}

/** Every corner of `rect` lies inside `quad` at least MARGIN_M from its sides, and no corner of `quad` pokes into `rect`. */
function fits(rect: readonly LocalPoint[], quad: readonly LocalPoint[]): boolean {
  for (const p of rect) {
    if (!insidePolygon(p, quad)) return false;
    for (let k = 0; k < quad.length; k++) if (distanceToSegment(p, quad[k], quad[(k + 1) % quad.length]) < MARGIN_M) return false;
  }
  return quad.every((q) => !insidePolygon(q, rect));
}

function insidePolygon(p: LocalPoint, polygon: readonly LocalPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i];
    const b = polygon[j];
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

function distanceToSegment(p: LocalPoint, a: LocalPoint, b: LocalPoint): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Two convex polygons are at least `gap` apart along some edge normal (separating axis test). */
function apart(p: readonly LocalPoint[], q: readonly LocalPoint[], gap: number): boolean {
  for (const poly of [p, q]) {
    for (let k = 0; k < poly.length; k++) {
      const a = poly[k];
      const b = poly[(k + 1) % poly.length];
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      const nx = (b.y - a.y) / len;
      const ny = -(b.x - a.x) / len;
      const project = (pts: readonly LocalPoint[]) => pts.map((r) => r.x * nx + r.y * ny);
      const pp = project(p);
      const qq = project(q);
      if (Math.min(...qq) - Math.max(...pp) >= gap || Math.min(...pp) - Math.max(...qq) >= gap) return true;
    }
  }
  return false;
}
