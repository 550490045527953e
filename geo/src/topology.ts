import { area, difference, feature, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { bboxIntersects, bboxOf } from './bbox';
import { labelPoint } from './measure';
import type { BBox, LngLat } from './types';

/** A grid polygon with the id it is reported under (code, import row…). */
export interface IdentifiedPolygon {
  id: string;
  geometry: MultiPolygon;
}

/** Two grids that overlap (重叠): where and by how much. */
export interface Overlap {
  /** Id of the pair member that comes first in the input. */
  a: string;
  b: string;
  areaM2: number;
  /** A point inside the overlap, for the map marker. */
  location: LngLat;
}

function asMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'MultiPolygon' ? geometry : { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
}

/**
 * Pairs of grids whose overlap is at least `minAreaM2` (smaller ones are digitising noise),
 * largest first. This and the checks below serve import reports and quick feedback; PostGIS
 * re-checks on write. Clipping is planar on lng/lat (turf), areas are geodesic: the
 * difference is negligible at street scale. Candidate pairs come from a sort-and-sweep over bounding boxes (sorted by
 * west edge, a box leaves the sweep once the sweep passes its east edge), so polygon
 * intersection only runs for boxes that meet, not for all n² pairs.
 */
export function findOverlaps(features: readonly IdentifiedPolygon[], minAreaM2 = 1): Overlap[] {
  type Entry = IdentifiedPolygon & { index: number; box: BBox };
  const entries: Entry[] = features
    .map((item, index) => ({ ...item, index, box: bboxOf(item.geometry) }))
    .sort((p, q) => p.box[0] - q.box[0]);
  const overlaps: Overlap[] = [];
  let active: Entry[] = [];
  for (const entry of entries) {
    active = active.filter((other) => other.box[2] >= entry.box[0]);
    for (const other of active) {
      if (!bboxIntersects(other.box, entry.box)) continue;
      const shared = intersect(featureCollection([feature(other.geometry), feature(entry.geometry)]));
      if (!shared) continue;
      const areaM2 = area(shared);
      if (areaM2 < minAreaM2) continue;
      const [first, second] = other.index < entry.index ? [other, entry] : [entry, other];
      overlaps.push({ a: first.id, b: second.id, areaM2, location: labelPoint(shared) });
    }
    active.push(entry);
  }
  return overlaps.sort((p, q) => q.areaM2 - p.areaM2 || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}

/** The union of polygons, or `null` for none; turf's union needs at least two. */
function unionAll(polygons: readonly MultiPolygon[]): Feature<Polygon | MultiPolygon> | null {
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return feature(polygons[0]);
  return union(featureCollection(polygons.map((polygon) => feature(polygon))));
}

/** How much of a parent grid its children leave uncovered (覆盖缺口). */
export interface CoverageGap {
  gapAreaM2: number;
  /** Gap as a percentage (0–100) of the parent's area. */
  gapPercent: number;
  /** The uncovered part, to draw in the import report; `null` when fully covered. */
  gap: MultiPolygon | null;
}

/** The part of `parent` that no child covers; children reaching outside the parent do not count extra. */
export function coverageGap(parent: MultiPolygon, children: readonly MultiPolygon[]): CoverageGap {
  const parentArea = area(parent);
  const covered = unionAll(children);
  const uncovered = covered ? difference(featureCollection([feature(parent), covered])) : feature(parent);
  const gapAreaM2 = uncovered ? area(uncovered) : 0;
  return {
    gapAreaM2,
    gapPercent: parentArea > 0 ? (gapAreaM2 / parentArea) * 100 : 0,
    gap: uncovered ? asMultiPolygon(uncovered.geometry) : null,
  };
}

/** How much of a child grid lies outside its parent (越界). */
export interface OutsideParent {
  outsideAreaM2: number;
  /** True when the outside area exceeds the tolerance. */
  outside: boolean;
  /** A point in the outside part, when there is one above the tolerance. */
  location?: LngLat;
}

/** The part of `child` outside `parent`; up to `toleranceM2` is accepted as shared-edge noise. */
export function outsideParent(child: MultiPolygon, parent: MultiPolygon, toleranceM2 = 1): OutsideParent {
  const outsidePart = difference(featureCollection([feature(child), feature(parent)]));
  const outsideAreaM2 = outsidePart ? area(outsidePart) : 0;
  if (!outsidePart || outsideAreaM2 <= toleranceM2) return { outsideAreaM2, outside: false };
  return { outsideAreaM2, outside: true, location: labelPoint(outsidePart) };
}

/** Codes that occur more than once, each reported once, in order of first appearance. */
export function duplicates(codes: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([code]) => code);
}
