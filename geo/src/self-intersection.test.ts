import { kinks } from '@turf/turf';
import type { Position } from 'geojson';
import { checkRing, DEFAULT_SELF_INTERSECTION_BUDGET } from './self-intersection';

/** Small deterministic PRNG (mulberry32) so the comparison with turf is repeatable. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('checkRing', () => {
  it('finds the crossing of a bow tie', () => {
    const result = checkRing([
      [120.15, 30.26],
      [120.16, 30.27],
      [120.16, 30.26],
      [120.15, 30.27],
      [120.15, 30.26],
    ]);
    expect(result.status).toBe('crossing');
    if (result.status !== 'crossing') return;
    expect(result.at[0]).toBeCloseTo(120.155, 9);
    expect(result.at[1]).toBeCloseTo(30.265, 9);
  });

  it('passes a square and a concave L', () => {
    expect(
      checkRing([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toEqual({ status: 'clean' });
    expect(
      checkRing([
        [0, 0],
        [2, 0],
        [2, 1],
        [1, 1],
        [1, 2],
        [0, 2],
        [0, 0],
      ]),
    ).toEqual({ status: 'clean' });
  });

  it('reports a vertex touching the inside of another edge', () => {
    expect(
      checkRing([
        [0, 0],
        [4, 0],
        [4, 4],
        [2, 0],
        [0, 4],
        [0, 0],
      ]),
    ).toEqual({ status: 'crossing', at: [2, 0] });
  });

  it('leaves a vertex-to-vertex self-touch (figure eight) to the database', () => {
    expect(
      checkRing([
        [0, 0],
        [2, 0],
        [1, 1],
        [2, 2],
        [0, 2],
        [1, 1],
        [0, 0],
      ]),
    ).toEqual({ status: 'clean' });
  });

  it('agrees with turf kinks on 500 random rings', () => {
    const next = random(349);
    let crossings = 0;
    for (let n = 0; n < 500; n++) {
      const ring: Position[] = Array.from({ length: 4 + Math.floor(next() * 8) }, () => [120 + next() * 0.01, 30 + next() * 0.01]);
      ring.push(ring[0]);
      const turfSays = kinks({ type: 'Polygon', coordinates: [ring] }).features.length > 0;
      const result = checkRing(ring);
      expect(result.status).toBe(turfSays ? 'crossing' : 'clean');
      if (turfSays) crossings++;
    }
    expect(crossings).toBeGreaterThan(100);
    expect(crossings).toBeLessThan(500);
  });

  it('checks a 100 000-position ring quickly by sweeping the cheaper axis', () => {
    // A comb: every tooth spans the whole width, so an x sweep would compare all pairs.
    const comb: Position[] = [];
    for (let i = 0; i < 99_998; i++) comb.push([120 + (i % 2) * 0.1, 30 + i * 1e-6]);
    comb.push([119.9, 30.1], comb[0]);
    const started = Date.now();
    expect(checkRing(comb)).toEqual({ status: 'clean' });
    // Sweeping x would compare all ~5·10⁹ pairs of teeth (minutes, or a decline past the budget); the bound catches that,
    // not a slow machine (speed is measured in benchmarks).
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('declines, without spending, a ring whose segments overlap on both axes beyond the budget', () => {
    // A star: every long spike overlaps every other near the centre.
    const star: Position[] = [];
    for (let i = 0; i < 20_000; i++) {
      const angle = (-2 * Math.PI * i) / 20_000;
      const radius = i % 2 ? 0.1 : 0.001;
      star.push([120 + radius * Math.cos(angle), 30 + radius * Math.sin(angle)]);
    }
    star.push(star[0]);
    const budget = { remaining: DEFAULT_SELF_INTERSECTION_BUDGET };
    expect(checkRing(star, budget)).toEqual({ status: 'unchecked' });
    expect(budget.remaining).toBe(DEFAULT_SELF_INTERSECTION_BUDGET);
  });

  it('spends the budget on the pair tests it makes', () => {
    const budget = { remaining: 100 };
    expect(
      checkRing(
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
        budget,
      ),
    ).toEqual({ status: 'clean' });
    expect(budget.remaining).toBeLessThan(100);
    expect(budget.remaining).toBeGreaterThanOrEqual(90);
  });
});
