import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { startApiProcess, startServerProcess } from './api-process';
import { CostMeter, type Cost } from './cost';
import { httpClient, post } from './http-client';
import { fmt, mergeRuns, runLoad, type LoadResult } from './load';

/**
 * One operation of `pnpm bench api`: the GraphQL query, and its floor — one hand-written
 * statement that returns the response's JSON, built in PostgreSQL, sent with `pg`.
 */
export interface Operation {
  name: string;
  query: string;
  variables?: (i: number) => Record<string, unknown>;
  /** The floor's SQL and its parameters for call `i` (same arguments as the query). */
  floor?: { sql: string; params?: (i: number) => unknown[] };
  /** How many rows the answer holds (the query and its floor must agree). */
  size(data: Record<string, unknown>): number;
}

export interface ApiBenchRow {
  operation: string;
  concurrency: number;
  api: LoadResult;
  floor: LoadResult;
  /** API throughput ÷ floor throughput: 1 is the floor, 0.5 the goal. */
  ratio: number;
  /**
   * The floor's statement served over HTTP by a bare `node:http` process (reads with a floor):
   * `ratio` is the API's throughput ÷ this one's, `floorRatio` this one's ÷ the floor's (what HTTP
   * alone leaves of the floor; the goal's ×0.5 is out of reach where this is near or below it).
   */
  http?: { result: LoadResult; ratio: number; floorRatio: number };
  /** With BENCH_API_BEFORE (another build's api/dist/main.js): that build, in the same windows. */
  before?: { api: LoadResult; ratio: number };
  /** CPU (server process, database backends) and statements per request, over the measured windows. */
  cost: { api: Cost; floor: Cost };
}

const POOL = 10;

/**
 * The five reads of issue #15 against their floors, in one run and one process pair: the API
 * (its own process, signed in as the street admin, row-level security on) and `pg` over a pool
 * of the API's size (POOL) running the floor as the database owner. `{ __typename }` has a
 * bare `node:http` server answering the same bytes as its floor. Windows alternate between
 * the API and the floor so that load on the machine touches both alike.
 */
export async function benchApi(databaseUrl: string, opts: { seconds?: number; concurrency?: number[] } = {}): Promise<ApiBenchRow[]> {
  const api = await startApiProcess(databaseUrl, { CASE_SWEEP_MS: '0', TILE_CACHE_SIZE: '0' });
  // BENCH_API_BEFORE: a build to compare with, run in the same rounds (before, after, floor alternate).
  const before = process.env.BENCH_API_BEFORE
    ? await startApiProcess(databaseUrl, { CASE_SWEEP_MS: '0', TILE_CACHE_SIZE: '0' }, process.env.BENCH_API_BEFORE)
    : null;
  // Its connections stay open between windows, as the API's do (IDLE_CONNECTION_MS): pg's 10 s default
  // would give the floor a new, cold backend after each pause.
  const pool = new Pool({ connectionString: databaseUrl, max: POOL, idleTimeoutMillis: 0 });
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const bare = await bareServer(JSON.stringify({ data: { __typename: 'Query' } }));
  let floorHttp: { url: string; stop(): Promise<void> } | undefined;
  try {
    const operations = await theOperations(pool);
    floorHttp = await startFloorServer(databaseUrl, operations);
    const gql =
      (op: Operation, target = api) =>
      async (i: number) => {
        const res = await post(`${target.url}/graphql`, JSON.stringify({ query: op.query, variables: op.variables?.(i) }), {
          'content-type': 'application/json',
          authorization: target.authorization,
        });
        const body = JSON.parse(res.text) as { data?: Record<string, unknown>; errors?: { message: string }[] };
        if (body.errors) throw new Error(`${op.name}: ${body.errors[0].message}`);
        return res.status === 200;
      };
    const floor = (op: Operation) =>
      op.floor
        ? async (i: number) => {
            const { rows } = await pool.query(op.floor!.sql, op.floor!.params?.(i));
            return JSON.stringify(rows[0].json).length > 0;
          }
        : async () => {
            const res = await post(bare.url, '{}', { 'content-type': 'application/json' });
            return res.text.length > 0;
          };
    const overHttp = (op: Operation) => async (i: number) => {
      const res = await post(floorHttp!.url, JSON.stringify({ op: operations.indexOf(op), params: op.floor!.params?.(i) }), {
        'content-type': 'application/json',
      });
      if (res.status !== 200) throw new Error(`${op.name}, floor over HTTP: ${res.text}`);
      return res.text.length > 0;
    };
    await checkSizes(operations, api, pool);
    console.error(`HTTP client: ${httpClient === 'http' ? 'node:http, keep-alive' : 'fetch'} (BENCH_HTTP_CLIENT)`);
    const out: ApiBenchRow[] = [];
    const seconds = opts.seconds ?? 3;
    for (const op of operations) {
      for (const concurrency of opts.concurrency ?? [1, 16]) {
        const runs: { api: LoadResult[]; floor: LoadResult[]; before: LoadResult[]; http: LoadResult[] } = {
          api: [],
          floor: [],
          before: [],
          http: [],
        };
        const meters = { api: new CostMeter(database, { pid: api.pid, url: api.url }), floor: new CostMeter(database) };
        for (let round = 0; round < 2; round++) {
          const pair = [
            async () =>
              runs.api.push(
                await runLoad(gql(op), { concurrency, seconds: seconds / 2, warmupSeconds: 0.5, measure: meters.api.window() }),
              ),
            async () =>
              runs.floor.push(
                await runLoad(floor(op), { concurrency, seconds: seconds / 2, warmupSeconds: 0.5, measure: meters.floor.window() }),
              ),
          ];
          if (op.floor)
            pair.push(async () => runs.http.push(await runLoad(overHttp(op), { concurrency, seconds: seconds / 2, warmupSeconds: 0.5 })));
          if (before)
            pair.unshift(async () =>
              runs.before.push(await runLoad(gql(op, before), { concurrency, seconds: seconds / 2, warmupSeconds: 0.5 })),
            );
          for (const run of round % 2 ? pair.reverse() : pair) await run();
        }
        const merged = { api: mergeRuns(runs.api), floor: mergeRuns(runs.floor) };
        const was = before ? mergeRuns(runs.before) : null;
        const http = runs.http.length ? mergeRuns(runs.http) : null;
        out.push({
          operation: op.name,
          concurrency,
          ...merged,
          ratio: merged.api.rps / merged.floor.rps,
          ...(http ? { http: { result: http, ratio: merged.api.rps / http.rps, floorRatio: http.rps / merged.floor.rps } } : {}),
          ...(was ? { before: { api: was, ratio: was.rps / merged.floor.rps } } : {}),
          cost: { api: meters.api.perRequest(merged.api.requests), floor: meters.floor.perRequest(merged.floor.requests) },
        });
      }
    }
    return out;
  } finally {
    await api.stop();
    await before?.stop();
    await pool.end();
    await floorHttp?.stop();
    await new Promise((done) => bare.server.close(() => done(undefined)));
  }
}

