import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { loadFixture } from './__fixtures__/load';
import { parsePolygonal } from './geojson';
import { areaM2, centroid, distanceM, labelPoint } from './measure';
import { makeLngLat } from './types';

/** An L-shaped compound: its vertex mean lies in the missing corner. */
const lShape: Polygon = {
  type: 'Polygon',
  coordinates: [
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
};

describe('areaM2', () => {
  it('measures a hole as missing area', () => {
    const whole = areaM2({ type: 'Polygon', coordinates: [parsePolygonal(loadFixture('hole')).coordinates[0][0]] });
    const withHole = areaM2(parsePolygonal(loadFixture('hole')));
    // 0.01° × 0.01° at 30.265°N ≈ 962 m × 1112 m; the hole is 0.004° × 0.004°, 16 % of it.
    expect(whole).toBeGreaterThan(1.06e6);
    expect(whole).toBeLessThan(1.08e6);
    expect(withHole / whole).toBeCloseTo(0.84, 3);
  });

  it('sums the parts of a multipolygon', () => {
    const parts = parsePolygonal(loadFixture('multipolygon')).coordinates.map((p) => areaM2({ type: 'Polygon', coordinates: p }));
    expect(areaM2(parsePolygonal(loadFixture('multipolygon')))).toBeCloseTo(parts[0] + parts[1], 6);
  });

  it('is zero for a point', () => {
    expect(areaM2({ type: 'Point', coordinates: [120.15, 30.28] })).toBe(0);
  });
});

describe('distanceM', () => {
  it('measures 0.01° of latitude as about 1112 m', () => {
    expect(distanceM(makeLngLat(120.15, 30.26), makeLngLat(120.15, 30.27))).toBeCloseTo(1111.95, 1);
  });

  it('is zero between a point and itself', () => {
    expect(distanceM(makeLngLat(120.15, 30.26), makeLngLat(120.15, 30.26))).toBe(0);
  });
});

describe('centroid and labelPoint', () => {
  it('agree on a square', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [120.15, 30.26],
          [120.16, 30.26],
          [120.16, 30.27],
          [120.15, 30.27],
          [120.15, 30.26],
        ],
      ],
    };
    expect(centroid(square)[0]).toBeCloseTo(120.155, 9);
    expect(centroid(square)[1]).toBeCloseTo(30.265, 9);
    expect(labelPoint(square)[0]).toBeCloseTo(120.155, 9);
    expect(labelPoint(square)[1]).toBeCloseTo(30.265, 9);
  });

  it('centroid can fall outside a concave polygon; labelPoint never does', () => {
    const mean = centroid(lShape);
    expect(booleanPointInPolygon([mean[0], mean[1]], lShape)).toBe(false);
    const label = labelPoint(lShape);
    expect(booleanPointInPolygon([label[0], label[1]], lShape)).toBe(true);
  });

  it('labelPoint avoids the hole', () => {
    const holed = parsePolygonal(loadFixture('hole'));
    const label = labelPoint(holed);
    expect(booleanPointInPolygon([label[0], label[1]], holed)).toBe(true);
  });
});
