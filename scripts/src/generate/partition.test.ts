import { cellRing, ringOf, streetLattice, subdivide, type LocalPoint } from './partition';
import { Random } from './random';

/** Shoelace area in m², positive for counter-clockwise rings. */
function area(ring: readonly LocalPoint[]): number {
  let sum = 0;
  for (let k = 0; k + 1 < ring.length; k++) sum += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y;
  return sum / 2;
}

/** Directed edges of a ring as `x,y>x,y` keys. */
function edges(ring: readonly LocalPoint[]): string[] {
  const key = (p: LocalPoint) => `${p.x},${p.y}`;
  return ring.slice(1).map((p, k) => `${key(ring[k])}>${key(p)}`);
}

describe('partition', () => {
  const rng = new Random(3);
  const street = streetLattice(rng, 3, 2, 1500, 1000, 0.12);
  const compounds = street.cells.map((cell) => subdivide(rng, cell, 2, 3, 0.18));
  const smalls = compounds.map((cells) => cells.map((cell) => subdivide(rng, cell, 2, 2, 0.12)));

  it('cuts each level into counter-clockwise cells whose areas add up to the parent', () => {
    const streetArea = area(ringOf(street.boundary));
    expect(street.cells.reduce((s, c) => s + area(cellRing(c)), 0)).toBeCloseTo(streetArea, 3);
    street.cells.forEach((community, c) => {
      const compoundsArea = compounds[c].reduce((s, cell) => s + area(cellRing(cell)), 0);
      expect(compoundsArea).toBeCloseTo(area(cellRing(community)), 3);
      compounds[c].forEach((compound, m) => {
        for (const small of smalls[c][m]) expect(area(cellRing(small))).toBeGreaterThan(0);
        expect(smalls[c][m].reduce((s, cell) => s + area(cellRing(cell)), 0)).toBeCloseTo(area(cellRing(compound)), 3);
      });
    });
  });

  it('gives neighbours the same vertices along a shared border, even across parents (no T-junctions)', () => {
    // In an exact partition every inner edge is walked once in each direction.
    const all = smalls.flat(2).flatMap((cell) => edges(cellRing(cell)));
    const directed = new Set(all);
    expect(directed.size).toBe(all.length);
    const outer = new Set(edges(ringOf(street.boundary)));
    const unmatched = all.filter((e) => !directed.has(e.split('>').reverse().join('>')));
    expect(unmatched.every((e) => outer.has(e))).toBe(true);
    expect(unmatched.length).toBe(outer.size);
  });
});
