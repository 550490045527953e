import { BASEMAP_MVT_LAYER, BUILDING_MVT_LAYER, GRID_LABEL_MVT_LAYER, GRID_MVT_LAYER } from '@streetgrid/geo';

/** Source id of the street outline (街道), the base of the map. */
export const STREET_SOURCE = 'street';

/** Vector-tile source of the grids (`/tiles/grids/…`), every level in one source. */
export const GRID_SOURCE = 'grids';
/** Its MVT layers (the tile contract in geo): grid polygons (property `level` tells the level) and one label point per grid. */
export const GRID_TILE_LAYER = GRID_MVT_LAYER;
export const GRID_LABEL_LAYER = GRID_LABEL_MVT_LAYER;
/** Vector-tile source of the building footprints (`/tiles/buildings/…`) and its MVT layer. */
export const BUILDING_SOURCE = 'buildings';
export const BUILDING_LAYER = BUILDING_MVT_LAYER;
/** Vector-tile source of the offline base map (`/tiles/basemap/…`: roads, water, green) and its MVT layer. */
export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_LAYER = BASEMAP_MVT_LAYER;

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
