import { OPEN_STATUSES } from '../case/case.entity';

/**
 * The vector-tile layers served at `/tiles/{layer}/{z}/{x}/{y}.mvt` and what each draws.
 *
 * - `grids`: one tile holds two MVT layers — `grids` (grid polygons of every level visible
 *   at that zoom) and `grid_labels` (each grid's label point, so a label is drawn once and
 *   not once per tile the polygon crosses). Properties: id, code, name, level, open_cases.
 * - `buildings`: MVT layer `buildings` (footprints) with id, code, name, address, floors, grid_id.
 *
 * Zoom bands (the same as the web style's minzooms): LARGE from z10, MEDIUM from z13,
 * SMALL and buildings from z15. Below a layer's band its tiles are empty (204).
 */
export const TILE_LAYERS = ['grids', 'buildings'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

export function isTileLayer(value: string): value is TileLayer {
  return (TILE_LAYERS as readonly string[]).includes(value);
}

export type GridLevelName = 'LARGE' | 'MEDIUM' | 'SMALL';

/** First zoom at which each grid level is put into tiles. */
export const GRID_LEVEL_MINZOOM: Record<GridLevelName, number> = { LARGE: 10, MEDIUM: 13, SMALL: 15 };
/** First zoom at which buildings are put into tiles. */
export const BUILDINGS_MINZOOM = 15;
/** Deepest zoom served; clients overzoom past their source's maxzoom anyway. */
export const TILE_MAX_ZOOM = 22;

/** MVT tile extent and buffer (in tile units), the same for both encoders. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/** Grid levels drawn at zoom `z`. */
export function gridLevelsAt(z: number): GridLevelName[] {
  return (Object.keys(GRID_LEVEL_MINZOOM) as GridLevelName[]).filter((level) => z >= GRID_LEVEL_MINZOOM[level]);
}

/**
 * Open cases per grid: a SQL expression evaluated per grid row (alias `g`), drawn as the
 * `open_cases` property by both encoders — the open cases reported in the grid or any grid
 * inside it (`case.grid_path <@ g.path`, GiST-indexed). Case writes bump the `grids` tile
 * version (migration 1764600000000-tile-version-cases), so counts are never stale.
 */
export const OPEN_CASE_COUNT_SQL = `(SELECT count(*)::int FROM "case" c WHERE c.grid_path <@ g.path AND c.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}))`;
