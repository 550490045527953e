import { GeoInputError } from './errors';

/**
 * A `T` that only a validating constructor hands out, so a bare number cannot be passed
 * where a checked longitude, tile or distance is expected. The brand exists only in types.
 */
export type Branded<T, B extends string> = T & { readonly __brand: B };

/** Longitude in degrees, WGS-84, in [-180, 180]. */
export type Lng = Branded<number, 'Lng'>;
/** Latitude in degrees, WGS-84, in [-90, 90]. */
export type Lat = Branded<number, 'Lat'>;
/** A position in GeoJSON order: `[lng, lat]`, WGS-84. */
export type LngLat = Branded<readonly [lng: Lng, lat: Lat], 'LngLat'>;
/** RFC 7946 bounding box `[west, south, east, north]`; never crosses the antimeridian here. */
export type BBox = Branded<readonly [west: Lng, south: Lat, east: Lng, north: Lat], 'BBox'>;
/** Slippy-map tile address (web mercator, y down from the north, as in `/tiles/{z}/{x}/{y}`). */
export type TileCoord = Branded<Readonly<{ z: number; x: number; y: number }>, 'TileCoord'>;
/** A non-negative length in metres. */
export type Meters = Branded<number, 'Meters'>;

/** Highest zoom a tile address may have. */
export const MAX_TILE_ZOOM = 24;

function finiteNumber(value: unknown, path?: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new GeoInputError('NOT_NUMBER', `expected a finite number, got ${JSON.stringify(value) ?? String(value)}`, { path });
  }
  return value;
}

/** Checks a longitude; `path` names it in the error. */
export function makeLng(value: unknown, path?: string): Lng {
  const n = finiteNumber(value, path);
  if (n < -180 || n > 180) {
    const hint = Math.abs(n) > 1000 ? ' (looks like projected metres, e.g. EPSG:3857; send WGS-84 degrees)' : '';
    throw new GeoInputError('LNG_OUT_OF_RANGE', `longitude ${n} is outside [-180, 180]${hint}`, { path });
  }
  return n as Lng;
}

/** Checks a latitude; `path` names it in the error. */
export function makeLat(value: unknown, path?: string): Lat {
  const n = finiteNumber(value, path);
  if (n < -90 || n > 90) {
    throw new GeoInputError('LAT_OUT_OF_RANGE', `latitude ${n} is outside [-90, 90]`, { path });
  }
  return n as Lat;
}

/** Checks and pairs a longitude and latitude. */
export function makeLngLat(lng: unknown, lat: unknown): LngLat {
  return [makeLng(lng, 'lng'), makeLat(lat, 'lat')] as const as LngLat;
}

/** Checks a bounding box: values in range, west ≤ east, south ≤ north. */
export function makeBBox(west: unknown, south: unknown, east: unknown, north: unknown): BBox {
  const box = [makeLng(west, 'west'), makeLat(south, 'south'), makeLng(east, 'east'), makeLat(north, 'north')] as const;
  if (box[0] > box[2]) {
    throw new GeoInputError('INVERTED_BBOX', `west ${box[0]} is east of east ${box[2]} (antimeridian-crossing boxes are not supported)`, {
      path: 'west',
    });
  }
  if (box[1] > box[3]) {
    throw new GeoInputError('INVERTED_BBOX', `south ${box[1]} is north of north ${box[3]}`, { path: 'south' });
  }
  return box as BBox;
}

function tileInteger(value: unknown, name: string): number {
  const n = finiteNumber(value, name);
  if (!Number.isInteger(n)) throw new GeoInputError('NOT_NUMBER', `${name} must be an integer, got ${n}`, { path: name });
  return n;
}

/** Checks a tile address: integers, 0 ≤ z ≤ 24, 0 ≤ x, y < 2^z. */
export function makeTileCoord(z: unknown, x: unknown, y: unknown): TileCoord {
  const zoom = tileInteger(z, 'z');
  if (zoom < 0 || zoom > MAX_TILE_ZOOM) {
    throw new GeoInputError('OUT_OF_BOUNDS', `z ${zoom} is outside [0, ${MAX_TILE_ZOOM}]`, { path: 'z' });
  }
  const size = 2 ** zoom;
  const col = tileInteger(x, 'x');
  const row = tileInteger(y, 'y');
  if (col < 0 || col >= size) throw new GeoInputError('OUT_OF_BOUNDS', `x ${col} is outside [0, ${size - 1}] at z ${zoom}`, { path: 'x' });
  if (row < 0 || row >= size) throw new GeoInputError('OUT_OF_BOUNDS', `y ${row} is outside [0, ${size - 1}] at z ${zoom}`, { path: 'y' });
  return { z: zoom, x: col, y: row } as TileCoord;
}

/** Checks a length: finite and not negative. */
export function makeMeters(value: unknown, path?: string): Meters {
  const n = finiteNumber(value, path);
  if (n < 0) throw new GeoInputError('OUT_OF_BOUNDS', `a length cannot be negative, got ${n}`, { path });
  return n as Meters;
}

/**
 * Grid level: LARGE 大网格 (社区 community), MEDIUM 中网格 (小区 compound),
 * SMALL 小网格 (楼栋/巷 building or lane). The street (街道) sits above LARGE.
 */
export type GridLevel = 'LARGE' | 'MEDIUM' | 'SMALL';

/** Grid levels from the finest to the coarsest; the index is the level's rank. */
export const GRID_LEVELS: readonly GridLevel[] = ['SMALL', 'MEDIUM', 'LARGE'];

/** Checks a grid level name. */
export function parseGridLevel(value: unknown): GridLevel {
  if (typeof value === 'string' && (GRID_LEVELS as readonly string[]).includes(value)) return value as GridLevel;
  throw new GeoInputError('UNKNOWN_GRID_LEVEL', `grid level must be one of ${GRID_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
}

/** The level a grid's parent has; `null` for LARGE, whose parent is the street itself. */
export function parentLevel(level: GridLevel): GridLevel | null {
  return GRID_LEVELS[GRID_LEVELS.indexOf(level) + 1] ?? null;
}

/** The level of a grid's children; `null` for SMALL, the finest level. */
export function childLevel(level: GridLevel): GridLevel | null {
  return GRID_LEVELS[GRID_LEVELS.indexOf(level) - 1] ?? null;
}
