import { toMercator, toWgs84 } from '@turf/turf';
import { GeoInputError } from './errors';
import { makeBBox, makeLat, makeMeters, makeTileCoord, type BBox, type LngLat, type Meters, type TileCoord } from './types';

/** Length of the equator in EPSG:3857 metres (2π × 6378137). */
export const WEB_MERCATOR_EXTENT = 2 * Math.PI * 6378137;
const HALF_EXTENT = WEB_MERCATOR_EXTENT / 2;
/** Pixel width of a tile that tolerances are computed for. */
export const TILE_SIZE_PX = 256;
/** Tiles a single {@link tilesCovering} call returns unless the caller allows more. */
export const DEFAULT_MAX_TILES = 4096;

/** A tile's extent in EPSG:3857 metres, as `ST_TileEnvelope` returns it. */
export type Envelope3857 = Readonly<{ minX: number; minY: number; maxX: number; maxY: number }>;

/**
 * The tile's square in EPSG:3857 metres; the SQL tile query clips to it. Tile indexing in this
 * file is hand-written: turf projects to and from EPSG:3857 but has no tile functions, and
 * @mapbox/tilebelt is not a dependency. It is the standard web-mercator pyramid, y down from north.
 */
export function tileEnvelope3857(tile: TileCoord): Envelope3857 {
  const size = WEB_MERCATOR_EXTENT / 2 ** tile.z;
  return {
    minX: -HALF_EXTENT + tile.x * size,
    maxX: -HALF_EXTENT + (tile.x + 1) * size,
    minY: HALF_EXTENT - (tile.y + 1) * size,
    maxY: HALF_EXTENT - tile.y * size,
  };
}

/** The tile's extent in WGS-84 degrees; latitudes stop at web mercator's ±85.0511°. */
export function tileBBox(tile: TileCoord): BBox {
  const envelope = tileEnvelope3857(tile);
  const [west, south] = toWgs84([envelope.minX, envelope.minY]);
  const [east, north] = toWgs84([envelope.maxX, envelope.maxY]);
  return makeBBox(west, south, east, north);
}

/** Snaps projection round-off (a tile's own bbox lands 1e-10 past its edge) back onto the edge. */
const snapToEdge = (fraction: number) => (Math.abs(fraction - Math.round(fraction)) < 1e-9 ? Math.round(fraction) : fraction);

/** Fractional tile column and row of a position at zoom `z` (not clamped). */
function tileFraction(lng: number, lat: number, z: number): [number, number] {
  const [x, y] = toMercator([lng, lat]);
  const tiles = 2 ** z;
  return [snapToEdge(((x + HALF_EXTENT) / WEB_MERCATOR_EXTENT) * tiles), snapToEdge(((HALF_EXTENT - y) / WEB_MERCATOR_EXTENT) * tiles)];
}

const clampIndex = (value: number, z: number) => Math.min(Math.max(value, 0), 2 ** z - 1);

/** Validates a zoom level the same way a tile address is validated. */
const checkZoom = (z: number) => makeTileCoord(z, 0, 0).z;

/** The tile at zoom `z` that contains a position; lng 180 and the poles fall in the edge tiles. */
export function lngLatToTile(lngLat: LngLat, z: number): TileCoord {
  checkZoom(z);
  const [fx, fy] = tileFraction(lngLat[0], lngLat[1], z);
  return makeTileCoord(z, clampIndex(Math.floor(fx), z), clampIndex(Math.floor(fy), z));
}

/**
 * Tiles at zoom `z` that a box touches, row by row from the north-west. A box edge lying
 * exactly on a tile edge does not pull in the neighbour. Throws `TOO_MANY_TILES` rather
 * than truncating when the cover exceeds `maxTiles`.
 */
export function tilesCovering(bbox: BBox, z: number, maxTiles: number = DEFAULT_MAX_TILES): TileCoord[] {
  checkZoom(z);
  const [west, south, east, north] = bbox;
  const [fxWest, fyNorth] = tileFraction(west, north, z);
  const [fxEast, fySouth] = tileFraction(east, south, z);
  const minX = clampIndex(Math.floor(fxWest), z);
  const minY = clampIndex(Math.floor(fyNorth), z);
  const maxX = clampIndex(Math.max(Math.ceil(fxEast) - 1, minX), z);
  const maxY = clampIndex(Math.max(Math.ceil(fySouth) - 1, minY), z);
  const count = (maxX - minX + 1) * (maxY - minY + 1);
  if (count > maxTiles) {
    throw new GeoInputError('TOO_MANY_TILES', `the box needs ${count} tiles at z ${z}, more than ${maxTiles}`);
  }
  const tiles: TileCoord[] = [];
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) tiles.push(makeTileCoord(z, x, y));
  }
  return tiles;
}

/** Reads the `{z}/{x}/{y}` segments of a tile URL: plain decimal integers inside the pyramid. */
export function parseTilePath(z: string, x: string, y: string): TileCoord {
  const read = (value: string, name: string) => {
    if (!/^\d{1,9}$/.test(value)) {
      throw new GeoInputError('NOT_NUMBER', `${name} must be a non-negative integer, got ${JSON.stringify(value)}`, { path: name });
    }
    return Number(value);
  };
  return makeTileCoord(read(z, 'z'), read(x, 'x'), read(y, 'y'));
}

/**
 * Simplification tolerance for tiles at zoom `z`: half a 256 px pixel, in EPSG:3857 metres
 * (ground metres at the equator). Simplifying by less than half a pixel is invisible.
 */
export function simplifyToleranceMeters(z: number): Meters {
  return makeMeters(WEB_MERCATOR_EXTENT / (TILE_SIZE_PX * 2 ** checkZoom(z)) / 2);
}

/**
 * The same half pixel in degrees, for simplifying WGS-84 geometry. A pixel spans fixed degrees
 * of longitude but only cos(lat) as many degrees of latitude, so the latitude span — the
 * smaller one — is used and the tolerance needs the latitude of the data.
 */
export function simplifyToleranceDegrees(z: number, lat: number): number {
  return (180 / (TILE_SIZE_PX * 2 ** checkZoom(z))) * Math.cos((makeLat(lat, 'lat') * Math.PI) / 180);
}
