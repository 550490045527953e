// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- vt-pbf ships no types; the test tsconfig must see them too
/// <reference path="./vt-pbf.d.ts" />
import { createHash } from 'node:crypto';
import type { Scope } from '../../platform/identity/scope';
import type { DataSource } from 'typeorm';
import { processConfig } from '../../platform/config';
import type { Db } from '../../platform/db/session';
import { fromGeojsonVt } from 'vt-pbf';
import { TILE_BUFFER, TILE_EXTENT, type TileLayer } from './tile.layers';
import { geojsonSql, MVT_PROBE_SQL, mvtLayerNames, mvtSql } from './tile.sql';

/** `sql`: ST_AsMVT in the database (path A); `js`: GeoJSON from the database, geojson-vt + vt-pbf (path B). */
export type TileEncoder = 'sql' | 'js';

export interface Tile {
  /** The MVT bytes; empty when no feature is in the tile. */
  bytes: Buffer;
  /** Strong ETag: the layer's data version and a hash of the bytes. */
  etag: string;
  version: string;
}

export interface TileServiceOptions {
  /** Force an encoder; by default the database is probed once (ST_AsMVT works → `sql`). */
  encoder?: TileEncoder;
  /** Tiles kept in memory (least recently used dropped first); 0 disables the cache. Default TILE_CACHE_SIZE (2000). */
  cacheSize?: number;
}

/**
 * Vector tiles for grids, buildings and the base map. The database makes them with ST_AsMVT where it can,
 * otherwise the same features are encoded here. Tiles are cached in memory under the
 * layer's data version (`tile_version`, bumped by triggers on every write), so an edit
 * invalidates every tile of that layer at once.
 */
export class TileService {
  private encoderChoice?: Promise<TileEncoder>;
  private readonly cache = new Map<string, Tile>();
  private readonly cacheSize: number;

  constructor(
    private readonly ds: DataSource,
    private readonly options: TileServiceOptions = {},
  ) {
    this.cacheSize = options.cacheSize ?? processConfig().tileCacheSize;
  }

  /** The encoder in use: forced, or decided once by trying ST_AsMVT. */
  encoder(): Promise<TileEncoder> {
    this.encoderChoice ??= this.options.encoder
      ? Promise.resolve(this.options.encoder)
      : this.ds.query(MVT_PROBE_SQL).then(
          () => 'sql' as const,
          () => 'js' as const,
        );
    return this.encoderChoice;
  }

  /** The layer's current data version (changes whenever a row it draws changes). */
  async version(layer: TileLayer, db: Db = this.ds.manager): Promise<string> {
    const rows: { version: string }[] = await db.query(`SELECT version::text AS version FROM tile_version WHERE layer = $1`, [layer]);
    return rows[0]?.version ?? '0';
  }

  /** The ETag a tile of this version would carry if cached, without rendering it. */
  cachedEtag(layer: TileLayer, z: number, x: number, y: number, version: string, scope?: Scope): string | undefined {
    return this.cache.get(cacheKey(layer, z, x, y, version, limitedBy(scope, layer)))?.etag;
  }

  /**
   * A tile as `scope` may see it: street-wide viewers share one cached tile; a grid leader's
   * or resident's tiles hold only their features and are cached under their scope.
   */
  async tile(layer: TileLayer, z: number, x: number, y: number, version?: string, scope?: Scope, db?: Db): Promise<Tile> {
    version ??= await this.version(layer);
    const limited = limitedBy(scope, layer);
    const key = cacheKey(layer, z, x, y, version, limited);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const bytes = await this.render(layer, z, x, y, undefined, limited, db);
    const tile: Tile = {
      bytes,
      version,
      etag: `"${layer}-v${version}-${createHash('sha1').update(bytes).digest('base64url').slice(0, 22)}"`,
    };
    if (this.cacheSize > 0) {
      this.cache.set(key, tile);
      while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    }
    return tile;
  }

  /**
   * Renders a tile with the chosen encoder, bypassing the cache: through `db`, the caller's
   * session (row-level security), or as the system when none is given (tests, benchmarks).
   */
  async render(
    layer: TileLayer,
    z: number,
    x: number,
    y: number,
    encoder?: TileEncoder,
    scope?: Scope,
    db: Db = this.ds.manager,
  ): Promise<Buffer> {
    encoder ??= await this.encoder();
    return encoder === 'sql' ? this.renderSql(db, layer, z, x, y, scope) : this.renderJs(db, layer, z, x, y, scope);
  }

  private async renderSql(db: Db, layer: TileLayer, z: number, x: number, y: number, scope?: Scope): Promise<Buffer> {
    const query = mvtSql(layer, z, x, y, scope);
    if (!query) return Buffer.alloc(0);
    const rows: { mvt: Buffer | null }[] = await db.query(query.text, query.values);
    return rows[0]?.mvt ?? Buffer.alloc(0);
  }

  private async renderJs(db: Db, layer: TileLayer, z: number, x: number, y: number, scope?: Scope): Promise<Buffer> {
    const query = geojsonSql(layer, z, x, y, scope);
    if (!query) return Buffer.alloc(0);
    const rows: { layer: string; geometry: string; properties: Record<string, unknown> | string }[] = await db.query(
      query.text,
      query.values,
    );
    if (!rows.length) return Buffer.alloc(0);
    // geojson-vt is ESM-only: loaded on first use, from this CommonJS package.
    const { default: GeoJSONVT } = await import('geojson-vt');
    const layers: Record<string, { features: unknown[] }> = {};
    for (const name of mvtLayerNames(layer)) {
      const features = rows
        .filter((r) => r.layer === name)
        .map((r) => ({
          type: 'Feature' as const,
          geometry: JSON.parse(r.geometry),
          properties: typeof r.properties === 'string' ? JSON.parse(r.properties) : r.properties,
        }));
      if (!features.length) continue;
      // Half a 256 px pixel, as the SQL path simplifies (8 units of a 4096 tile).
      const index = new GeoJSONVT(
        { type: 'FeatureCollection', features },
        { maxZoom: z, indexMaxZoom: 0, tolerance: TILE_EXTENT / 256 / 2, extent: TILE_EXTENT, buffer: TILE_BUFFER },
      );
      const tile = index.getTile(z, x, y);
      if (tile && tile.features.length) layers[name] = tile;
    }
    if (!Object.keys(layers).length) return Buffer.alloc(0);
    return Buffer.from(fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT }));
  }
}

/**
 * The scope that narrows this layer's features, or undefined when the viewer sees it whole
 * (grid tiles carry each grid's open-case count, so they are whole only to a viewer who
 * sees every grid and every case).
 */
function limitedBy(scope: Scope | undefined, layer: TileLayer): Scope | undefined {
  if (layer === 'basemap') return undefined;
  const whole = layer === 'grids' ? scope?.seesEverything('Grid') && scope.seesEverything('Case') : scope?.seesEverything('Building');
  return scope && !whole ? scope : undefined;
}

function cacheKey(layer: TileLayer, z: number, x: number, y: number, version: string, scope?: Scope): string {
  const who = scope ? createHash('sha1').update(JSON.stringify(scope.viewer)).digest('base64url') : 'all';
  return `${layer}/${version}/${who}/${z}/${x}/${y}`;
}
