import { bbox as turfBBox, bboxPolygon, lengthToDegrees } from '@turf/turf';
import type { GeoJSON, Polygon } from 'geojson';
import { GeoInputError } from './errors';
import { makeBBox, makeMeters, type BBox } from './types';

/**
 * The box around any GeoJSON. A geometry cut at the antimeridian (RFC 7946 §3.1.9) gets
 * the full longitude range, since {@link BBox} does not wrap: wider, never missing parts.
 */
export function bboxOf(geojson: GeoJSON): BBox {
  const [west, south, east, north] = turfBBox(geojson);
  if (![west, south, east, north].every(Number.isFinite)) {
    throw new GeoInputError('EMPTY', 'an empty geometry has no bounding box');
  }
  return makeBBox(west, south, east, north);
}

/** True when two boxes share any point; touching edges count. */
export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The box as an RFC 7946 Polygon (counter-clockwise), e.g. for an `intersects` query. */
export function bboxToPolygon(bbox: BBox): Polygon {
  return bboxPolygon([bbox[0], bbox[1], bbox[2], bbox[3]]).geometry;
}

/**
 * Grows a box by at least `meters` on every side, clamped to the world. East–west degrees are
 * taken at the box's most poleward latitude, where a degree is shortest, so the margin holds
 * everywhere in the box.
 */
export function expandBBox(bbox: BBox, meters: number): BBox {
  const latDegrees = lengthToDegrees(makeMeters(meters, 'meters'), 'meters');
  const south = Math.max(bbox[1] - latDegrees, -90);
  const north = Math.min(bbox[3] + latDegrees, 90);
  const cosLat = Math.cos((Math.max(Math.abs(south), Math.abs(north)) * Math.PI) / 180);
  const lngDegrees = cosLat > 1e-9 ? latDegrees / cosLat : 360;
  return makeBBox(Math.max(bbox[0] - lngDegrees, -180), south, Math.min(bbox[2] + lngDegrees, 180), north);
}

/** A bbox part as a finite number; digits are accepted only when the whole bbox came as a string. */
function bboxNumber(part: unknown, index: number, fromString: boolean): number {
  const n = fromString && typeof part === 'string' && part.trim() !== '' ? Number(part) : part;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new GeoInputError('NOT_NUMBER', `bbox[${index}] is not a number: ${JSON.stringify(part)}`, { path: `bbox[${index}]` });
  }
  return n;
}

/** Reads a `bbox` query argument: `"w,s,e,n"` or a 4-number array. */
export function parseBBox(input: string | readonly unknown[]): BBox {
  const fromString = typeof input === 'string';
  const parts: readonly unknown[] = fromString ? input.split(',') : input;
  if (parts.length !== 4) {
    throw new GeoInputError('WRONG_TYPE', `a bbox is west,south,east,north: 4 numbers, got ${parts.length}`, { path: 'bbox' });
  }
  const [west, south, east, north] = parts.map((part, i) => bboxNumber(part, i, fromString));
  return makeBBox(west, south, east, north);
}
