import { OPEN_STATUSES } from '../case/case.entity';

/**
 * The tile layers, their MVT layers, properties and zoom bands are the tile contract shared
 * with the web map: `geo/src/tiles-contract.ts`. What follows is how this server encodes them.
 */
export {
  BUILDINGS_MINZOOM,
  GRID_LEVEL_MINZOOM,
  gridLevelsAt,
  isTileLayer,
  TILE_LAYERS,
  TILE_MAX_ZOOM,
  type TileLayer,
} from '@streetgrid/geo';

/** MVT tile extent and buffer (in tile units), the same for both encoders. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/**
 * Open cases per grid: a SQL expression evaluated per grid row (alias `g`), drawn as the
 * `open_cases` property by both encoders — the open cases reported in the grid or any grid
 * inside it (`case.grid_path <@ g.path`, GiST-indexed). Case writes bump the `grids` tile
 * version (migration 1764600000000-tile-version-cases), so counts are never stale.
 */
const OPEN_STATUS_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
export const OPEN_CASE_COUNT_SQL = `(SELECT count(*)::int FROM "case" c WHERE c.grid_path <@ g.path AND c.status IN (${OPEN_STATUS_LIST}))`;
