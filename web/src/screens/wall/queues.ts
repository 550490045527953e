import type { CaseOrder } from '../../graphql/generated/graphql';

/** The command centre's queues, in the order the wall shows them; each key is an alias of CASE_QUEUES_QUERY. */
export const QUEUES = ['toFile', 'toDispatch', 'toVerify', 'overdue', 'extension'] as const;
export type QueueKey = (typeof QUEUES)[number];
/** How the queues may be ordered, the first the default: most urgent first (priority, then newest), newest, longest waiting. */
export const QUEUE_ORDERS = ['URGENT', 'NEWEST', 'OLDEST'] as const satisfies readonly CaseOrder[];

/** A box of about `metres` each way around a point, for the map to fly to a case's pin. */
export function boxAround(lng: number, lat: number, metres = 150): [number, number, number, number] {
  const dLat = metres / 111_320;
  const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}

/** The point of a case's `location` (a GeoJSON Point), or null for anything else. */
export function pointOf(location: unknown): [number, number] | null {
  const g = location as { type?: string; coordinates?: unknown } | null;
  if (g?.type !== 'Point' || !Array.isArray(g.coordinates)) return null;
  const [lng, lat] = g.coordinates as unknown[];
  return typeof lng === 'number' && typeof lat === 'number' ? [lng, lat] : null;
}
