import type { Random } from './random';

/** A position in metres east (`x`) and north (`y`) of a street's south-west origin. */
export interface LocalPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * A straight boundary line shared by the cells on either side of it. Points that finer
 * levels place on it are recorded here (`marks`, by parameter `t` from `a` to `b`), so
 * every ring that runs along the line — on either side, at any level — passes through
 * the same vertices: the partition is exact, with no slivers between neighbours or
 * between a child and its parent.
 */
export interface Edge {
  readonly a: LocalPoint;
  readonly b: LocalPoint;
  readonly marks: { t: number; p: LocalPoint }[];
}

/** The stretch of an edge from parameter `t0` to `t1` (either direction). */
export interface Side {
  readonly edge: Edge;
  readonly t0: number;
  readonly t1: number;
}

/**
 * A quadrilateral cell of the partition: corners south-west, south-east, north-east,
 * north-west (counter-clockwise), and its four sides in that ring order.
 */
export interface Cell {
  readonly corners: readonly [LocalPoint, LocalPoint, LocalPoint, LocalPoint];
  readonly sides: readonly [Side, Side, Side, Side];
}

function newEdge(a: LocalPoint, b: LocalPoint): Side {
  return { edge: { a, b, marks: [] }, t0: 0, t1: 1 };
}

function reversed(side: Side): Side {
  return { edge: side.edge, t0: side.t1, t1: side.t0 };
}

function pointOn(edge: Edge, t: number): LocalPoint {
  return { x: edge.a.x + t * (edge.b.x - edge.a.x), y: edge.a.y + t * (edge.b.y - edge.a.y) };
}

/** The point at `(u, v)` of the unit square mapped bilinearly onto the cell. */
export function bilinear(cell: Cell, u: number, v: number): LocalPoint {
  const [p00, p10, p11, p01] = cell.corners;
  const w00 = (1 - u) * (1 - v);
  const w10 = u * (1 - v);
  const w11 = u * v;
  const w01 = (1 - u) * v;
  return { x: w00 * p00.x + w10 * p10.x + w11 * p11.x + w01 * p01.x, y: w00 * p00.y + w10 * p10.y + w11 * p11.y + w01 * p01.y };
}

/**
 * Cells of a lattice of points `points[i][j]` (`i` west→east, `j` south→north), given the
 * side of each lattice segment: `horizontal(i, j)` runs from `[i][j]` to `[i+1][j]`,
 * `vertical(i, j)` from `[i][j]` to `[i][j+1]`. Cells come row by row from the south-west.
 */
function latticeCells(
  points: readonly (readonly LocalPoint[])[],
  horizontal: (i: number, j: number) => Side,
  vertical: (i: number, j: number) => Side,
): Cell[] {
  const cols = points.length - 1;
  const rows = points[0].length - 1;
  const cells: Cell[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      cells.push({
        corners: [points[i][j], points[i + 1][j], points[i + 1][j + 1], points[i][j + 1]],
        sides: [horizontal(i, j), vertical(i + 1, j), reversed(horizontal(i, j + 1)), reversed(vertical(i, j))],
      });
    }
  }
  return cells;
}

/** Memoised side per lattice segment, so the two cells along a segment share one edge. */
function segmentSides(points: readonly (readonly LocalPoint[])[], onBoundary: (i: number, j: number, horizontal: boolean) => Side | null) {
  const cache = new Map<string, Side>();
  const side = (i: number, j: number, horizontal: boolean): Side => {
    const key = `${horizontal ? 'h' : 'v'}${i},${j}`;
    let found = cache.get(key);
    if (!found) {
      found = onBoundary(i, j, horizontal) ?? newEdge(points[i][j], horizontal ? points[i + 1][j] : points[i][j + 1]);
      cache.set(key, found);
    }
    return found;
  };
  return { horizontal: (i: number, j: number) => side(i, j, true), vertical: (i: number, j: number) => side(i, j, false) };
}

/** The partition of a street: its cells (communities) and its boundary ring. */
export interface StreetLattice {
  cells: Cell[];
  /** The street's outline as sides in counter-clockwise order. */
  boundary: Side[];
}

/**
 * A `width` × `height` m area cut into `cols` × `rows` quadrilaterals. Every lattice point
 * moves by up to `jitter` of a cell in each direction, boundary points included, so the
 * street's outline and its community borders look drawn rather than ruled.
 */
export function streetLattice(rng: Random, cols: number, rows: number, width: number, height: number, jitter: number): StreetLattice {
  const dx = width / cols;
  const dy = height / rows;
  const points: LocalPoint[][] = [];
  for (let i = 0; i <= cols; i++) {
    points.push([]);
    for (let j = 0; j <= rows; j++) {
      points[i].push({ x: i * dx + rng.between(-jitter, jitter) * dx, y: j * dy + rng.between(-jitter, jitter) * dy });
    }
  }
  const { horizontal, vertical } = segmentSides(points, () => null);
  const boundary: Side[] = [];
  for (let i = 0; i < cols; i++) boundary.push(horizontal(i, 0));
  for (let j = 0; j < rows; j++) boundary.push(vertical(cols, j));
  for (let i = cols - 1; i >= 0; i--) boundary.push(reversed(horizontal(i, rows)));
  for (let j = rows - 1; j >= 0; j--) boundary.push(reversed(vertical(0, j)));
  return { cells: latticeCells(points, horizontal, vertical), boundary };
}

