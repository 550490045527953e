import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import type { GridDetailFragment, GridLevel, GridShapeFragment, StreetsQuery } from './generated/graphql';

export type { GridLevel };

/** Every level, largest first. */
export const gridLevels: readonly GridLevel[] = ['LARGE', 'MEDIUM', 'SMALL'];

/** West, south, east, north in WGS-84 degrees, as the API's `bbox` fields give it. */
export type BBox = readonly [west: number, south: number, east: number, north: number];

/** A value of the API's `GeoJSON` scalar: an RFC 7946 geometry, WGS-84 lng/lat. */
export type GeoJSONGeometry = Geometry;

/** A street (街道) as the `streets` query selects it. */
export type StreetShape = StreetsQuery['streets'][number];

/** A grid as the map draws it: outline, label point and identity, nothing else. */
export type GridShape = GridShapeFragment;

type GridLeaderRow = GridDetailFragment['leaders'][number];

/**
 * A grid as the side panel shows it, from `gridAt`. The panel prints a leader's role as it
 * comes, so any text will do here (the API sends its LeaderRole).
 */
export type GridDetail = Omit<GridDetailFragment, 'leaders'> & { leaders: (Omit<GridLeaderRow, 'role'> & { role: string })[] };

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A page of a cursor connection, whatever its node type. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

export type AreaGeometry = Polygon | MultiPolygon;
export type LabelGeometry = Point;

/** A point on the map in WGS-84 degrees. */
export interface LngLat {
  lng: number;
  lat: number;
}

/**
 * The position of a `GeoJSON` value the API always sends as a Point (a registration's
 * location); the scalar itself allows any geometry, so anything else is an error.
 */
export function pointOf(geometry: GeoJSONGeometry): LngLat {
  if (geometry.type !== 'Point') throw new Error(`expected a Point, got ${geometry.type}`);
  const [lng, lat] = geometry.coordinates;
  return { lng, lat };
}
