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
 * HOOK — open cases per grid. A SQL expression evaluated per grid row (alias `g`) giving
 * the grid's open-case count, drawn as the `open_cases` property by both encoders. It is 0
 * until the cases module lands; then replace it with e.g.
 * `(SELECT count(*) FROM "case" c WHERE c.grid_id = g.id AND c.status NOT IN ('CLOSED'))::int`
 * and make case writes bump `tile_version` for `grids` (a trigger like the grid one).
 */
export const OPEN_CASE_COUNT_SQL = '0::int';
