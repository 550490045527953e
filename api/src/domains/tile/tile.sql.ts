import { basemapKindsAt, MVT_LAYERS, simplifyToleranceMeters } from '@streetgrid/geo';
import type { Scope } from '../../platform/identity/scope';
import { BUILDINGS_MINZOOM, gridLevelsAt, OPEN_CASE_COUNT_SQL, TILE_BUFFER, TILE_EXTENT, type TileLayer } from './tile.layers';

export interface TileQuery {
  text: string;
  values: unknown[];
}

/** One MVT layer's rows: `geom` is an EPSG:4326 geometry expression, `props` become feature properties. */
interface LayerSource {
  name: string;
  from: string;
  geom: string;
  props: [alias: string, expression: string][];
  where: string;
}

/**
 * Rows several layers of one tile read, made once (a materialised CTE after `env`, named `name`);
 * the viewer's scope applies here rather than to each layer.
 */
interface SharedRows {
  name: string;
  select: string;
  from: string;
  where: string;
}

/** What a tile layer reads at one zoom: its MVT layers' rows, and the rows they share. */
interface TileSources {
  shared?: SharedRows;
  layers: LayerSource[];
}

/**
 * `env.e` is the tile in EPSG:3857; `env.e4326` the same widened by the buffer, in EPSG:4326,
 * for the index lookup (features just outside the tile still clip into its buffer).
 */
const ENV_CTE = `WITH env AS (
    SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS e,
           ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${TILE_BUFFER / TILE_EXTENT}), 4326) AS e4326
  )`;

/** A tile's grid properties, from `tile_grid` (alias `g`). */
const GRID_PROPS: [string, string][] = [
  ['id', 'g.id::text'],
  ['code', 'g.code'],
  ['name', 'g.name'],
  ['level', 'g.level::text'],
  ['open_cases', 'g.open_cases'],
];

function layerSources(layer: TileLayer, z: number): TileSources {
  if (layer === 'grids') {
    const levels = gridLevelsAt(z);
    if (!levels.length) return { layers: [] };
    const levelList = levels.map((l) => `'${l}'`).join(', ');
    // The outlines and the labels draw the same grids (a label point lies inside its grid, but
    // either may fall in a tile alone): each grid and its open-case count read once, not once a layer.
    return {
      shared: {
        name: 'tile_grid',
        select: `g.id, g.code, g.name, g.level, g.geom, g.label_point, ${OPEN_CASE_COUNT_SQL} AS open_cases`,
        from: 'grid g',
        where: `g.level IN (${levelList}) AND (g.geom && env.e4326 OR g.label_point && env.e4326)`,
      },
      layers: [
        { name: 'grids', from: 'tile_grid g', geom: 'g.geom', props: GRID_PROPS, where: 'g.geom && env.e4326' },
        { name: 'grid_labels', from: 'tile_grid g', geom: 'g.label_point', props: GRID_PROPS, where: 'g.label_point && env.e4326' },
      ],
    };
  }
  if (layer === 'basemap') {
    // Only the classes drawn at this zoom (main roads and the areas below z14): the GiST lookup then the kind filter.
    const kinds = basemapKindsAt(z);
    if (!kinds.length) return { layers: [] };
    return {
      layers: [
        {
          name: 'basemap',
          from: 'basemap_feature f',
          geom: 'f.geom',
          props: [
            ['kind', 'f.kind'],
            ['name', 'f.name'],
          ],
          where: `f.kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) AND f.geom && env.e4326`,
        },
      ],
    };
  }
  if (z < BUILDINGS_MINZOOM) return { layers: [] };
  return {
    layers: [
      {
        name: 'buildings',
        from: 'building b',
        geom: 'b.footprint',
        props: [
          ['id', 'b.id::text'],
          ['code', 'b.code'],
          ['name', 'b.name'],
          ['address', 'b.address'],
          ['floors', 'b.floors'],
          ['grid_id', 'b.grid_id::text'],
        ],
        where: 'b.footprint && env.e4326',
      },
    ],
  };
}

/**
 * Adds the viewer’s scope (the same predicate every GraphQL path uses) to the shared rows, else each source,
 * appending its parameters to `values`. Without a scope, the street-wide tile.
 */
