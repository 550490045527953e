import { makeBBox, tilesCovering, type TileCoord } from '@streetgrid/geo';
import { signAccessToken } from '@streetgrid/api';
import { Client } from 'pg';
import { benchAuthorization, startApiProcess } from './api-process';
import { fmt, mergeRuns, runLoad, type LoadResult } from './load';

/** One installation under test: its database and what the operations need from it. */
interface Site {
  label: string;
  url: string;
  streets: number;
  residents: number;
  cases: number;
}

export interface DistrictRow {
  operation: string;
  /** Per site (in the order given), the rounds merged: percentiles of the slowest round. */
  results: LoadResult[];
}

export interface DistrictBench {
  sites: Site[];
  rows: DistrictRow[];
}

/** What one request needs: a body (GraphQL) or a path (tiles), and whose token. */
type Request = { path: string; as: 'admin' | 'leader'; body?: (i: number) => unknown };

/**
 * A district against one street (issue #18): the hot operations — gridAt, a community leader's
 * residents page, an admin's name search with its count, the newest cases with their grid, the
 * overdue ones, grid tiles at street zoom (z15, the first street) and at district zoom (z12, the
 * whole installation) — on each site's built API in its own process, as the same accounts. The
 * sites are measured in turn for each operation and round (A, B, A, B), so the machine's load
 * falls on both alike. The first street is the same on every site (generator seed 1).
 */
