import { distance } from '@turf/turf';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { convertLngLat, fromWgs84, parseCrs, toWgs84 } from './crs';
import { makeLngLat } from './types';

const metres = (a: readonly number[], b: readonly number[]) => distance([a[0], a[1]], [b[0], b[1]], { units: 'meters' });

describe('parseCrs', () => {
  it.each([
    ['wgs84', 'WGS84'],
    ['EPSG:4326', 'WGS84'],
    [' WGS-84 ', 'WGS84'],
    ['gcj02', 'GCJ02'],
    ['amap', 'GCJ02'],
    ['Tencent', 'GCJ02'],
    ['bd09', 'BD09'],
    ['baidu', 'BD09'],
  ])('reads %j as %s', (alias, crs) => {
    expect(parseCrs(alias)).toBe(crs);
  });

  it('rejects anything else', () => {
    expect(() => parseCrs('EPSG:3857')).toThrow(expect.objectContaining({ reason: 'UNKNOWN_CRS' }));
    expect(() => parseCrs('')).toThrow(expect.objectContaining({ reason: 'UNKNOWN_CRS' }));
  });
});

describe('WGS84 ⇄ GCJ02 ⇄ BD09', () => {
  const hangzhou: Point = { type: 'Point', coordinates: [120.15, 30.28] };
  const beijing: Point = { type: 'Point', coordinates: [116.391, 39.907] };

  it('shifts a Hangzhou point a few hundred metres, south-east, into GCJ02', () => {
    const gcj = fromWgs84(hangzhou, 'GCJ02');
    const shift = metres(hangzhou.coordinates, gcj.coordinates);
    expect(shift).toBeGreaterThan(400);
    expect(shift).toBeLessThan(700);
    expect(gcj.coordinates[0]).toBeGreaterThan(120.15);
    expect(gcj.coordinates[1]).toBeLessThan(30.28);
  });

  it('shifts a Beijing point a few hundred metres, north-east, into GCJ02', () => {
    const gcj = fromWgs84(beijing, 'GCJ02');
    const shift = metres(beijing.coordinates, gcj.coordinates);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(800);
    expect(gcj.coordinates[0]).toBeGreaterThan(116.391);
    expect(gcj.coordinates[1]).toBeGreaterThan(39.907);
  });

  it.each([
    ['Hangzhou', hangzhou],
    ['Beijing', beijing],
  ])('round-trips %s through GCJ02 and BD09 within 0.5 m', (_name, point) => {
    expect(metres(point.coordinates, toWgs84(fromWgs84(point, 'GCJ02'), 'GCJ02').coordinates)).toBeLessThan(0.5);
    expect(metres(point.coordinates, toWgs84(fromWgs84(point, 'BD09'), 'BD09').coordinates)).toBeLessThan(0.5);
  });

  it('puts BD09 about (+0.0065°, +0.006°) from GCJ02', () => {
    const gcj = fromWgs84(hangzhou, 'GCJ02').coordinates;
    const bd = fromWgs84(hangzhou, 'BD09').coordinates;
    expect(bd[0] - gcj[0]).toBeCloseTo(0.0065, 3);
    expect(bd[1] - gcj[1]).toBeCloseTo(0.006, 3);
  });

  it('leaves points outside China where they are', () => {
    const london: Point = { type: 'Point', coordinates: [-0.1276, 51.5072] };
    expect(fromWgs84(london, 'GCJ02').coordinates).toEqual([-0.1276, 51.5072]);
  });

  it('converts every position of a feature collection, copies it and drops stale bboxes', () => {
    const polygon: Feature<Polygon> = {
      type: 'Feature',
      bbox: [120.15, 30.26, 120.16, 30.27],
      properties: { bbox: 'kept: it is a property' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [120.15, 30.26],
            [120.16, 30.26],
            [120.16, 30.27],
            [120.15, 30.26],
          ],
        ],
      },
    };
    const collection: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [polygon] };
    const before = JSON.stringify(collection);
    const gcj = fromWgs84(collection, 'GCJ02');
    expect(JSON.stringify(collection)).toBe(before);
    const ring = gcj.features[0].geometry.coordinates[0];
    expect(ring[0][0]).not.toBe(120.15);
    expect(ring[0]).toEqual(ring[3]);
    expect(gcj.features[0].bbox).toBeUndefined();
    expect(gcj.features[0].properties).toEqual({ bbox: 'kept: it is a property' });
  });

  it('returns a copy even when from and to are the same', () => {
    const copy = toWgs84(hangzhou, 'WGS84');
    expect(copy).toEqual(hangzhou);
    expect(copy).not.toBe(hangzhou);
  });

  it('converts a single LngLat', () => {
    const gcj = convertLngLat(makeLngLat(120.15, 30.28), 'WGS84', 'GCJ02');
    expect(gcj).toEqual(fromWgs84(hangzhou, 'GCJ02').coordinates);
    expect(metres(convertLngLat(gcj, 'GCJ02', 'WGS84'), [120.15, 30.28])).toBeLessThan(0.5);
  });
});

describe('toWgs84 on hostile input', () => {
  it('refuses coordinates nested 100,000 deep (TOO_DEEP) instead of overflowing the stack', () => {
    let deep: unknown = [120.15, 30.26];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => toWgs84({ type: 'Polygon', coordinates: deep } as never, 'GCJ02')).toThrow(
      expect.objectContaining({ reason: 'TOO_DEEP' }),
    );
  });
});
