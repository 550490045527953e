import { Client } from 'pg';
import { signAccessToken } from '@streetgrid/api';
import { startApiProcess } from './api-process';
import { fmt, runLoad, type LoadResult } from './load';

/** Operations whose cost scope enforcement could change: a list with a count, a spatial lookup, a nested walk. */
const OPERATIONS: Record<string, string> = {
  'residents page of 50 (+ totalCount)': `{ residents(first: 50) { totalCount nodes { name household { address } } } }`,
  'gridAt at a random point': `query ($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { code level } }`,
  'small grids → buildings → households': `{
    grids(level: SMALL, first: 20) { nodes { code buildings(first: 5) { households { room } } } }
  }`,
};

export interface ScopeBenchRow {
  operation: string;
  admin: LoadResult;
  leader: LoadResult;
}

/**
 * The cost of scope enforcement: the same operations as the street admin (predicate
 * `1 = 1`) and as the leader of the first community (an ltree predicate on every query),
 * against the same API process, on the demo street.
 */
export async function benchScope(databaseUrl: string, opts: { seconds?: number; concurrency?: number } = {}): Promise<ScopeBenchRow[]> {
  const secret = 'streetgrid-bench-only';
  const api = await startApiProcess(databaseUrl, { JWT_SECRET: secret, CASE_SWEEP_MS: '0' });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    `WITH u AS (
       INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('bench-leader', 'bench', 'scrypt$disabled', 'GRID_LEADER')
       ON CONFLICT (login) DO UPDATE SET role = 'GRID_LEADER' RETURNING id)
     SELECT u.id, g.id AS grid_id, ST_XMin(g.geom::box2d) w, ST_YMin(g.geom::box2d) s, ST_XMax(g.geom::box2d) e, ST_YMax(g.geom::box2d) n
       FROM u, grid g WHERE g.level = 'LARGE' ORDER BY g.code LIMIT 1`,
  );
  const [{ id, grid_id, w, s, e, n }] = rows;
  await client.query(`DELETE FROM user_grid WHERE user_id = $1`, [id]);
  await client.query(`INSERT INTO user_grid (user_id, grid_id) VALUES ($1, $2)`, [id, grid_id]);
  await client.end();
  const leader = `Bearer ${await signAccessToken(id, 'GRID_LEADER', new TextEncoder().encode(secret))}`;
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: ScopeBenchRow[] = [];
  try {
    for (const [operation, query] of Object.entries(OPERATIONS)) {
      const run = (authorization: string) =>
        runLoad(
          async () => {
            const res = await fetch(`${api.url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization },
              body: JSON.stringify({
                query,
                variables: query.includes('$lng') ? { lng: w + rand() * (e - w), lat: s + rand() * (n - s) } : undefined,
              }),
            });
            const body = (await res.json()) as { errors?: unknown };
            return res.ok && !body.errors;
          },
          { concurrency: opts.concurrency ?? 8, seconds: opts.seconds ?? 5 },
        );
      out.push({ operation, admin: await run(api.authorization), leader: await run(leader) });
    }
  } finally {
    await api.stop();
  }
  return out;
}

export function printScope(rows: ScopeBenchRow[]): void {
  for (const r of rows) {
    console.log(r.operation);
    console.log(`  street admin  ${fmt(r.admin)}`);
    console.log(`  grid leader   ${fmt(r.leader)}`);
  }
}
