import { area, centroid as turfCentroid, distance, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { makeLngLat, makeMeters, type LngLat, type Meters } from './types';

/** Anything the measures accept: a geometry, a feature or a collection of features. */
export type Measurable = Geometry | Feature | FeatureCollection;

/** Geodesic area in m² (面积), as shown in grid reports; 0 for points and lines. */
export function areaM2(geojson: Measurable): number {
  return area(geojson);
}

/** Great-circle distance in metres between two positions. */
export function distanceM(a: LngLat, b: LngLat): Meters {
  return makeMeters(distance([a[0], a[1]], [b[0], b[1]], { units: 'meters' }));
}

/**
 * Mean of the vertices. Cheap and stable, but it can fall outside a concave polygon (an L-shaped
 * compound): use {@link labelPoint} for anything drawn or looked up by point.
 */
export function centroid(geojson: Measurable): LngLat {
  const [lng, lat] = turfCentroid(geojson).geometry.coordinates;
  return makeLngLat(lng, lat);
}

/** A point guaranteed to lie on the geometry, for labels and map markers (标注点). */
export function labelPoint(geojson: Measurable): LngLat {
  const [lng, lat] = pointOnFeature(geojson).geometry.coordinates;
  return makeLngLat(lng, lat);
}
