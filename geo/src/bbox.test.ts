import { area, booleanClockwise, distance } from '@turf/turf';
import { loadFixture } from './__fixtures__/load';
import { bboxIntersects, bboxOf, bboxToPolygon, expandBBox, parseBBox } from './bbox';
import { parsePolygonal } from './geojson';
import { makeBBox } from './types';

describe('bboxOf', () => {
  it('bounds a polygon with a hole by its exterior', () => {
    expect(bboxOf(parsePolygonal(loadFixture('hole')))).toEqual([120.15, 30.26, 120.16, 30.27]);
  });

  it('bounds both parts of a multipolygon', () => {
    expect(bboxOf(parsePolygonal(loadFixture('multipolygon')))).toEqual([120.15, 30.26, 120.165, 30.265]);
  });

  it('gives an antimeridian-split multipolygon the full longitude range', () => {
    expect(bboxOf(parsePolygonal(loadFixture('antimeridian-split')))).toEqual([-180, -17, 180, -16]);
  });

  it('rejects an empty geometry', () => {
    expect(() => bboxOf({ type: 'MultiPolygon', coordinates: [] })).toThrow(expect.objectContaining({ reason: 'EMPTY' }));
  });
});

describe('bboxIntersects', () => {
  const a = makeBBox(120.1, 30.2, 120.2, 30.3);

  it('is true for overlapping and touching boxes', () => {
    expect(bboxIntersects(a, makeBBox(120.15, 30.25, 120.3, 30.4))).toBe(true);
    expect(bboxIntersects(a, makeBBox(120.2, 30.3, 120.3, 30.4))).toBe(true);
    expect(bboxIntersects(a, makeBBox(120.12, 30.22, 120.13, 30.23))).toBe(true);
  });

  it('is false for boxes apart in either direction', () => {
    expect(bboxIntersects(a, makeBBox(120.21, 30.2, 120.3, 30.3))).toBe(false);
    expect(bboxIntersects(a, makeBBox(120.1, 30.31, 120.2, 30.4))).toBe(false);
  });
});

describe('bboxToPolygon', () => {
  it('returns a closed counter-clockwise ring around the box', () => {
    const polygon = bboxToPolygon(makeBBox(120.1, 30.2, 120.2, 30.3));
    expect(polygon).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [120.1, 30.2],
          [120.2, 30.2],
          [120.2, 30.3],
          [120.1, 30.3],
          [120.1, 30.2],
        ],
      ],
    });
    expect(booleanClockwise(polygon.coordinates[0])).toBe(false);
  });
});

describe('expandBBox', () => {
  it('moves every edge out by at least the distance, and not much more', () => {
    const box = makeBBox(120.15, 30.26, 120.16, 30.27);
    const grown = expandBBox(box, 1000);
    const metres = (a: number[], b: number[]) => distance(a, b, { units: 'meters' });
    expect(metres([120.15, 30.26], [120.15, grown[1]])).toBeCloseTo(1000, 0);
    expect(metres([120.15, 30.27], [120.15, grown[3]])).toBeCloseTo(1000, 0);
    const westMargin = metres([grown[0], 30.27], [120.15, 30.27]);
    expect(westMargin).toBeGreaterThanOrEqual(1000);
    expect(westMargin).toBeLessThan(1002);
    expect(area(bboxToPolygon(grown))).toBeGreaterThan(area(bboxToPolygon(box)));
  });

  it('returns the same box for zero metres and rejects negative ones', () => {
    const box = makeBBox(120.15, 30.26, 120.16, 30.27);
    expect(expandBBox(box, 0)).toEqual(box);
    expect(() => expandBBox(box, -1)).toThrow(expect.objectContaining({ reason: 'OUT_OF_BOUNDS' }));
  });

  it('clamps at the edges of the world', () => {
    expect(expandBBox(makeBBox(179.99, 89.99, 180, 90), 5000)).toEqual([-180, expect.closeTo(89.945, 3), 180, 90]);
  });
});

describe('parseBBox', () => {
  it('reads a comma-separated string and an array', () => {
    expect(parseBBox('120.1,30.2,120.2,30.3')).toEqual([120.1, 30.2, 120.2, 30.3]);
    expect(parseBBox(' 120.1 , 30.2 , 120.2 , 30.3 ')).toEqual([120.1, 30.2, 120.2, 30.3]);
    expect(parseBBox([120.1, 30.2, 120.2, 30.3])).toEqual([120.1, 30.2, 120.2, 30.3]);
  });

  it('rejects wrong arity, non-numbers and inverted boxes', () => {
    expect(() => parseBBox('120.1,30.2,120.2')).toThrow(expect.objectContaining({ reason: 'WRONG_TYPE' }));
    expect(() => parseBBox('120.1,,120.2,30.3')).toThrow(expect.objectContaining({ reason: 'NOT_NUMBER', path: 'bbox[1]' }));
    expect(() => parseBBox('120.1,abc,120.2,30.3')).toThrow(expect.objectContaining({ reason: 'NOT_NUMBER', path: 'bbox[1]' }));
    expect(() => parseBBox([120.1, 30.2, '120.2', 30.3])).toThrow(expect.objectContaining({ reason: 'NOT_NUMBER', path: 'bbox[2]' }));
    expect(() => parseBBox('120.2,30.2,120.1,30.3')).toThrow(expect.objectContaining({ reason: 'INVERTED_BBOX' }));
    expect(() => parseBBox('30.2,120.1,30.3,120.2')).toThrow(expect.objectContaining({ reason: 'LAT_OUT_OF_RANGE' }));
  });
});
