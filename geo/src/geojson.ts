import { coordEach, rewind } from '@turf/turf';
import type { GeoJSON, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { GeoInputError } from './errors';
import { checkRing, DEFAULT_SELF_INTERSECTION_BUDGET, type SweepBudget } from './self-intersection';
import { makeLat, makeLng, makeLngLat } from './types';

/** Default cap on positions per geometry: large enough for a street, small enough to stop a runaway upload. */
export const DEFAULT_MAX_VERTICES = 100_000;

/**
 * Deepest nesting of arrays and objects accepted in GeoJSON: a FeatureCollection's
 * Feature holding a GeometryCollection of MultiPolygons needs 10 (features, Feature,
 * geometry, geometries, geometry, then 4 levels of coordinates and the position), which
 * leaves room for nested `properties`.
 */
export const MAX_GEOJSON_DEPTH = 20;

/**
 * Refuses input that nests arrays and objects deeper than `maxDepth`, walking it with a
 * loop rather than recursion: run before anything recursive (structuredClone,
 * JSON.stringify, turf, gcoord) touches client input, so a document of 100,000 nested
 * arrays is a clear TOO_DEEP instead of a stack overflow.
 */
export function checkNesting(input: unknown, maxDepth = MAX_GEOJSON_DEPTH): void {
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth + 1 > maxDepth) throw new GeoInputError('TOO_DEEP', `nested deeper than ${maxDepth} levels of arrays and objects`);
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
}