/** The floor over HTTP (floor-server.ts) in its own process, serving the operations' floors. */
function startFloorServer(databaseUrl: string, operations: Operation[]): Promise<{ url: string; stop(): Promise<void> }> {
  const keys = operations.map((op) => /\{\s*(\w+)/.exec(op.query.replace(/^query[^{]*/, ''))?.[1] ?? '');
  const sql = operations.map((op, i) => ({ key: keys[i], sql: op.floor?.sql ?? 'SELECT 1 AS json' }));
  return startServerProcess(
    'the floor server',
    resolve(__dirname, 'floor-server.js'),
    { DATABASE_URL: databaseUrl, FLOOR_POOL: String(POOL), FLOOR_SQL: JSON.stringify(sql) },
    /on (http:\S+)/,
  );
}

export async function theOperations(pool: Pool): Promise<Operation[]> {
  const {
    rows: [c],
  } = await pool.query(
    `SELECT ST_XMin(geom::box2d) w, ST_YMin(geom::box2d) s, ST_XMax(geom::box2d) e, ST_YMax(geom::box2d) n, code
       FROM grid WHERE level = 'LARGE' ORDER BY code LIMIT 1`,
  );
  const point = (i: number) => {
    // The same pseudo-random point for the query and its floor at call i.
    const r = (k: number) => (((Math.sin(i * 12.9898 + k * 78.233) * 43758.5453) % 1) + 1) % 1;
    return { lng: c.w + r(1) * (c.e - c.w), lat: c.s + r(2) * (c.n - c.s) };
  };
  const rows = (key: string) => (data: Record<string, unknown>) => {
    const value = data[key] as unknown[] | { nodes: unknown[] } | { children: unknown[] };
    if (Array.isArray(value)) return value.length;
    if ('nodes' in value) return value.nodes.length;
    return (value.children as { children: unknown[] }[]).reduce((n, m) => n + 1 + m.children.length, 0);
  };
  return [
    {
      name: 'gridAt chain with geometry',
      query: `query ($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id code name level geometry } }`,
      variables: point,
      floor: {
        sql: `SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'level', level,
                                                     'geometry', ST_AsGeoJSON(geom)::json) ORDER BY level DESC), '[]') AS json
                FROM (SELECT DISTINCT ON (level) id, code, name, level, geom FROM grid
                       WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY level, code) g`,
        params: (i) => [point(i).lng, point(i).lat],
      },
      size: rows('gridAt'),
    },
    {
      name: 'a large grid → medium → small grids with building counts',
      query: `query ($code: String!) { grid(code: $code) { code children { code children { code counts { buildings } } } } }`,
      variables: () => ({ code: c.code }),
      floor: {
        sql: `SELECT json_build_object('code', l.code, 'children', (
                SELECT coalesce(json_agg(json_build_object('code', m.code, 'children', (
                  SELECT coalesce(json_agg(json_build_object('code', s.code, 'counts', json_build_object('buildings',
                    (SELECT count(*) FROM building b WHERE b.grid_id = s.id))) ORDER BY s.code), '[]')
                    FROM grid s WHERE s.parent_id = m.id)) ORDER BY m.code), '[]')
                  FROM grid m WHERE m.parent_id = l.id)) AS json
                FROM grid l WHERE l.code = $1`,
        params: () => [c.code],
      },
      size: (data) => rows('grid')(data),
    },
    {
      name: 'a page of 100 households with residents and building address',
      query: `{ households(first: 100) { nodes { id address building { address } residents { name } } } }`,
      floor: {
        sql: `SELECT json_build_object('nodes', coalesce(json_agg(json_build_object('id', h.id, 'address', h.address,
                       'building', json_build_object('address', b.address),
                       'residents', (SELECT coalesce(json_agg(json_build_object('name', r.name) ORDER BY r.birth_year, r.id), '[]')
                                       FROM resident r WHERE r.household_id = h.id)) ORDER BY h.id), '[]')) AS json
                FROM (SELECT * FROM household ORDER BY id LIMIT 100) h JOIN building b ON b.id = h.building_id`,
      },
      size: rows('households'),
    },
    {
      name: 'a page of 50 cases with their grid code',
      query: `{ cases(first: 50) { nodes { id status category reportedAt grid { code } } } }`,
      floor: {
        sql: `SELECT json_build_object('nodes', coalesce(json_agg(json_build_object('id', c.id, 'status', c.status,
                       'category', c.category, 'reportedAt', c.reported_at, 'grid', json_build_object('code', g.code))
                       ORDER BY c.seq), '[]')) AS json
                FROM (SELECT * FROM "case" ORDER BY seq LIMIT 50) c JOIN grid g ON g.id = c.grid_id`,
      },
      size: rows('cases'),
    },
    { name: '{ __typename } signed in (floor: bare node:http)', query: '{ __typename }', size: () => 1 },
  ];
}

/** Both sides answer the same number of rows, or the comparison means nothing. */
async function checkSizes(operations: Operation[], api: { url: string; authorization: string }, pool: Pool): Promise<void> {
  for (const op of operations) {
    if (!op.floor) continue;
    const res = await post(`${api.url}/graphql`, JSON.stringify({ query: op.query, variables: op.variables?.(0) }), {
      'content-type': 'application/json',
      authorization: api.authorization,
    });
    const body = JSON.parse(res.text) as { data: Record<string, unknown> };
    const key = Object.keys(body.data)[0];
    const { rows } = await pool.query(op.floor.sql, op.floor.params?.(0));
    const floorSize = op.size({ [key]: rows[0].json });
    const apiSize = op.size(body.data);
    if (apiSize !== floorSize) throw new Error(`${op.name}: the API answers ${apiSize} rows, its floor ${floorSize}`);
  }
}

function bareServer(body: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8' }).end(body));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })),
  );
}

export function printApi(rows: ApiBenchRow[]): void {
  console.log('operation | concurrency | API | floor | API ÷ floor (goal ≥ 0.5)');
  for (const r of rows) {
    console.log(`${r.operation}, concurrency ${r.concurrency}`);
    if (r.before) console.log(`  before ${fmt(r.before.api)}`);
    console.log(`  API    ${fmt(r.api)}`);
    console.log(`  floor  ${fmt(r.floor)}`);
    if (r.before) console.log(`  before ×${r.before.ratio.toFixed(2)} of the floor's throughput`);
    console.log(`  ratio  ×${r.ratio.toFixed(2)} of the floor's throughput`);
    const { api, floor } = r.cost;
    console.log(
      `  per request: API ${api.statements?.toFixed(2)} statements, server CPU ${api.serverMs?.toFixed(3)} ms, ` +
        `database CPU ${api.databaseMs.toFixed(3)} ms; ` +
        `floor ${r.http ? 1 : 0} statement(s), database CPU ${floor.databaseMs.toFixed(3)} ms`,
    );
    if (r.http) {
      console.log(`  floor over HTTP ${fmt(r.http.result)}`);
      console.log(`  API ÷ floor over HTTP ×${r.http.ratio.toFixed(2)}; floor over HTTP ÷ floor ×${r.http.floorRatio.toFixed(2)}`);
    }
  }
}
