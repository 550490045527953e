import { distanceM, expandBBox, makeBBox, makeLngLat } from '@streetgrid/geo';
import type { LngLat } from '../../graphql/types';
import { pointOf } from '../../graphql/types';
import { isOpen, type CaseSummary } from './types';

/** The radius the API calls a possible duplicate (case.service DUPLICATE_RADIUS_M). */
export const DUPLICATE_RADIUS_M = 50;
/** How far from the point a building may be to be offered as the report's place. */
export const BUILDING_RADIUS_M = 60;

/** The [w, s, e, n] box that holds every point within `meters` of `p`. */
export function boxAround(p: LngLat, meters: number): [number, number, number, number] {
  const [w, s, e, n] = expandBBox(makeBBox(p.lng, p.lat, p.lng, p.lat), meters);
  return [w, s, e, n];
}

const metres = (a: LngLat, b: LngLat) => distanceM(makeLngLat(a.lng, a.lat), makeLngLat(b.lng, b.lat));

/** Open cases within the duplicate radius of `p`, nearest first, each with its distance. */
export function possibleDuplicates(cases: readonly CaseSummary[], p: LngLat): { c: CaseSummary; meters: number }[] {
  return cases
    .filter((c) => isOpen(c.status))
    .map((c) => ({ c, meters: metres(pointOf(c.location), p) }))
    .filter((d) => d.meters <= DUPLICATE_RADIUS_M)
    .sort((a, b) => a.meters - b.meters);
}

/** Buildings nearest first, with their distance from `p`. */
export function byDistance<B extends { centroid: Parameters<typeof pointOf>[0] }>(
  buildings: readonly B[],
  p: LngLat,
): (B & { meters: number })[] {
  return buildings.map((b) => ({ ...b, meters: metres(pointOf(b.centroid), p) })).sort((a, b) => a.meters - b.meters);
}
