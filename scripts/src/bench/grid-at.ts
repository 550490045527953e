import type { Database } from '@streetgrid/api';
import { startApiProcess } from './api-process';
import { Pool } from 'pg';
import { fmt, runLoad, type LoadResult } from './load';

export interface GridAtBench {
  concurrency: number;
  http: LoadResult;
  sql: LoadResult;
  /** HTTP p50 ÷ SQL p50, and SQL req/s ÷ HTTP req/s: the cost of the API layer. */
  ratioP50: number;
  ratioRps: number;
}

/** The SQL `gridAt` sends, for the raw baseline: the same predicate and order. */
const GRID_AT_SQL = `SELECT id, code, name, level, ST_AsGeoJSON(geom)::json AS geom, ST_AsGeoJSON(label_point)::json AS label_point, area_m2
  FROM grid WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY level DESC, code`;

/**
 * `gridAt` over HTTP (GraphQL, the whole stack) against the same SQL sent directly with
 * `pg`, at the same concurrency, in the same run; random points inside the first street.
 * The API runs in its own process (as in production), so the load loop does not share its core.
 */
export async function benchGridAt(
  db: Database & { url: string },
  opts: { concurrency?: number; seconds?: number } = {},
): Promise<GridAtBench> {
  const concurrency = opts.concurrency ?? 16;
  const seconds = opts.seconds ?? 10;
  const [{ w, s, e, n }] = await db.dataSource.query(
    `SELECT ST_XMin(b) w, ST_YMin(b) s, ST_XMax(b) e, ST_YMax(b) n FROM (SELECT geom::box2d b FROM street ORDER BY code LIMIT 1) x`,
  );
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const point = () => [w + rand() * (e - w), s + rand() * (n - s)];

  const api = await startApiProcess(db.url);
  const url = api.url;
  const query = `query ($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id code name level geometry labelPoint areaM2 } }`;
  const http = await runLoad(
    async () => {
      const [lng, lat] = point();
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: api.authorization },
        body: JSON.stringify({ query, variables: { lng, lat } }),
      });
      const body = (await res.json()) as { errors?: unknown };
      return res.ok && !body.errors;
    },
    { concurrency, seconds },
  );
  await api.stop();

  const pool = new Pool({ connectionString: db.url, max: 10 });
  const sql = await runLoad(
    async () => {
      const [lng, lat] = point();
      await pool.query(GRID_AT_SQL, [lng, lat]);
      return true;
    },
    { concurrency, seconds },
  );
  await pool.end();
  return { concurrency, http, sql, ratioP50: http.p50Ms / sql.p50Ms, ratioRps: sql.rps / http.rps };
}

export function printGridAt(r: GridAtBench): void {
  console.log(`gridAt, concurrency ${r.concurrency}`);
  console.log(`  GraphQL over HTTP  ${fmt(r.http)}`);
  console.log(`  raw SQL via pg     ${fmt(r.sql)}`);
  console.log(`  ratio: p50 ×${r.ratioP50.toFixed(2)}, throughput ×${r.ratioRps.toFixed(2)} (SQL/HTTP)`);
}
