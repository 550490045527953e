import type { Position } from 'geojson';

/** Segment-pair tests one geometry may spend on the early self-intersection check (≈ 0.1 s). */
export const DEFAULT_SELF_INTERSECTION_BUDGET = 5_000_000;

/** What the early check found in one ring. `unchecked`: over budget, left to `ST_IsValid`. */
export type RingCheck = { status: 'crossing'; at: Position } | { status: 'clean' } | { status: 'unchecked' };

/** Allowance of segment-pair tests shared by the rings of one geometry; the check spends it. */
export interface SweepBudget {
  remaining: number;
}

type Segment = { a: Position; b: Position; min: number; max: number };

/** Pairs of intervals that overlap: exactly the pair tests a sort-and-sweep on that axis makes. */
function overlappingPairs(intervals: readonly { min: number; max: number }[]): number {
  const mins = intervals.map((interval) => interval.min).sort((p, q) => p - q);
  const maxs = intervals.map((interval) => interval.max).sort((p, q) => p - q);
  let ended = 0;
  let pairs = 0;
  for (let started = 0; started < mins.length; started++) {
    while (maxs[ended] < mins[started]) ended++;
    pairs += started - ended;
  }
  return pairs;
}

const orient = (p: Position, q: Position, r: Position) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
const same = (p: Position, q: Position) => p[0] === q[0] && p[1] === q[1];
const within = (p: Position, q: Position, r: Position) =>
  Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);

/**
 * Where two segments of one ring cross or touch. Segments sharing an endpoint are skipped (the
 * ring's own joints, repeated positions), and collinear overlaps are not reported — the same
 * rules as turf's line-intersect sweep, so valid rings never fail here.
 */
function crossing(s: Segment, t: Segment): Position | null {
  if (same(s.a, t.a) || same(s.a, t.b) || same(s.b, t.a) || same(s.b, t.b)) return null;
  const d1 = orient(t.a, t.b, s.a);
  const d2 = orient(t.a, t.b, s.b);
  const d3 = orient(s.a, s.b, t.a);
  const d4 = orient(s.a, s.b, t.b);
  if (d1 * d2 < 0 && d3 * d4 < 0) {
    const u = d1 / (d1 - d2);
    return [s.a[0] + u * (s.b[0] - s.a[0]), s.a[1] + u * (s.b[1] - s.a[1])];
  }
  if (d1 === 0 && d2 !== 0 && within(t.a, t.b, s.a)) return s.a;
  if (d2 === 0 && d1 !== 0 && within(t.a, t.b, s.b)) return s.b;
  if (d3 === 0 && d4 !== 0 && within(s.a, s.b, t.a)) return t.a;
  if (d4 === 0 && d3 !== 0 && within(s.a, s.b, t.b)) return t.b;
  return null;
}

/**
 * Early check that a closed ring does not cross or touch itself. Hand-written because turf's
 * `kinks` tests every segment pair (O(n²): 70 s for a 100 000-position ring) and its
 * line-intersect sweep collects every crossing before returning, so neither bounds what an
 * untrusted upload costs. This is a sort-and-sweep on whichever axis overlaps less, stops at
 * the first crossing, and declines (`unchecked`) rather than exceed the budget.
 */
export function checkRing(ring: readonly Position[], budget: SweepBudget = { remaining: DEFAULT_SELF_INTERSECTION_BUDGET }): RingCheck {
  const along = (axis: 0 | 1): Segment[] =>
    ring.slice(1).map((b, i) => {
      const a = ring[i];
      return { a, b, min: Math.min(a[axis], b[axis]), max: Math.max(a[axis], b[axis]) };
    });
  const byX = along(0);
  const byY = along(1);
  const costX = overlappingPairs(byX);
  const costY = overlappingPairs(byY);
  const cost = Math.min(costX, costY);
  if (cost > budget.remaining) return { status: 'unchecked' };
  budget.remaining -= cost;

  const segments = (costX <= costY ? byX : byY).sort((s, t) => s.min - t.min);
  let active: Segment[] = [];
  for (const segment of segments) {
    active = active.filter((other) => other.max >= segment.min);
    for (const other of active) {
      const at = crossing(other, segment);
      if (at) return { status: 'crossing', at };
    }
    active.push(segment);
  }
  return { status: 'clean' };
}
