import { booleanClockwise } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { loadFixture } from './__fixtures__/load';
import { GeoInputError } from './errors';
import {
  checkNesting,
  DEFAULT_MAX_VERTICES,
  isPolygonal,
  MAX_GEOJSON_DEPTH,
  parseLineal,
  parsePoint,
  parsePolygonal,
  vertexCount,
} from './geojson';

function parseError(input: unknown, opts?: { maxVertices?: number }): GeoInputError {
  try {
    parsePolygonal(input, opts);
  } catch (error) {
    if (error instanceof GeoInputError) return error;
    throw error;
  }
  throw new Error('expected parsePolygonal to throw');
}

const square = [
  [120.15, 30.26],
  [120.16, 30.26],
  [120.16, 30.27],
  [120.15, 30.27],
  [120.15, 30.26],
];

describe('parsePolygonal — fixtures', () => {
  it('hole: keeps the hole, in RFC 7946 winding, as a one-part MultiPolygon', () => {
    const result = parsePolygonal(loadFixture('hole'));
    expect(result.type).toBe('MultiPolygon');
    expect(result.coordinates).toHaveLength(1);
    const [exterior, hole] = result.coordinates[0];
    expect(exterior).toEqual(square);
    expect(hole).toEqual([
      [120.153, 30.263],
      [120.153, 30.267],
      [120.157, 30.267],
      [120.157, 30.263],
      [120.153, 30.263],
    ]);
    expect(booleanClockwise(exterior)).toBe(false);
    expect(booleanClockwise(hole)).toBe(true);
  });

  it('multipolygon: keeps both parts', () => {
    const result = parsePolygonal(loadFixture('multipolygon'));
    expect(result.coordinates).toHaveLength(2);
    expect(result.coordinates[1][0][0]).toEqual([120.16, 30.26]);
    expect(vertexCount(result)).toBe(10);
  });

  it('wrong-winding: rewinds the exterior to counter-clockwise and the hole to clockwise', () => {
    const result = parsePolygonal(loadFixture('wrong-winding'));
    const [exterior, hole] = result.coordinates[0];
    expect(exterior).toEqual([
      [120.15, 30.26],
      [120.16, 30.26],
      [120.16, 30.27],
      [120.15, 30.27],
      [120.15, 30.26],
    ]);
    expect(hole).toEqual([
      [120.153, 30.263],
      [120.153, 30.267],
      [120.157, 30.267],
      [120.157, 30.263],
      [120.153, 30.263],
    ]);
  });

  it('three-d: drops Z', () => {
    const result = parsePolygonal(loadFixture('three-d'));
    expect(result.coordinates[0][0]).toEqual(square);
    expect(result.coordinates[0][0].every((position) => position.length === 2)).toBe(true);
  });

  it('unclosed-ring: RING_NOT_CLOSED at the ring, located at its first position', () => {
    const error = parseError(loadFixture('unclosed-ring'));
    expect(error.reason).toBe('RING_NOT_CLOSED');
    expect(error.path).toBe('coordinates[0]');
    expect(error.location).toEqual([120.15, 30.26]);
  });

  it('self-intersection: SELF_INTERSECTION at the crossing of the bow tie', () => {
    const error = parseError(loadFixture('self-intersection'));
    expect(error.reason).toBe('SELF_INTERSECTION');
    expect(error.path).toBe('geometry.coordinates[0]');
    expect(error.location?.[0]).toBeCloseTo(120.155, 9);
    expect(error.location?.[1]).toBeCloseTo(30.265, 9);
  });

  it('antimeridian-crossing: an uncut edge over ±180° is rejected', () => {
    const error = parseError(loadFixture('antimeridian-crossing'));
    expect(error.reason).toBe('CROSSES_ANTIMERIDIAN');
    expect(error.path).toBe('coordinates[0][1]');
    expect(error.location).toEqual([179.5, -17]);
  });

  it('antimeridian-split: the RFC 7946 cut form is accepted', () => {
    const result = parsePolygonal(loadFixture('antimeridian-split'));
    expect(result.coordinates).toHaveLength(2);
    expect(result.coordinates[0][0][1]).toEqual([180, -17]);
    expect(result.coordinates[1][0][0]).toEqual([-180, -17]);
  });

  it('empty: a Feature whose Polygon has no rings is EMPTY', () => {
    const error = parseError(loadFixture('empty'));
    expect(error.reason).toBe('EMPTY');
    expect(error.path).toBe('geometry.coordinates');
  });

  it('out-of-range: LAT_OUT_OF_RANGE with the path of the latitude', () => {
    const error = parseError(loadFixture('out-of-range'));
    expect(error.reason).toBe('LAT_OUT_OF_RANGE');
    expect(error.path).toBe('coordinates[0][2][1]');
    expect(error.location).toBeUndefined();
  });

  it('epsg3857-input: projected metres are rejected with a hint', () => {
    const error = parseError(loadFixture('epsg3857-input'));
    expect(error.reason).toBe('LNG_OUT_OF_RANGE');
    expect(error.path).toBe('coordinates[0][0][0]');
    expect(error.message).toMatch(/EPSG:3857/);
  });
});

