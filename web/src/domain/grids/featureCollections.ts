import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { BBox, GeoJSONGeometry, GridLevel, GridShape, StreetShape } from '../../graphql/types';
import type { MapFeatureProperties } from '../../map/sources';

export interface GridFeatureProperties extends MapFeatureProperties {
  level: GridLevel;
  parentId: string | null;
}

export type GridFeatureCollection = FeatureCollection<Polygon | MultiPolygon | Point, GridFeatureProperties>;
export type StreetFeatureCollection = FeatureCollection<Polygon | MultiPolygon, MapFeatureProperties>;

function isArea(geometry: GeoJSONGeometry | null | undefined): geometry is Polygon | MultiPolygon {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
}

function isPoint(geometry: GeoJSONGeometry | null | undefined): geometry is Point {
  return geometry?.type === 'Point';
}

/**
 * Turns grids into one map source: an `area` feature per grid from its geometry and a
 * `label` feature from its `labelPoint`, both carrying the grid's id, code, name and level.
 * A grid whose geometry is not a (multi)polygon draws no area; one without a point label
 * draws no label — the rest of the map still renders.
 */
export function gridsToFeatureCollection(grids: readonly GridShape[]): GridFeatureCollection {
  const features: Feature<Polygon | MultiPolygon | Point, GridFeatureProperties>[] = [];
  for (const grid of grids) {
    const base = { id: grid.id, code: grid.code, name: grid.name, level: grid.level, parentId: grid.parentId };
    if (isArea(grid.geometry)) {
      features.push({ type: 'Feature', geometry: grid.geometry, properties: { ...base, kind: 'area' } });
    }
    if (isPoint(grid.labelPoint)) {
      features.push({ type: 'Feature', geometry: grid.labelPoint, properties: { ...base, kind: 'label' } });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** The `street` source: each street's outline as an `area` feature. */
export function streetsToFeatureCollection(streets: readonly StreetShape[]): StreetFeatureCollection {
  const features: Feature<Polygon | MultiPolygon, MapFeatureProperties>[] = [];
  for (const street of streets) {
    if (!isArea(street.geometry)) continue;
    features.push({
      type: 'Feature',
      geometry: street.geometry,
      properties: { id: street.id, code: street.code, name: street.name, kind: 'area' },
    });
  }
  return { type: 'FeatureCollection', features };
}

function isBBox(value: readonly number[]): boolean {
  if (value.length !== 4 || !value.every(Number.isFinite)) return false;
  const [west, south, east, north] = value;
  return west <= east && south <= north && south >= -90 && north <= 90 && west >= -180 && east <= 180;
}

/** The box around every street the map shows, or `null` when no street has a usable bbox. */
export function streetsBBox(streets: readonly StreetShape[]): BBox | null {
  const boxes = streets.map((street) => street.bbox).filter(isBBox);
  if (boxes.length === 0) return null;
  return [
    Math.min(...boxes.map((box) => box[0])),
    Math.min(...boxes.map((box) => box[1])),
    Math.max(...boxes.map((box) => box[2])),
    Math.max(...boxes.map((box) => box[3])),
  ];
}