export interface ParsePolygonalOptions {
  /** Most positions (closing ones included, as `ST_NPoints` counts) accepted. */
  maxVertices?: number;
  /** Segment-pair tests the early self-intersection check may spend before leaving it to the database. */
  selfIntersectionBudget?: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayAt(value: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new GeoInputError('WRONG_TYPE', `${what} must be an array`, { path });
  return value;
}

/** Strips Feature / FeatureCollection wrappers, remembering the path prefix for errors. */
function unwrapGeometry(input: unknown): { geometry: Json; prefix: string } {
  if (!isObject(input)) throw new GeoInputError('WRONG_TYPE', 'expected a GeoJSON object');
  if (input.type === 'FeatureCollection') {
    const features = arrayAt(input.features, 'features', 'features');
    if (features.length === 0) throw new GeoInputError('EMPTY', 'the feature collection has no features', { path: 'features' });
    if (features.length > 1) {
      throw new GeoInputError('WRONG_TYPE', `expected one polygonal feature, got ${features.length}`, { path: 'features' });
    }
    return unwrapFeature(features[0], 'features[0].');
  }
  if (input.type === 'Feature') return unwrapFeature(input, '');
  return { geometry: input, prefix: '' };
}

function unwrapFeature(feature: unknown, prefix: string): { geometry: Json; prefix: string } {
  if (!isObject(feature) || feature.type !== 'Feature') {
    throw new GeoInputError('WRONG_TYPE', 'expected a Feature', { path: prefix.replace(/\.$/, '') });
  }
  if (feature.geometry === null || feature.geometry === undefined) {
    throw new GeoInputError('EMPTY', 'the feature has no geometry', { path: `${prefix}geometry` });
  }
  if (!isObject(feature.geometry)) throw new GeoInputError('WRONG_TYPE', 'geometry must be an object', { path: `${prefix}geometry` });
  return { geometry: feature.geometry, prefix: `${prefix}geometry.` };
}

/** Reads one position as 2D `[lng, lat]`: a Z (or anything after it) is dropped. */
function readPosition(value: unknown, path: string): [number, number] {
  if (!Array.isArray(value) || value.length < 2) {
    throw new GeoInputError('WRONG_TYPE', 'a position is an array of 2 or 3 numbers', { path });
  }
  return [makeLng(value[0], `${path}[0]`), makeLat(value[1], `${path}[1]`)];
}

function sameLngLat(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function readRing(value: unknown, path: string, budget: SweepBudget): Position[] {
  const raw = arrayAt(value, path, 'a linear ring');
  const ring = raw.map((position, i) => readPosition(position, `${path}[${i}]`));
  if (ring.length < 4) {
    throw new GeoInputError('TOO_FEW_POSITIONS', `a linear ring needs at least 4 positions, got ${ring.length}`, {
      path,
      ...(ring.length > 0 && { location: makeLngLat(ring[0][0], ring[0][1]) }),
    });
  }
  const first = ring[0];
  if (!sameLngLat(first, ring[ring.length - 1])) {
    throw new GeoInputError('RING_NOT_CLOSED', 'the last position of a linear ring must equal the first', {
      path,
      location: makeLngLat(first[0], first[1]),
    });
  }
  checkAntimeridian(ring, path);
  checkRingCrossing(ring, path, budget);
  return ring;
}

/**
 * RFC 7946 §3.1.9 asks producers to cut geometry at ±180°. An edge spanning more than 180° of
 * longitude is almost always an uncut crossing that would otherwise be read as a band around
 * the globe, so it is rejected; no turf function detects this.
 */
function checkAntimeridian(ring: Position[], path: string): void {
  for (let i = 1; i < ring.length; i++) {
    if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) {
      throw new GeoInputError('CROSSES_ANTIMERIDIAN', 'an edge crosses the antimeridian: split the polygon at ±180° (RFC 7946 §3.1.9)', {
        path: `${path}[${i}]`,
        location: makeLngLat(ring[i - 1][0], ring[i - 1][1]),
      });
    }
  }
}

/**
 * Early self-intersection check, one ring at a time: a valid touch between rings (a hole
 * meeting the shell at one point, parts of a MultiPolygon sharing a vertex) looks like a
 * crossing to a segment test, so checks between rings are left to `ST_IsValid`.
 */
function checkRingCrossing(ring: Position[], path: string, budget: SweepBudget): void {
  const distinct = ring.filter((position, i) => i === 0 || !sameLngLat(position, ring[i - 1]));
  if (distinct.length < 4) {
    throw new GeoInputError('TOO_FEW_POSITIONS', `a linear ring needs at least 3 distinct positions, got ${distinct.length - 1}`, {
      path,
      location: makeLngLat(ring[0][0], ring[0][1]),
    });
  }
  const check = checkRing(distinct, budget);
  if (check.status !== 'crossing') return;
  const [lng, lat] = check.at;
  throw new GeoInputError('SELF_INTERSECTION', `the ring crosses itself near ${lng.toFixed(6)}, ${lat.toFixed(6)}`, {
    path,
    location: makeLngLat(lng, lat),
  });
}

/**
 * Validates polygonal GeoJSON from a client — Polygon, MultiPolygon, a Feature of either, or a
 * FeatureCollection holding exactly one such Feature — and returns it as a 2D MultiPolygon
 * wound as RFC 7946 asks (exterior counter-clockwise, holes clockwise). This is the early,
 * client-side check; the database's `ST_IsValid` stays authoritative.
 */
export function parsePolygonal(input: unknown, opts: ParsePolygonalOptions = {}): MultiPolygon {
  const maxVertices = opts.maxVertices ?? DEFAULT_MAX_VERTICES;
  checkNesting(input);
  const { geometry, prefix } = unwrapGeometry(input);
  const path = `${prefix}coordinates`;
  let polygons: { rings: unknown[]; path: string }[];
  if (geometry.type === 'Polygon') {
    polygons = [{ rings: arrayAt(geometry.coordinates, path, 'coordinates'), path }];
  } else if (geometry.type === 'MultiPolygon') {
    const parts = arrayAt(geometry.coordinates, path, 'coordinates');
    if (parts.length === 0) throw new GeoInputError('EMPTY', 'the MultiPolygon has no polygons', { path });
    polygons = parts.map((rings, i) => ({ rings: arrayAt(rings, `${path}[${i}]`, 'a polygon'), path: `${path}[${i}]` }));
  } else {
    throw new GeoInputError('WRONG_TYPE', `expected Polygon or MultiPolygon, got ${JSON.stringify(geometry.type)}`, {
      path: `${prefix}type`,
    });
  }

  let vertices = 0;
  const budget: SweepBudget = { remaining: opts.selfIntersectionBudget ?? DEFAULT_SELF_INTERSECTION_BUDGET };
  const coordinates = polygons.map((polygon) => {
    if (polygon.rings.length === 0) throw new GeoInputError('EMPTY', 'a polygon has no rings', { path: polygon.path });
    return polygon.rings.map((ring, i) => {
      const ringPath = `${polygon.path}[${i}]`;
      vertices += Array.isArray(ring) ? ring.length : 0;
      if (vertices > maxVertices) {
        throw new GeoInputError('TOO_MANY_VERTICES', `more than ${maxVertices} positions`, { path: ringPath });
      }
      return readRing(ring, ringPath, budget);
    });
  });
  const multiPolygon: MultiPolygon = { type: 'MultiPolygon', coordinates };
  rewind(multiPolygon, { mutate: true });
  return multiPolygon;
}

/**
 * Validates lineal GeoJSON — LineString, MultiLineString or a Feature of either — and returns
 * it as a 2D MultiLineString (a Z is dropped). Each line needs two distinct positions and no
 * edge may cross the antimeridian; `ST_IsValid` in the database stays authoritative.
 */
export function parseLineal(input: unknown, opts: { maxVertices?: number } = {}): MultiLineString {
  const maxVertices = opts.maxVertices ?? DEFAULT_MAX_VERTICES;
  checkNesting(input);
  const { geometry, prefix } = unwrapGeometry(input);
  const path = `${prefix}coordinates`;
  let lines: { positions: unknown[]; path: string }[];
  if (geometry.type === 'LineString') {
    lines = [{ positions: arrayAt(geometry.coordinates, path, 'coordinates'), path }];
  } else if (geometry.type === 'MultiLineString') {
    const parts = arrayAt(geometry.coordinates, path, 'coordinates');
    if (parts.length === 0) throw new GeoInputError('EMPTY', 'the MultiLineString has no lines', { path });
    lines = parts.map((line, i) => ({ positions: arrayAt(line, `${path}[${i}]`, 'a line'), path: `${path}[${i}]` }));
  } else {
    throw new GeoInputError('WRONG_TYPE', `expected LineString or MultiLineString, got ${JSON.stringify(geometry.type)}`, {
      path: `${prefix}type`,
    });
  }
  let vertices = 0;
  const coordinates = lines.map((line) => {
    vertices += line.positions.length;
    if (vertices > maxVertices) throw new GeoInputError('TOO_MANY_VERTICES', `more than ${maxVertices} positions`, { path: line.path });
    const positions = line.positions.map((position, i) => readPosition(position, `${line.path}[${i}]`));
    const distinct = positions.filter((p, i) => i === 0 || !sameLngLat(p, positions[i - 1]));
    if (distinct.length < 2) {
      throw new GeoInputError('TOO_FEW_POSITIONS', `a line needs at least 2 distinct positions, got ${distinct.length}`, {
        path: line.path,
        ...(positions.length > 0 && { location: makeLngLat(positions[0][0], positions[0][1]) }),
      });
    }
    checkAntimeridian(distinct, line.path);
    return distinct;
  });
  return { type: 'MultiLineString', coordinates };
}

/** Validates a Point or a Feature of one, dropping any Z. */
export function parsePoint(input: unknown): Point {
  if (!isObject(input)) throw new GeoInputError('WRONG_TYPE', 'expected a GeoJSON Point');
  const { geometry, prefix } = input.type === 'Feature' ? unwrapFeature(input, '') : { geometry: input, prefix: '' };
  if (geometry.type !== 'Point') {
    throw new GeoInputError('WRONG_TYPE', `expected Point, got ${JSON.stringify(geometry.type)}`, { path: `${prefix}type` });
  }
  return { type: 'Point', coordinates: readPosition(geometry.coordinates, `${prefix}coordinates`) };
}

/** Number of positions, counting each ring's closing position as PostGIS `ST_NPoints` does. */
export function vertexCount(geojson: GeoJSON): number {
  let count = 0;
  coordEach(geojson, () => {
    count += 1;
  });
  return count;
}

/** True for a Polygon or MultiPolygon geometry object (shape of `coordinates` not checked). */
export function isPolygonal(value: unknown): value is Polygon | MultiPolygon {
  return isObject(value) && (value.type === 'Polygon' || value.type === 'MultiPolygon') && Array.isArray(value.coordinates);
}