describe('parsePolygonal — wrappers and structure', () => {
  const polygon = { type: 'Polygon', coordinates: [square] };

  it('accepts a FeatureCollection of one polygonal feature', () => {
    const result = parsePolygonal({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: null, geometry: polygon }],
    });
    expect(result).toEqual({ type: 'MultiPolygon', coordinates: [[square]] });
  });

  it('rejects a FeatureCollection of several or no features', () => {
    const feature = { type: 'Feature', properties: null, geometry: polygon };
    expect(parseError({ type: 'FeatureCollection', features: [feature, feature] }).reason).toBe('WRONG_TYPE');
    expect(parseError({ type: 'FeatureCollection', features: [] }).reason).toBe('EMPTY');
  });

  it('prefixes paths with the wrapper', () => {
    const unclosed = { type: 'Polygon', coordinates: [square.slice(0, 4)] };
    const error = parseError({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: unclosed }] });
    expect(error.path).toBe('features[0].geometry.coordinates[0]');
  });

  it('rejects other geometry types, null geometry and non-objects', () => {
    expect(parseError({ type: 'LineString', coordinates: square }).reason).toBe('WRONG_TYPE');
    expect(parseError({ type: 'Feature', properties: {}, geometry: null }).reason).toBe('EMPTY');
    expect(parseError('POLYGON((0 0,1 0,1 1,0 0))').reason).toBe('WRONG_TYPE');
    expect(parseError(null).reason).toBe('WRONG_TYPE');
    expect(parseError({ type: 'MultiPolygon', coordinates: [] }).reason).toBe('EMPTY');
    expect(parseError({ type: 'MultiPolygon', coordinates: [[]] }).path).toBe('coordinates[0]');
  });

  it('rejects a ring of fewer than 4 positions', () => {
    const error = parseError({
      type: 'Polygon',
      coordinates: [
        [
          [120.15, 30.26],
          [120.16, 30.26],
          [120.15, 30.26],
        ],
      ],
    });
    expect(error.reason).toBe('TOO_FEW_POSITIONS');
    expect(error.path).toBe('coordinates[0]');
  });

  it('rejects a closed ring that collapses to fewer than 3 distinct positions', () => {
    const error = parseError({
      type: 'Polygon',
      coordinates: [
        [
          [120.15, 30.26],
          [120.16, 30.26],
          [120.16, 30.26],
          [120.15, 30.26],
        ],
      ],
    });
    expect(error.reason).toBe('TOO_FEW_POSITIONS');
  });

  it('accepts repeated consecutive positions (valid for PostGIS) and keeps them', () => {
    const repeated = [square[0], square[1], square[1], square[2], square[3], square[4]];
    const result = parsePolygonal({ type: 'Polygon', coordinates: [repeated] });
    expect(result.coordinates[0][0]).toEqual(repeated);
  });

  it('rejects non-numbers and malformed positions with their path', () => {
    const withString = square.map((p, i) => (i === 1 ? ['120.16', 30.26] : p));
    expect(parseError({ type: 'Polygon', coordinates: [withString] })).toMatchObject({
      reason: 'NOT_NUMBER',
      path: 'coordinates[0][1][0]',
    });
    const withShort = square.map((p, i) => (i === 2 ? [120.16] : p));
    expect(parseError({ type: 'Polygon', coordinates: [withShort] })).toMatchObject({ reason: 'WRONG_TYPE', path: 'coordinates[0][2]' });
  });

  it('enforces the vertex limit, 100000 by default', () => {
    expect(DEFAULT_MAX_VERTICES).toBe(100000);
    expect(parseError({ type: 'Polygon', coordinates: [square] }, { maxVertices: 4 })).toMatchObject({ reason: 'TOO_MANY_VERTICES' });
    expect(parsePolygonal({ type: 'Polygon', coordinates: [square] }, { maxVertices: 5 }).coordinates[0][0]).toHaveLength(5);
  });

  it('parses a ring at the default vertex limit in linear time', () => {
    const ring: number[][] = [];
    for (let i = 0; i < 99_999; i++) {
      const angle = (-2 * Math.PI * i) / 99_999;
      ring.push([120.15 + 0.05 * Math.cos(angle), 30.28 + 0.05 * Math.sin(angle)]);
    }
    ring.push(ring[0]);
    const started = Date.now();
    expect(vertexCount(parsePolygonal({ type: 'Polygon', coordinates: [ring] }))).toBe(100000);
    // ~0.2 s on a quiet machine, 2.5 s on an overloaded one; a pass that compared the positions pairwise
    // (5·10⁹ pairs) would take minutes. The bound catches that, not a slow machine (speed is measured in benchmarks).
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses coordinates nested 100,000 deep as TOO_DEEP before anything recursive runs', () => {
    let deep: unknown = [120.15, 30.26];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(parseError({ type: 'Polygon', coordinates: deep })).toMatchObject({ reason: 'TOO_DEEP' });
  });

  it('leaves the self-intersection check to the database when over budget', () => {
    expect(parsePolygonal(loadFixture('self-intersection'), { selfIntersectionBudget: 0 }).coordinates[0][0]).toHaveLength(5);
  });

  it('does not mutate its input', () => {
    const input = loadFixture('wrong-winding') as { coordinates: number[][][] };
    const before = JSON.stringify(input);
    const result: MultiPolygon = parsePolygonal(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(result.coordinates[0][0]).not.toBe(input.coordinates[0]);
  });
});

