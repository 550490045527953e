import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';

/** Grid levels, largest first: 大网格 (community 社区) → 中网格 (compound 小区) → 小网格 (building 楼栋 / lane 街巷). */
export type GridLevel = 'LARGE' | 'MEDIUM' | 'SMALL';

/** Every level, largest first. */
export const gridLevels: readonly GridLevel[] = ['LARGE', 'MEDIUM', 'SMALL'];

/** West, south, east, north in WGS-84 degrees, as the API's `bbox` fields give it. */
export type BBox = readonly [west: number, south: number, east: number, north: number];

/** A value of the API's `GeoJSON` scalar: an RFC 7946 geometry, WGS-84 lng/lat. */
export type GeoJSONGeometry = Geometry;

/** A street (街道) as the `streets` query selects it. */
export interface StreetShape {
  id: string;
  code: string;
  name: string;
  geometry: GeoJSONGeometry;
  bbox: readonly number[];
}

/** A grid as the map draws it: outline, label point and identity, nothing else. */
export interface GridShape {
  id: string;
  code: string;
  name: string;
  level: GridLevel;
  parentId: string | null;
  geometry: GeoJSONGeometry;
  labelPoint: GeoJSONGeometry;
}

/** A grid's leader (网格长). `since` is the date the API sends, usually ISO `YYYY-MM-DD`. */
export interface GridLeader {
  id: string;
  name: string;
  role: string;
  since: string;
}

/** A grid as the side panel shows it, from `gridAt`. */
export interface GridDetail {
  id: string;
  code: string;
  name: string;
  level: GridLevel;
  areaM2: number;
  counts: { buildings: number; households: number; residents: number };
  leaders: GridLeader[];
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

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