export async function benchDistrict(
  urls: string[],
  opts: { seconds?: number; concurrency?: number; rounds?: number } = {},
): Promise<DistrictBench> {
  const seconds = opts.seconds ?? 4;
  const concurrency = opts.concurrency ?? 4;
  const rounds = opts.rounds ?? 2;
  const secret = 'streetgrid-bench-only';
  const sites: (Site & {
    api: Awaited<ReturnType<typeof startApiProcess>>;
    leader: string;
    admin: string;
    requests: Record<string, Request>;
  })[] = [];
  try {
    for (const url of urls) {
      const client = new Client({ connectionString: url });
      await client.connect();
      const [facts] = (
        await client.query(
          `SELECT (SELECT count(*)::int FROM street) streets, (SELECT count(*)::int FROM resident) residents,
                  (SELECT count(*)::int FROM "case") cases`,
        )
      ).rows;
      const [first] = (
        await client.query(
          `SELECT ST_XMin(b) w, ST_YMin(b) s, ST_XMax(b) e, ST_YMax(b) n FROM (SELECT geom::box2d b FROM street ORDER BY code LIMIT 1) x`,
        )
      ).rows;
      const [all] = (
        await client.query(`SELECT ST_XMin(b) w, ST_YMin(b) s, ST_XMax(b) e, ST_YMax(b) n FROM (SELECT ST_Extent(geom) b FROM street) x`)
      ).rows;
      // The leader of the first community (by code): the same community on every site.
      const { rows } = await client.query(
        `WITH u AS (
           INSERT INTO app_user (login, display_name, password_hash, role)
           VALUES ('bench-community-leader', 'bench', 'scrypt$disabled', 'GRID_LEADER')
           ON CONFLICT (login) DO UPDATE SET role = 'GRID_LEADER' RETURNING id)
         SELECT u.id, g.id AS grid_id FROM u, grid g WHERE g.level = 'LARGE' ORDER BY g.code LIMIT 1`,
      );
      await client.query(`DELETE FROM user_grid WHERE user_id = $1`, [rows[0].id]);
      await client.query(`INSERT INTO user_grid (user_id, grid_id) VALUES ($1, $2)`, [rows[0].id, rows[0].grid_id]);
      await client.end();
      const leader = `Bearer ${await signAccessToken(rows[0].id, 'GRID_LEADER', new TextEncoder().encode(secret))}`;
      const admin = await benchAuthorization(url, new TextEncoder().encode(secret), 'admin');
      const api = await startApiProcess(url, { JWT_SECRET: secret, CASE_SWEEP_MS: '0', TILE_CACHE_SIZE: '0' });
      let seed = 11;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const z15 = tilesCovering(makeBBox(first.w, first.s, first.e, first.n), 15, 1 << 20).slice(0, 64);
      const z12 = tilesCovering(makeBBox(all.w, all.s, all.e, all.n), 12, 1 << 20);
      const tile = (tiles: TileCoord[]) => (i: number) => {
        const t = tiles[i % tiles.length];
        return `/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`;
      };
      const gql = (query: string, variables?: (i: number) => unknown) => (i: number) => ({ query, variables: variables?.(i) });
      const requests: Record<string, Request & { tiles?: (i: number) => string }> = {
        'gridAt, a random point of the first street': {
          path: '/graphql',
          as: 'admin',
          body: gql('query ($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { code level name } }', () => ({
            lng: first.w + rand() * (first.e - first.w),
            lat: first.s + rand() * (first.n - first.s),
          })),
        },
        'residents page of 50 + totalCount, a community leader': {
          path: '/graphql',
          as: 'leader',
          body: gql('{ residents(first: 50) { totalCount nodes { name household { address } } } }'),
        },
        'residents name search + totalCount, street admin': {
          path: '/graphql',
          as: 'admin',
          body: gql('query ($s: String!) { residents(first: 20, search: $s) { totalCount nodes { name } } }', (i) => ({
            s: ['王', '李', '张', '刘', '陈'][i % 5],
          })),
        },
        '50 newest cases with their grid, street admin': {
          path: '/graphql',
          as: 'admin',
          body: gql('{ cases(first: 50, order: NEWEST) { nodes { number status grid { code } } } }'),
        },
        'overdue cases, street admin': {
          path: '/graphql',
          as: 'admin',
          body: gql('{ cases(first: 50, overdue: true, order: NEWEST) { nodes { number grid { code } } } }'),
        },
        'grid tiles z15 (first street), uncached': { path: '', as: 'admin', tiles: tile(z15) },
        'grid tiles z12 (whole installation), uncached': { path: '', as: 'admin', tiles: tile(z12) },
      };
      sites.push({ label: `${facts.streets} street(s)`, url, ...facts, api, leader, admin, requests });
    }

    const names = Object.keys(sites[0].requests);
    const rows: DistrictRow[] = [];
    for (const operation of names) {
      const runs: LoadResult[][] = sites.map(() => []);
      for (let round = 0; round < rounds; round++) {
        for (const [k, site] of sites.entries()) {
          const req = site.requests[operation] as Request & { tiles?: (i: number) => string };
          const authorization = req.as === 'leader' ? site.leader : site.admin;
          runs[k].push(
            await runLoad(
              async (i) => {
                if (req.tiles) {
                  const res = await fetch(`${site.api.url}${req.tiles(i)}`, { headers: { authorization } });
                  await res.arrayBuffer();
                  return res.status === 200 || res.status === 204;
                }
                const res = await fetch(`${site.api.url}${req.path}`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', authorization },
                  body: JSON.stringify(req.body!(i)),
                });
                const body = (await res.json()) as { errors?: unknown };
                return res.ok && !body.errors;
              },
              { concurrency, seconds },
            ),
          );
        }
      }
      rows.push({ operation, results: runs.map(mergeRuns) });
    }
    return { sites: sites.map(({ label, url, streets, residents, cases }) => ({ label, url, streets, residents, cases })), rows };
  } finally {
    for (const site of sites) await site.api.stop();
  }
}

export function printDistrict(bench: DistrictBench): void {
  const [base, ...others] = bench.sites;
  for (const s of bench.sites)
    console.log(`${s.label}: ${s.residents.toLocaleString('en')} residents, ${s.cases.toLocaleString('en')} cases`);
  const heads = [...bench.sites.map((s) => `${s.label} p50 / p99`), ...others.map((s) => `${s.label} ÷ ${base.label} p50 / p99`)];
  console.log(`| operation | ${heads.join(' | ')} |`);
  console.log(`|---|${bench.sites.map(() => '---:').join('|')}|${others.map(() => '---:').join('|')}|`);
  for (const row of bench.rows) {
    const cells = row.results.map((r) => `${r.p50Ms.toFixed(1)} / ${r.p99Ms.toFixed(1)} ms${r.errors ? ` (${r.errors} errors)` : ''}`);
    const ratios = row.results
      .slice(1)
      .map((r) => `×${(r.p50Ms / row.results[0].p50Ms).toFixed(2)} / ×${(r.p99Ms / row.results[0].p99Ms).toFixed(2)}`);
    console.log(`| ${row.operation} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  }
  for (const row of bench.rows)
    for (const [k, r] of row.results.entries()) console.error(`${row.operation} [${bench.sites[k].label}] ${fmt(r)}`);
}
