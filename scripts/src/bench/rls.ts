import { makeBBox, tilesCovering, type TileCoord } from '@streetgrid/geo';
import { signAccessToken } from '@streetgrid/api';
import { Client } from 'pg';
import { startApiProcess } from './api-process';
import { fmt, mergeRuns, runLoad, type LoadResult } from './load';

const SECRET = 'streetgrid-bench-only';

export interface RlsBenchRow {
  operation: string;
  who: string;
  rls: LoadResult;
  off: LoadResult;
  /** Throughput off ÷ on of each pair of neighbouring windows, sorted: the median is the cost, the spread the noise. */
  ratios: number[];
}

/**
 * What row-level security costs on the hot reads: the same API build against the benchmark
 * database (policies on) and against a copy of it with row-level security disabled on every
 * table, both served at once, measured in alternating windows so load and warmth are shared.
 * Both still run every request in its session (role and settings per transaction), so the
 * difference is the policies' own work. As the street admin (policies are `true`) and as the
 * first community's leader (every row passes a subtree predicate).
 */
export async function benchRls(
  databaseUrl: string,
  opts: { seconds?: number; rounds?: number; concurrency?: number } = {},
): Promise<RlsBenchRow[]> {
  const copyUrl = await copyWithoutRls(databaseUrl);
  const env = { JWT_SECRET: SECRET, CASE_SWEEP_MS: '0', TILE_CACHE_SIZE: '0' };
  const on = await startApiProcess(databaseUrl, env);
  const off = await startApiProcess(copyUrl, env);
  try {
    const leader = await leaderToken(databaseUrl);
    const leaderOff = await leaderToken(copyUrl);
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const {
      rows: [c],
    } = await client.query(
      `SELECT ST_XMin(geom::box2d) w, ST_YMin(geom::box2d) s, ST_XMax(geom::box2d) e, ST_YMax(geom::box2d) n
         FROM grid WHERE level = 'LARGE' ORDER BY code LIMIT 1`,
    );
    await client.end();
    const tiles: TileCoord[] = tilesCovering(makeBBox(c.w, c.s, c.e, c.n), 15, 1 << 20).slice(0, 64);
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const gql = (query: string, variables?: () => Record<string, unknown>) => (url: string, authorization: string) => async () => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query, variables: variables?.() }),
      });
      const body = (await res.json()) as { errors?: unknown };
      return res.ok && !body.errors;
    };
    const operations: Record<string, (url: string, authorization: string) => (i: number) => Promise<boolean>> = {
      'gridAt at a random point in the community': gql(
        `query ($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { code level } }`,
        () => ({
          lng: c.w + rand() * (c.e - c.w),
          lat: c.s + rand() * (c.n - c.s),
        }),
      ),
      'residents page of 50 with household': gql(`{ residents(first: 50) { nodes { name household { address } } } }`),
      'cases page of 50 with grid': gql(`{ cases(first: 50) { nodes { id status grid { code } } } }`),
      'grid tile z15 (cache off)': (url, authorization) => async (i) => {
        const t = tiles[i % tiles.length];
        const res = await fetch(`${url}/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`, { headers: { authorization } });
        await res.arrayBuffer();
        return res.status === 200 || res.status === 204;
      },
    };
    const out: RlsBenchRow[] = [];
    const seconds = opts.seconds ?? 2;
    const rounds = opts.rounds ?? 5;
    for (const [operation, make] of Object.entries(operations)) {
      for (const [who, authOn, authOff] of [
        ['street admin', on.authorization, off.authorization],
        ['community leader', leader, leaderOff],
      ] as const) {
        const runs: { on: LoadResult[]; off: LoadResult[] } = { on: [], off: [] };
        for (let r = 0; r < rounds; r++) {
          // Which goes first alternates, so a drift in load favours neither.
          const pair = [
            async () =>
              runs.on.push(await runLoad(make(on.url, authOn), { concurrency: opts.concurrency ?? 4, seconds, warmupSeconds: 0.5 })),
            async () =>
              runs.off.push(await runLoad(make(off.url, authOff), { concurrency: opts.concurrency ?? 4, seconds, warmupSeconds: 0.5 })),
          ];
          for (const run of r % 2 ? pair.reverse() : pair) await run();
        }
        const ratios = runs.on.map((x, i) => runs.off[i].rps / x.rps).sort((a, b) => a - b);
        out.push({ operation, who, rls: mergeRuns(runs.on), off: mergeRuns(runs.off), ratios });
      }
    }
    return out;
  } finally {
    await on.stop();
    await off.stop();
  }
}

/** `<database>_norls`: a fresh copy of the benchmark database with row-level security off on every table. */
async function copyWithoutRls(databaseUrl: string): Promise<string> {
  const source = new URL(databaseUrl).pathname.slice(1);
  const name = `${source}_norls`.replace(/[^a-z0-9_]/g, '');
  const admin = new Client({ connectionString: Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source.replace(/[^a-z0-9_]/g, '')}`);
  await admin.end();
  const url = Object.assign(new URL(databaseUrl), { pathname: `/${name}` }).toString();
  const copy = new Client({ connectionString: url });
  await copy.connect();
  const { rows } = await copy.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relrowsecurity`,
  );
  for (const r of rows) await copy.query(`ALTER TABLE "${r.relname}" NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`);
  await copy.end();
  return url;
}

/** A leader of the first community on that database, signed with the benchmark secret. */
async function leaderToken(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `WITH u AS (
         INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('bench-leader', 'bench', 'scrypt$disabled', 'GRID_LEADER')
         ON CONFLICT (login) DO UPDATE SET role = 'GRID_LEADER' RETURNING id)
       SELECT u.id, (SELECT id FROM grid WHERE level = 'LARGE' ORDER BY code LIMIT 1) AS grid_id FROM u`,
    );
    await client.query(`DELETE FROM user_grid WHERE user_id = $1`, [rows[0].id]);
    await client.query(`INSERT INTO user_grid (user_id, grid_id) VALUES ($1, $2)`, [rows[0].id, rows[0].grid_id]);
    return `Bearer ${await signAccessToken(rows[0].id, 'GRID_LEADER', new TextEncoder().encode(SECRET))}`;
  } finally {
    await client.end();
  }
}

export function printRls(rows: RlsBenchRow[]): void {
  for (const r of rows) {
    console.log(`${r.operation} — ${r.who}`);
    console.log(`  RLS on   ${fmt(r.rls)}`);
    console.log(`  RLS off  ${fmt(r.off)}`);
    const pct = (x: number) => `${((x - 1) * 100).toFixed(1)} %`;
    const median = r.ratios[Math.floor(r.ratios.length / 2)];
    console.log(
      `  cost of the policies: median ${pct(median)} of throughput over ${r.ratios.length} window pairs ` +
        `(from ${pct(r.ratios[0])} to ${pct(r.ratios[r.ratios.length - 1])})`,
    );
  }
}