/** Sorted parameters in (0, 1) for `n` pieces of a side, each moved by up to `jitter` of a piece. */
function cuts(rng: Random, n: number, jitter: number): number[] {
  const out = [0];
  for (let k = 1; k < n; k++) out.push((k + rng.between(-jitter, jitter)) / n);
  out.push(1);
  return out;
}

/**
 * Cuts a cell into `cols` × `rows` children that tile it exactly. Points on the cell's
 * sides slide along the side (and are marked on its edge); interior points move by up
 * to `jitter` of a child in each direction, shared by the four children around them.
 */
export function subdivide(rng: Random, cell: Cell, cols: number, rows: number, jitter: number): Cell[] {
  const [bottom, right, top, left] = cell.sides;
  // Parameters along each side in its own ring direction; top and left run backwards in u and v.
  const along = {
    bottom: cuts(rng, cols, jitter),
    right: cuts(rng, rows, jitter),
    top: cuts(rng, cols, jitter),
    left: cuts(rng, rows, jitter),
  };
  const tOn = (side: Side, s: number, k: number, n: number) => (k === 0 ? side.t0 : k === n ? side.t1 : side.t0 + s * (side.t1 - side.t0));
  const mark = (side: Side, t: number): LocalPoint => {
    const p = pointOn(side.edge, t);
    side.edge.marks.push({ t, p });
    return p;
  };
  const bottomT = along.bottom.map((s, k) => tOn(bottom, s, k, cols));
  const topT = along.top.map((s, k) => tOn(top, 1 - s, cols - k, cols));
  const rightT = along.right.map((s, k) => tOn(right, s, k, rows));
  const leftT = along.left.map((s, k) => tOn(left, 1 - s, rows - k, rows));

  const points: LocalPoint[][] = [];
  for (let i = 0; i <= cols; i++) {
    points.push([]);
    for (let j = 0; j <= rows; j++) {
      let p: LocalPoint;
      if (i === 0 && j === 0) p = cell.corners[0];
      else if (i === cols && j === 0) p = cell.corners[1];
      else if (i === cols && j === rows) p = cell.corners[2];
      else if (i === 0 && j === rows) p = cell.corners[3];
      else if (j === 0) p = mark(bottom, bottomT[i]);
      else if (j === rows) p = mark(top, topT[i]);
      else if (i === 0) p = mark(left, leftT[j]);
      else if (i === cols) p = mark(right, rightT[j]);
      else p = bilinear(cell, (i + rng.between(-jitter, jitter)) / cols, (j + rng.between(-jitter, jitter)) / rows);
      points[i].push(p);
    }
  }
  const { horizontal, vertical } = segmentSides(points, (i, j, isHorizontal) => {
    if (isHorizontal && j === 0) return { edge: bottom.edge, t0: bottomT[i], t1: bottomT[i + 1] };
    if (isHorizontal && j === rows) return { edge: top.edge, t0: topT[i], t1: topT[i + 1] };
    if (!isHorizontal && i === 0) return { edge: left.edge, t0: leftT[j], t1: leftT[j + 1] };
    if (!isHorizontal && i === cols) return { edge: right.edge, t0: rightT[j], t1: rightT[j + 1] };
    return null;
  });
  return latticeCells(points, horizontal, vertical);
}

/**
 * The closed ring along `sides`: each side's start, then every point marked on its edge
 * strictly between its ends, in travel order. Call after all levels are cut, so the marks
 * of the finest level are there.
 */
export function ringOf(sides: readonly Side[], starts: readonly LocalPoint[] = sides.map(startOf)): LocalPoint[] {
  const ring: LocalPoint[] = [];
  sides.forEach((side, k) => {
    ring.push(starts[k]);
    const lo = Math.min(side.t0, side.t1);
    const hi = Math.max(side.t0, side.t1);
    const inside = side.edge.marks.filter((m) => m.t > lo && m.t < hi).sort((m, n) => (side.t1 > side.t0 ? m.t - n.t : n.t - m.t));
    let last = Number.NaN;
    for (const m of inside) {
      if (m.t === last) continue;
      ring.push(m.p);
      last = m.t;
    }
  });
  ring.push(ring[0]);
  return ring;
}

/** Where a side starts: an end of its edge, or the point marked there. */
function startOf(side: Side): LocalPoint {
  if (side.t0 === 0) return side.edge.a;
  if (side.t0 === 1) return side.edge.b;
  return side.edge.marks.find((m) => m.t === side.t0)?.p ?? pointOn(side.edge, side.t0);
}

/** The ring of one cell. */
export function cellRing(cell: Cell): LocalPoint[] {
  return ringOf(cell.sides, cell.corners);
}
