/** Seconds the unattended tour shows each community (大网格). */
export const TOUR_STEP_MS = 20_000;

/** The next stop of the tour: communities in code order, round and round. */
export function nextTourIndex(current: number | null, count: number): number | null {
  if (count <= 0) return null;
  return current === null ? 0 : (current + 1) % count;
}
