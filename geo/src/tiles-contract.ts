import type { BasemapKind } from './basemap';
import type { GridLevel } from './types';

/**
 * The vector-tile contract between the API (which serves the tiles) and the web map (which
 * draws them): tile layers and their URLs, the MVT layers inside, their feature properties
 * and the zoom bands. Both sides import it from here, so they cannot drift apart.
 *
 * - `grids`: one tile holds two MVT layers — `grids` (grid polygons of every level visible
 *   at that zoom) and `grid_labels` (each grid's label point, so a label is drawn once and
 *   not once per tile the polygon crosses). Properties: {@link GridTileProperties}.
 * - `buildings`: MVT layer `buildings` (footprints). Properties: {@link BuildingTileProperties}.
 *
 * - `basemap`: MVT layer `basemap` (roads, water, green beneath the grids). Properties:
 *   {@link BasemapTileProperties}; which kinds at which zoom: `BASEMAP_KIND_MINZOOM` (basemap.ts).
 *
 * Zoom bands: LARGE grids from z10, MEDIUM from z13, SMALL grids and buildings from z15.
 * Below a layer's band its tiles are empty (204).
 */
export const TILE_LAYERS = ['grids', 'buildings', 'basemap'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

export function isTileLayer(value: string): value is TileLayer {
  return (TILE_LAYERS as readonly string[]).includes(value);
}

/** The URL path of a tile layer on the API's origin, with MapLibre's `{z}/{x}/{y}` placeholders. */
export function tilePathTemplate(layer: TileLayer): string {
  return `/tiles/${layer}/{z}/{x}/{y}.mvt`;
}

/** MVT layer of grid polygons (every level, told apart by the `level` property). */
export const GRID_MVT_LAYER = 'grids';
/** MVT layer of grid label points, one per grid. */
export const GRID_LABEL_MVT_LAYER = 'grid_labels';
/** MVT layer of building footprints. */
export const BUILDING_MVT_LAYER = 'buildings';

/** MVT layer of the base map's roads and areas. */
export const BASEMAP_MVT_LAYER = 'basemap';

/** The MVT layers a tile of each tile layer may hold. */
export const MVT_LAYERS: Readonly<Record<TileLayer, readonly string[]>> = {
  grids: [GRID_MVT_LAYER, GRID_LABEL_MVT_LAYER],
  buildings: [BUILDING_MVT_LAYER],
  basemap: [BASEMAP_MVT_LAYER],
};

/** Properties of a feature in `basemap`: the kind (a road class, WATER or GREEN) and its Chinese name, if any. */
export interface BasemapTileProperties {
  kind: BasemapKind;
  name: string | null;
}

/** Properties of a feature in `grids` and `grid_labels`. `id` is a uuid (the map promotes it to the feature id). */
export interface GridTileProperties {
  id: string;
  code: string;
  name: string;
  level: GridLevel;
  /** Open cases reported in the grid or any grid inside it. */
  open_cases: number;
}

/** Properties of a feature in `buildings`. */
export interface BuildingTileProperties {
  id: string;
  code: string;
  name: string;
  address: string;
  floors: number;
  /** The small grid the building lies in. */
  grid_id: string;
}

/** First zoom at which each grid level is put into tiles (and drawn). */
export const GRID_LEVEL_MINZOOM: Readonly<Record<GridLevel, number>> = { LARGE: 10, MEDIUM: 13, SMALL: 15 };
/** First zoom at which buildings are put into tiles (and drawn). */
export const BUILDINGS_MINZOOM = 15;
/** Deepest zoom served; clients overzoom past their source's maxzoom anyway. */
export const TILE_MAX_ZOOM = 22;

/** Grid levels in tiles of zoom `z`, largest first. */
export function gridLevelsAt(z: number): GridLevel[] {
  return (Object.keys(GRID_LEVEL_MINZOOM) as GridLevel[]).filter((level) => z >= GRID_LEVEL_MINZOOM[level]);
}
