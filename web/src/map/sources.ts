import type { GridLevel } from '../graphql/types';

/** Source id of the street outline (街道), the base of the map. */
export const STREET_SOURCE = 'street';

/** Vector-tile source of the grids (`/tiles/grids/…`), every level in one source. */
export const GRID_SOURCE = 'grids';
/** Its MVT layers: grid polygons (property `level` tells the level) and one label point per grid. */
export const GRID_TILE_LAYER = 'grids';
export const GRID_LABEL_LAYER = 'grid_labels';
/** Vector-tile source of the building footprints (`/tiles/buildings/…`) and its MVT layer. */
export const BUILDING_SOURCE = 'buildings';
export const BUILDING_LAYER = 'buildings';

/** Properties of a grid feature in the tiles (see api/src/modules/tile/tile.layers.ts). */
export interface GridTileProperties {
  id: string;
  code: string;
  name: string;
  level: GridLevel;
  open_cases: number;
}

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
