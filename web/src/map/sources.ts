import type { GridLevel } from '../graphql/types';

/** Source id of the street outline (街道), the base of the map. */
export const STREET_SOURCE = 'street';

/** Source id per grid level; each holds the grids of that level as GeoJSON. */
export const GRID_SOURCES = {
  LARGE: 'grids-large',
  MEDIUM: 'grids-medium',
  SMALL: 'grids-small',
} as const satisfies Record<GridLevel, string>;

export type GridSourceId = (typeof GRID_SOURCES)[GridLevel];

/**
 * What a feature in a map source draws: its area (fill and outline) or its label point.
 * One grid contributes one of each, so labels sit on the API's `labelPoint` instead of
 * being repeated on every tile the polygon touches.
 */
export type FeatureKind = 'area' | 'label';

/** Properties every feature in a map source carries. `id` is promoted to the feature id for feature-state. */
export interface MapFeatureProperties {
  id: string;
  code: string;
  name: string;
  kind: FeatureKind;
}
