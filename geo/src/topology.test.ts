import { area, booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { coverageGap, duplicates, findOverlaps, outsideParent } from './topology';

/** An axis-aligned rectangle as a one-part MultiPolygon (counter-clockwise). */
function rect(west: number, south: number, east: number, north: number): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    ],
  };
}

const a = rect(120.15, 30.26, 120.16, 30.27);
const b = rect(120.155, 30.26, 120.165, 30.27); // overlaps the east half of a
const c = rect(120.16, 30.27, 120.17, 30.28); // touches a at a corner and b along an edge
const far = rect(121.0, 31.0, 121.01, 31.01);

describe('findOverlaps', () => {
  it('reports the overlapping pair with its area and a point inside the overlap', () => {
    const overlaps = findOverlaps([
      { id: 'A', geometry: a },
      { id: 'B', geometry: b },
      { id: 'C', geometry: c },
      { id: 'FAR', geometry: far },
    ]);
    expect(overlaps).toHaveLength(1);
    const [overlap] = overlaps;
    expect([overlap.a, overlap.b]).toEqual(['A', 'B']);
    const expected = area(rect(120.155, 30.26, 120.16, 30.27));
    expect(expected).toBeGreaterThan(5.3e5);
    expect(overlap.areaM2).toBeCloseTo(expected, 0);
    expect(booleanPointInPolygon([overlap.location[0], overlap.location[1]], rect(120.155, 30.26, 120.16, 30.27))).toBe(true);
  });

  it('gives the same answer whatever the input order, ids in input order', () => {
    const overlaps = findOverlaps([
      { id: 'FAR', geometry: far },
      { id: 'C', geometry: c },
      { id: 'B', geometry: b },
      { id: 'A', geometry: a },
    ]);
    expect(overlaps.map((o) => [o.a, o.b])).toEqual([['B', 'A']]);
  });

  it('sorts the largest overlap first', () => {
    const small = rect(120.159, 30.26, 120.161, 30.262); // overlaps a and b by tiny corners
    const overlaps = findOverlaps([
      { id: 'A', geometry: a },
      { id: 'B', geometry: b },
      { id: 'S', geometry: small },
    ]);
    expect(overlaps.map((o) => `${o.a}-${o.b}`)).toEqual(['A-B', 'B-S', 'A-S']);
    expect(overlaps[0].areaM2).toBeGreaterThan(overlaps[1].areaM2);
    expect(overlaps[1].areaM2).toBeGreaterThan(overlaps[2].areaM2);
  });

  it('ignores overlaps below the minimum area', () => {
    const sliver = rect(120.15999, 30.26, 120.17, 30.27); // ≈ 1 m × 1112 m over a
    const [overlap] = findOverlaps([
      { id: 'A', geometry: a },
      { id: 'SLIVER', geometry: sliver },
    ]);
    expect(overlap.areaM2).toBeGreaterThan(1000);
    expect(overlap.areaM2).toBeLessThan(1200);
    expect(
      findOverlaps(
        [
          { id: 'A', geometry: a },
          { id: 'SLIVER', geometry: sliver },
        ],
        5000,
      ),
    ).toEqual([]);
  });

  it('does not report boxes that meet while the polygons do not', () => {
    const lShape: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [120.15, 30.26],
            [120.16, 30.26],
            [120.16, 30.261],
            [120.151, 30.261],
            [120.151, 30.27],
            [120.15, 30.27],
            [120.15, 30.26],
          ],
        ],
      ],
    };
    const inTheNotch = rect(120.152, 30.262, 120.159, 30.269);
    expect(
      findOverlaps([
        { id: 'L', geometry: lShape },
        { id: 'N', geometry: inTheNotch },
      ]),
    ).toEqual([]);
  });

  it('returns nothing for no features or one', () => {
    expect(findOverlaps([])).toEqual([]);
    expect(findOverlaps([{ id: 'A', geometry: a }])).toEqual([]);
  });
});

describe('coverageGap', () => {
  const parent = rect(120.15, 30.26, 120.16, 30.27);

  it('is zero when two halves tile the parent exactly', () => {
    const result = coverageGap(parent, [rect(120.15, 30.26, 120.155, 30.27), rect(120.155, 30.26, 120.16, 30.27)]);
    expect(result.gapAreaM2).toBeCloseTo(0, 3);
    expect(result.gapPercent).toBeCloseTo(0, 6);
    expect(result.gap).toBeNull();
  });

  it('reports a missing quarter as 25 %', () => {
    const result = coverageGap(parent, [rect(120.15, 30.26, 120.155, 30.27), rect(120.155, 30.26, 120.16, 30.265)]);
    expect(result.gapPercent).toBeCloseTo(25, 1);
    expect(result.gapAreaM2).toBeCloseTo(area(rect(120.155, 30.265, 120.16, 30.27)), 0);
    expect(result.gap?.type).toBe('MultiPolygon');
  });

  it('does not let a child outside the parent hide a gap', () => {
    const result = coverageGap(parent, [rect(120.15, 30.26, 120.155, 30.27), rect(120.16, 30.26, 120.17, 30.27)]);
    expect(result.gapPercent).toBeCloseTo(50, 1);
  });

  it('is the whole parent with no children', () => {
    const result = coverageGap(parent, []);
    expect(result.gapPercent).toBe(100);
    expect(result.gapAreaM2).toBeCloseTo(area(parent), 6);
  });

  it('handles a single child', () => {
    expect(coverageGap(parent, [parent]).gapAreaM2).toBeCloseTo(0, 3);
  });
});

describe('outsideParent', () => {
  const parent = rect(120.15, 30.26, 120.16, 30.27);

  it('is zero for a child inside, or sharing the parent edge', () => {
    expect(outsideParent(rect(120.151, 30.261, 120.159, 30.269), parent)).toEqual({ outsideAreaM2: 0, outside: false });
    expect(outsideParent(rect(120.15, 30.26, 120.155, 30.27), parent).outside).toBe(false);
  });

  it('measures the part beyond the parent and points at it', () => {
    const result = outsideParent(rect(120.155, 30.26, 120.165, 30.27), parent);
    expect(result.outside).toBe(true);
    expect(result.outsideAreaM2).toBeCloseTo(area(rect(120.16, 30.26, 120.165, 30.27)), 0);
    expect(result.location?.[0]).toBeGreaterThan(120.16);
  });

  it('tolerates slivers up to the tolerance', () => {
    const sliver = outsideParent(rect(120.15, 30.26, 120.16001, 30.27), parent);
    expect(sliver.outside).toBe(true);
    expect(outsideParent(rect(120.15, 30.26, 120.16001, 30.27), parent, 5000)).toMatchObject({ outside: false });
    expect(sliver.location).toBeDefined();
  });
});

describe('duplicates', () => {
  it('lists each repeated code once, in order of first appearance', () => {
    expect(duplicates(['330106001001', '330106001002', '330106001002', '330106001001', '330106001003'])).toEqual([
      '330106001001',
      '330106001002',
    ]);
  });

  it('is empty when codes are unique', () => {
    expect(duplicates(['a', 'b'])).toEqual([]);
    expect(duplicates([])).toEqual([]);
  });
});
