import type { GeoJSON } from 'geojson';
import gcoord from 'gcoord';
import { GeoInputError } from './errors';
import { checkNesting } from './geojson';
import { makeLngLat, type LngLat } from './types';

/**
 * Geographic coordinate systems met in China: WGS84 (GPS, what we store), GCJ02 (火星坐标,
 * the state-mandated offset used by AMap/高德 and Tencent/腾讯 maps) and BD09 (Baidu/百度, a
 * further offset of GCJ02). The offsets only apply inside China; elsewhere they are identity.
 */
export type Crs = 'WGS84' | 'GCJ02' | 'BD09';

const CRS_ALIASES: Readonly<Record<string, Crs>> = {
  wgs84: 'WGS84',
  'wgs-84': 'WGS84',
  wgs1984: 'WGS84',
  'epsg:4326': 'WGS84',
  '4326': 'WGS84',
  gps: 'WGS84',
  gcj02: 'GCJ02',
  'gcj-02': 'GCJ02',
  amap: 'GCJ02',
  gaode: 'GCJ02',
  tencent: 'GCJ02',
  qq: 'GCJ02',
  bd09: 'BD09',
  'bd-09': 'BD09',
  bd09ll: 'BD09',
  baidu: 'BD09',
  bmap: 'BD09',
};

/** Reads a CRS name or common alias (`'EPSG:4326'`, `'amap'`, `'baidu'`…), case-insensitively. */
export function parseCrs(value: string): Crs {
  const crs = CRS_ALIASES[value.trim().toLowerCase()];
  if (!crs) {
    throw new GeoInputError('UNKNOWN_CRS', `unknown coordinate system ${JSON.stringify(value)}; use WGS84, GCJ02 or BD09`);
  }
  return crs;
}

const GCOORD_CRS: Readonly<Record<Crs, Parameters<typeof gcoord.transform>[1]>> = {
  WGS84: gcoord.WGS84,
  GCJ02: gcoord.GCJ02,
  BD09: gcoord.BD09,
};

/** A `bbox` member is stale once coordinates move, so copies drop it at every GeoJSON level. */
function dropBBoxes(geojson: GeoJSON): void {
  delete geojson.bbox;
  if (geojson.type === 'FeatureCollection') geojson.features.forEach(dropBBoxes);
  else if (geojson.type === 'Feature' && geojson.geometry) dropBBoxes(geojson.geometry);
  else if (geojson.type === 'GeometryCollection') geojson.geometries.forEach(dropBBoxes);
}

function convert<T extends GeoJSON>(geojson: T, from: Crs, to: Crs): T {
  checkNesting(geojson);
  const copy = structuredClone(geojson);
  dropBBoxes(copy);
  if (from === to) return copy;
  return gcoord.transform(copy as unknown as Parameters<typeof gcoord.transform>[0], GCOORD_CRS[from], GCOORD_CRS[to]) as unknown as T;
}

/** A copy of any GeoJSON object with coordinates converted from `from` to WGS-84; the input is untouched. */
export function toWgs84<T extends GeoJSON>(geojson: T, from: Crs): T {
  return convert(geojson, from, 'WGS84');
}

/** A copy of WGS-84 GeoJSON converted to `to`, e.g. to overlay on an AMap or Baidu base map. */
export function fromWgs84<T extends GeoJSON>(geojson: T, to: Crs): T {
  return convert(geojson, 'WGS84', to);
}

/** Converts one position between coordinate systems. */
export function convertLngLat(lngLat: LngLat, from: Crs, to: Crs): LngLat {
  const [lng, lat] = gcoord.transform([lngLat[0], lngLat[1]], GCOORD_CRS[from], GCOORD_CRS[to]);
  return makeLngLat(lng, lat);
}