describe('parsePoint', () => {
  it('accepts a Point or a Feature of one and drops Z', () => {
    expect(parsePoint({ type: 'Point', coordinates: [120.15, 30.28, 9] })).toEqual({ type: 'Point', coordinates: [120.15, 30.28] });
    expect(parsePoint({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [120.15, 30.28] } })).toEqual({
      type: 'Point',
      coordinates: [120.15, 30.28],
    });
  });

  it('rejects other types and bad positions', () => {
    expect(() => parsePoint({ type: 'Polygon', coordinates: [square] })).toThrow(
      expect.objectContaining({ reason: 'WRONG_TYPE', path: 'type' }),
    );
    expect(() => parsePoint({ type: 'Point', coordinates: [200, 30] })).toThrow(
      expect.objectContaining({ reason: 'LNG_OUT_OF_RANGE', path: 'coordinates[0]' }),
    );
  });
});

describe('vertexCount / isPolygonal', () => {
  it('counts closing positions like ST_NPoints', () => {
    expect(vertexCount(parsePolygonal(loadFixture('hole')))).toBe(10);
    expect(vertexCount({ type: 'Point', coordinates: [1, 2] })).toBe(1);
  });

  it('recognises polygonal geometry objects only', () => {
    expect(isPolygonal({ type: 'Polygon', coordinates: [] })).toBe(true);
    expect(isPolygonal({ type: 'MultiPolygon', coordinates: [] })).toBe(true);
    expect(isPolygonal({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [] } })).toBe(false);
    expect(isPolygonal({ type: 'Point', coordinates: [0, 0] })).toBe(false);
    expect(isPolygonal(null)).toBe(false);
  });
});

describe('checkNesting', () => {
  it('lets the deepest real GeoJSON through: a collection of MultiPolygons in a FeatureCollection', () => {
    const multi = { type: 'MultiPolygon', coordinates: [[square]] };
    const collection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { a: { b: [1] } }, geometry: { type: 'GeometryCollection', geometries: [multi] } }],
    };
    expect(() => checkNesting(collection)).not.toThrow();
  });

  it('refuses one level more than the limit, whatever mixes arrays and objects', () => {
    let ok: unknown = 1;
    for (let i = 0; i < MAX_GEOJSON_DEPTH; i++) ok = i % 2 ? [ok] : { x: ok };
    expect(() => checkNesting(ok)).not.toThrow();
    expect(() => checkNesting([ok])).toThrow(expect.objectContaining({ reason: 'TOO_DEEP' }));
  });
});

describe('parseLineal', () => {
  it('reads a LineString or MultiLineString (or a Feature of one) as a 2D MultiLineString', () => {
    expect(
      parseLineal({
        type: 'LineString',
        coordinates: [
          [120.1, 30.2, 5],
          [120.2, 30.2],
        ],
      }),
    ).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [120.1, 30.2],
          [120.2, 30.2],
        ],
      ],
    });
    const multi = {
      type: 'MultiLineString',
      coordinates: [
        [
          [120.1, 30.2],
          [120.1, 30.2],
          [120.2, 30.3],
        ],
      ],
    };
    expect(parseLineal({ type: 'Feature', properties: {}, geometry: multi }).coordinates).toEqual([
      [
        [120.1, 30.2],
        [120.2, 30.3],
      ],
    ]);
  });

  it('refuses a polygon, a one-point line and an edge across the antimeridian, saying why', () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(() => parseLineal(polygon)).toThrow(
      expect.objectContaining({ reason: 'WRONG_TYPE', message: 'expected LineString or MultiLineString, got "Polygon"' }),
    );
    expect(() =>
      parseLineal({
        type: 'LineString',
        coordinates: [
          [1, 1],
          [1, 1],
        ],
      }),
    ).toThrow(expect.objectContaining({ reason: 'TOO_FEW_POSITIONS' }));
    expect(() =>
      parseLineal({
        type: 'LineString',
        coordinates: [
          [179, 1],
          [-179, 1],
        ],
      }),
    ).toThrow(expect.objectContaining({ reason: 'CROSSES_ANTIMERIDIAN' }));
    expect(() =>
      parseLineal({
        type: 'LineString',
        coordinates: [
          [200, 1],
          [1, 1],
        ],
      }),
    ).toThrow(GeoInputError);
  });
});
