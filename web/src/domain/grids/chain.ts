import type { GridDetail, GridLevel } from '../../graphql/types';

const ORDER: Record<GridLevel, number> = { SMALL: 0, MEDIUM: 1, LARGE: 2 };

/**
 * The containing grids from the innermost out: SMALL → MEDIUM → LARGE, the way a case
 * escalates. The API already answers in this order; sorting keeps the panel right if it does not.
 */
export function orderChain(grids: readonly GridDetail[]): GridDetail[] {
  return [...grids].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
}
