import { makeBBox, tilesCovering, type TileCoord } from '@streetgrid/geo';
import { connectDatabase } from '@streetgrid/api';
import { signAccessToken, upsertUser } from '@streetgrid/api/platform/identity/index';
import { jwtSecret } from '@streetgrid/api/platform/config';
import { geojsonSql, mvtSql, type TileLayer } from '@streetgrid/api/domains/tile/index';
import { Pool } from 'pg';
import { startApiProcess } from './api-process';
import { fmt, runLoad, type LoadResult } from './load';

export interface TileBenchRow {
  layer: TileLayer;
  z: number;
  tiles: number;
  /** GET /tiles/… on the API in its own process, with its tile cache off: every request renders. */
  http: LoadResult;
  /** The same, tile cache on (what a wall screen revisiting tiles gets). */
  httpCached: LoadResult;
  /** The same tile SQL sent directly with `pg`. */
  sql: LoadResult;
  /** HTTP (uncached) p50 ÷ SQL p50. */
  ratioP50: number;
  ratioP99: number;
}

export interface TileBenchOptions {
  /** Seconds per measurement (after a 1 s warm-up); default 2. */
  seconds?: number;
  concurrency?: number;
  /** Zooms per layer; default grids 12, 14, 15, 16, buildings 15, 16 and basemap 13, 15, 17. */
  zooms?: Partial<Record<TileLayer, number[]>>;
  /** At most this many tiles per zoom, cycled through; default 64. */
  maxTiles?: number;
}

/**
 * Tile latency per layer and zoom: HTTP (the whole stack, API in its own process on
 * loopback) against the tile's own SQL sent directly with `pg`, in the same run, over the
 * tiles covering the first street. Bounded: layers × zooms × 3 runs of `seconds` each.
 * `databaseUrl` must hold a seeded street; on a database without ST_AsMVT the direct SQL
 * is the GeoJSON query the fallback encoder sends.
 */
export async function benchTiles(databaseUrl: string, opts: TileBenchOptions = {}): Promise<TileBenchRow[]> {
  const seconds = opts.seconds ?? 2;
  const concurrency = opts.concurrency ?? 1;
  const maxTiles = opts.maxTiles ?? 64;
  const zooms: Record<TileLayer, number[]> = { grids: [12, 14, 15, 16], buildings: [15, 16], basemap: [13, 15, 17], ...opts.zooms };
  const pool = new Pool({ connectionString: databaseUrl, max: Math.max(2, concurrency) });
  const rows: TileBenchRow[] = [];
  try {
    const box = await pool.query(
      `SELECT ST_XMin(b) w, ST_YMin(b) s, ST_XMax(b) e, ST_YMax(b) n FROM (SELECT geom::box2d b FROM street ORDER BY code LIMIT 1) x`,
    );
    if (!box.rows.length) throw new Error('benchTiles: the database has no street; seed one first');
    const { w, s, e, n } = box.rows[0];
    const bbox = makeBBox(w, s, e, n);
    const hasMvt = await pool
      .query(`SELECT ST_AsMVT(t) FROM (SELECT 1 AS a, ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) AS geom) t`)
      .then(
        () => true,
        () => false,
      );
    const tileSets = new Map<string, TileCoord[]>();
    for (const layer of Object.keys(zooms) as TileLayer[]) {
      for (const z of zooms[layer]) tileSets.set(`${layer}/${z}`, tilesCovering(bbox, z, 1 << 20).slice(0, maxTiles));
    }

    // Tiles need a signed-in viewer: a street-wide bench user, its token signed with the API's secret.
    const secret = process.env.JWT_SECRET ?? 'streetgrid-bench-only';
    const db = await connectDatabase(databaseUrl, { poolSize: 1 });
    const userId = await db.dataSource
      .transaction((m) =>
        upsertUser(m, { login: 'bench-tiles', displayName: 'bench', password: `bench-${Date.now()}`, role: 'STREET_ADMIN', gridIds: [] }),
      )
      .finally(() => db.dataSource.destroy());
    const authorization = `Bearer ${await signAccessToken(userId, 'STREET_ADMIN', jwtSecret({ JWT_SECRET: secret }))}`;

    const measureHttp = async (cacheSize: number): Promise<Map<string, LoadResult>> => {
      const api = await startApiProcess(databaseUrl, { TILE_CACHE_SIZE: String(cacheSize), JWT_SECRET: secret });
      const out = new Map<string, LoadResult>();
      try {
        for (const [key, tiles] of tileSets) {
          out.set(
            key,
            await runLoad(
              async (i) => {
                const t = tiles[i % tiles.length];
                const res = await fetch(`${api.url}/tiles/${key.split('/')[0]}/${t.z}/${t.x}/${t.y}.mvt`, { headers: { authorization } });
                await res.arrayBuffer();
                return res.status === 200 || res.status === 204;
              },
              { concurrency, seconds },
            ),
          );
        }
      } finally {
        await api.stop();
      }
      return out;
    };
    const uncached = await measureHttp(0);
    const cached = await measureHttp(10_000);

    for (const [key, tiles] of tileSets) {
      const [layer, zText] = key.split('/') as [TileLayer, string];
      const z = Number(zText);
      const queries = tiles.map((t) => (hasMvt ? mvtSql : geojsonSql)(layer, t.z, t.x, t.y)!);
      const sql = await runLoad(
        async (i) => {
          const q = queries[i % queries.length];
          await pool.query(q.text, q.values);
          return true;
        },
        { concurrency, seconds },
      );
      const http = uncached.get(key)!;
      rows.push({
        layer,
        z,
        tiles: tiles.length,
        http,
        httpCached: cached.get(key)!,
        sql,
        ratioP50: http.p50Ms / sql.p50Ms,
        ratioP99: http.p99Ms / sql.p99Ms,
      });
    }
  } finally {
    await pool.end();
  }
  return rows;
}

export function printTiles(rows: TileBenchRow[]): void {
  for (const r of rows) {
    console.log(`${r.layer} z${r.z} (${r.tiles} tiles)`);
    console.log(`  HTTP, cache off   ${fmt(r.http)}`);
    console.log(`  HTTP, cache on    ${fmt(r.httpCached)}`);
    console.log(`  tile SQL via pg   ${fmt(r.sql)}`);
    console.log(`  ratio HTTP/SQL: p50 ×${r.ratioP50.toFixed(2)}, p99 ×${r.ratioP99.toFixed(2)}`);
  }
}