function scoped(sources: TileSources, layer: TileLayer, scope: Scope | undefined, values: unknown[]): TileSources {
  // The base map is the same for everyone signed in (row-level security lets every viewer role read it).
  if (!scope || !sources.layers.length || layer === 'basemap') return sources;
  const { sql, params } =
    layer === 'grids' ? scope.whereRaw('Grid', 'g', values.length + 1) : scope.whereRaw('Building', 'b', values.length + 1);
  values.push(...params);
  const { shared } = sources;
  if (shared) return { ...sources, shared: { ...shared, where: `${shared.where} AND ${sql}` } };
  return { layers: sources.layers.map((s) => ({ ...s, where: `${s.where} AND ${sql}` })) };
}

/** `WITH env AS (…)`, and the shared rows after it. */
function withClause({ shared }: TileSources): string {
  if (!shared) return ENV_CTE;
  return `${ENV_CTE}, ${shared.name} AS MATERIALIZED (SELECT ${shared.select} FROM ${shared.from}, env WHERE ${shared.where})`;
}

/** MVT layer names a tile of `layer` may hold. */
export function mvtLayerNames(layer: TileLayer): string[] {
  return [...MVT_LAYERS[layer]];
}

/**
 * Path A — the tile made in the database: ST_Transform to 3857, ST_Simplify by half a pixel of
 * this zoom (geo's simplifyToleranceMeters; collapsed features kept), ST_AsMVTGeom into the tile
 * (PostGIS built with wagyu makes its polygons valid, so the topology-preserving simplification,
 * 40 % of a z12 tile's time, bought nothing: on 20 streets, every grid at z10–16 and every base-map
 * feature and sampled building at z10–17 came out valid and present either way),
 * ST_AsMVT per layer, the layers concatenated (an MVT is a sequence of layers). `OFFSET 0` keeps
 * the outer `geom IS NOT NULL` from being pushed into the scan, where PostgreSQL would simplify and
 * clip each feature twice (filter and output; a z12 tile of 95 communities: 11.4 → 8.2 ms). One row
 * `{ mvt }`, empty when no feature is in the tile; `null` when the layer is not drawn at
 * this zoom at all. Parameters: z, x, y, tolerance in metres.
 */
export function mvtSql(layer: TileLayer, z: number, x: number, y: number, scope?: Scope): TileQuery | null {
  const values: unknown[] = [z, x, y, simplifyToleranceMeters(z)];
  const sources = scoped(layerSources(layer, z), layer, scope, values);
  if (!sources.layers.length) return null;
  const parts = sources.layers.map((s) => {
    const props = s.props.map(([alias, expr]) => `${expr} AS ${alias}`).join(', ');
    return `(SELECT coalesce(ST_AsMVT(t, '${s.name}', ${TILE_EXTENT}, 'geom'), ''::bytea) FROM (
        SELECT ST_AsMVTGeom(ST_Simplify(ST_Transform(${s.geom}, 3857), $4::float8, true),
                            env.e, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom, ${props}
        FROM ${s.from}, env WHERE ${s.where} OFFSET 0
      ) t WHERE t.geom IS NOT NULL)`;
  });
  return { text: `${withClause(sources)} SELECT ${parts.join(' || ')} AS mvt`, values };
}

/**
 * Path B — the same features as GeoJSON (EPSG:4326) for the tile's buffered bbox, for
 * geojson-vt + vt-pbf to encode where ST_AsMVT is missing (PGlite's PostGIS has no
 * protobuf). Rows `{ layer, geometry (GeoJSON text), properties (json) }`; `null` when the
 * layer is not drawn at this zoom. Parameters: z, x, y.
 */
export function geojsonSql(layer: TileLayer, z: number, x: number, y: number, scope?: Scope): TileQuery | null {
  const values: unknown[] = [z, x, y];
  const sources = scoped(layerSources(layer, z), layer, scope, values);
  if (!sources.layers.length) return null;
  const parts = sources.layers.map((s) => {
    const props = s.props.map(([alias, expr]) => `'${alias}', ${expr}`).join(', ');
    return `SELECT '${s.name}'::text AS layer, ST_AsGeoJSON(${s.geom}, 8) AS geometry, json_build_object(${props}) AS properties
      FROM ${s.from}, env WHERE ${s.where}`;
  });
  return { text: `${withClause(sources)} ${parts.join(' UNION ALL ')}`, values };
}

/** Answers whether the database can make MVT itself (ST_AsMVT needs PostGIS built with protobuf). */
export const MVT_PROBE_SQL = `SELECT length(ST_AsMVT(t, 'probe', ${TILE_EXTENT}, 'geom')) AS n FROM (
    SELECT 1 AS a, ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_MakePoint(0, 0), 4326), 3857), ST_TileEnvelope(0, 0, 0)) AS geom
  ) t`;
