import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from 'pg';
import { lngLatToTile, makeLngLat, type TileCoord } from '@streetgrid/geo';
import { createTestDatabase, testConfig, type TestDatabase } from '../../api/__integration-tests__/harness';
import { sheetRows } from '../../api/__integration-tests__/xlsx';
import { createApp, type App } from '../../api/src/app/server';
import { OPEN_STATUSES } from '../../api/src/domains/case/case.entity';
import { mvtSql } from '../../api/src/domains/tile';
import { jwtSecret } from '../../api/src/platform/config';
import { signAccessToken, upsertUser, type UserRole } from '../../api/src/platform/identity';
import { dbIdentity } from '../../api/src/platform/identity/db-identity';
import type { Viewer } from '../../api/src/platform/identity/viewer';
import { commands } from '../src/cli/commands';
import { runCli } from '../src/cli/run';
import { addStreets } from '../src/seed-demo';

/*
 * The plans of the hot reads on a district (issue #18), checked with EXPLAIN on the statements the
 * API really sends (recorded with their parameters, replayed under the same row-level security
 * settings): the newest cases read the sequence's index backwards, a community leader's residents
 * are found by the path index (not by walking the primary key and filtering), a name search's count
 * is answered by its index alone, a tile's open-case counts use the partial index of open cases, a district-zoom
 * tile reads only the upper grid levels' indexes, and the
 * wall's party members and every community's visit schedule are read from their partial indexes alone.
 * Three generated streets (each with 90 days of cases), seeded as `pnpm cli seed --streets 3` does.
 */

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

let db: TestDatabase;
let app: App;
let url: string;
/** A caller: the bearer token for the API, and the viewer whose role and sg.* settings row-level security reads. */
interface Caller {
  authorization: string;
  viewer: Viewer;
}
let admin: Caller;
let leader: Caller;
let community: { id: string; path: string; residents: number };

async function caller(login: string, role: UserRole, grid?: { id: string; path: string }): Promise<Caller> {
  const gridIds = grid ? [grid.id] : [];
  const id = await db.dataSource.transaction((m) => upsertUser(m, { login, displayName: login, password: 'test-password', role, gridIds }));
  const viewer = { kind: 'user', id, role, gridIds, gridPaths: grid ? [grid.path] : [], communityIds: gridIds } as unknown as Viewer;
  return { authorization: `Bearer ${await signAccessToken(id, role, jwtSecret())}`, viewer };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await addStreets(db.dataSource, { streets: 3, seed: 1 });
  app = await createApp(testConfig(), db);
  url = await app.listen();
  admin = await caller('plans-admin', 'STREET_ADMIN');
  const [first] = await db.dataSource.query(
    `SELECT g.id, g.path::text AS path, (SELECT count(*)::int FROM resident r WHERE r.grid_path <@ g.path) AS residents
       FROM grid g WHERE g.level = 'LARGE' ORDER BY g.code LIMIT 1`,
  );
  community = first;
  leader = await caller('plans-leader', 'GRID_LEADER', community);
}, 600_000);
afterAll(async () => {
  await app?.stop();
  await db?.close();
});

/** The tile at zoom `z` holding the first community's centroid. */
async function communityTile(z: number): Promise<TileCoord> {
  const [{ lng, lat }] = await db.dataSource.query(
    `SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c FROM grid WHERE id = $1) g`,
    [community.id],
  );
  return lngLatToTile(makeLngLat(lng, lat), z);
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * Sends `query` as `who`, finds the statement it ran that matches `pattern`, and replays it with its parameters
 * under EXPLAIN (ANALYZE) in a transaction with the caller's role and sg.* settings (row-level security).
 */
async function planOf(who: Caller, query: string, pattern: RegExp): Promise<PlanNode> {
  db.counter.reset(true);
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: who.authorization },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
  const statements = [...db.counter.statements];
  const parameters = [...db.counter.parameters];
  db.counter.reset();
  const at = statements.findIndex((s) => pattern.test(s));
  expect(at).toBeGreaterThanOrEqual(0);
  return explain(who.viewer, statements[at], parameters[at]);
}

async function explain(viewer: Viewer | null, sql: string, values: unknown[]): Promise<PlanNode> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    if (viewer) {
      const { role, settings } = dbIdentity(viewer);
      const pairs = [['role', role], ...Object.entries(settings)];
      await client.query(`SELECT ${pairs.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, pairs.flat());
    }
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values);
    return (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
}

describe('plans on a district of three streets', () => {
  it('seeds three streets with their cases', async () => {
    const [{ streets, residents, cases }] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM street) streets, (SELECT count(*)::int FROM resident) residents,
              (SELECT count(*)::int FROM "case") cases`,
    );
    expect({ streets }).toEqual({ streets: 3 });
    expect(residents).toBeGreaterThan(150_000);
    expect(cases).toBeGreaterThan(5_000);
    expect(community.residents).toBeGreaterThan(1_000);
  });

  it('reads the 50 newest cases from the sequence index backwards, sorting nothing', async () => {
    const plan = await planOf(admin, '{ cases(first: 50, order: NEWEST) { nodes { number grid { code } } } }', /FROM "case" "c"/);
    const all = nodes(plan);
    expect(all.some((n) => n['Index Name'] === 'case_seq_key' && n['Scan Direction'] === 'Backward')).toBe(true);
    expect(all.filter((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Seq Scan')).toEqual([]);
  });

  it('finds a community leader’s residents by the path index, not by walking the primary key', async () => {
    const plan = await planOf(
      leader,
      '{ residents(first: 50) { nodes { name } } }',
      /FROM "resident" "r" WHERE .*ORDER BY "r"."id" ASC LIMIT/,
    );
    const all = nodes(plan);
    expect(all.some((n) => n['Index Name'] === 'resident_grid_path_idx')).toBe(true);
    expect(all.some((n) => n['Index Name'] === 'resident_pkey')).toBe(false);
    // The community's rows are read once, all of them, and the 51 first by id taken from them. (At three streets the
    // planner picks this plan even without the implied community in the predicate; at twenty it walked the primary
    // key instead, 18 ms against 2 — `pnpm bench district` shows it. This holds the plan from regressing.)
    const scan = all.find((n) => n['Relation Name'] === 'resident')!;
    expect(scan['Actual Rows']).toBe(community.residents);
  });

  it('counts a name search by the name index alone (vacuumed after seeding: no heap fetch)', async () => {
    const plan = await planOf(admin, '{ residents(first: 20, search: "王") { totalCount } }', /SELECT COUNT\(1\) AS "cnt" FROM "resident"/);
    const scan = nodes(plan).find((n) => n['Node Type'] === 'Index Only Scan');
    expect(scan).toMatchObject({ 'Index Name': 'resident_name_idx', 'Heap Fetches': 0 });
  });

  it('counts a tile’s open cases per grid by the partial index of open cases, which holds exactly OPEN_STATUSES', async () => {
    const { x, y } = await communityTile(15);
    const q = mvtSql('grids', 15, x, y)!;
    const plan = await explain(null, q.text, q.values);
    expect(nodes(plan).some((n) => n['Index Name'] === 'case_open_grid_path_idx')).toBe(true);
    const [{ def }] = await db.dataSource.query(`SELECT pg_get_indexdef('case_open_grid_path_idx'::regclass) AS def`);
    const listed = [...(def as string).matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();
    expect(listed).toEqual([...OPEN_STATUSES].sort());
  });

  it('draws a district-zoom tile’s communities from the upper grid levels’ indexes, counting and clipping each once', async () => {
    const { x, y } = await communityTile(12);
    const q = mvtSql('grids', 12, x, y)!;
    const all = nodes(await explain(null, q.text, q.values));
    // The tile's grids are read once for both layers, by the two partial indexes.
    const gridIndexes = all.filter((n) => String(n['Index Name'] ?? '').startsWith('grid_')).map((n) => n['Index Name']);
    expect(gridIndexes.sort()).toEqual(['grid_upper_geom_idx', 'grid_upper_label_point_idx']);
    const gridScans = all.filter((n) => n['Relation Name'] === 'grid');
    expect(gridScans).toHaveLength(1);
    expect(gridScans[0]['Actual Rows']).toBeGreaterThan(0);
    // Each grid's open cases are counted once, not once for its outline and again for its label.
    const counts = all.filter((n) => n['Index Name'] === 'case_open_grid_path_idx');
    expect(counts).toHaveLength(1);
    expect(counts[0]['Actual Loops']).toBe(gridScans[0]['Actual Rows']);
    // The tile's "geom IS NOT NULL" stays above the scan: simplified and clipped once a feature, not again in a filter.
    for (const n of all) expect(String(n.Filter ?? '')).not.toMatch(/st_asmvtgeom/i);
  });

  it('全覆盖 of the whole installation counts central households as the communities’ coverages add up, reading no household', async () => {
    const query = (who: Caller, gridId: string | null) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: who.authorization },
        body: JSON.stringify({
          query: `query ($g: ID) { partyCoverage(gridId: $g) { centralHouseholds centralHouseholdsLinked } }`,
          variables: { g: gridId },
        }),
      }).then(async (res) => {
        const body = (await res.json()) as { data?: { partyCoverage: { centralHouseholds: number; centralHouseholdsLinked: number } } };
        expect(body.data).toBeDefined();
        return body.data!.partyCoverage;
      });
    const all = await query(admin, null);
    // Each community's coverage joins its central households to their households (the general statement).
    const communities: { id: string }[] = await db.dataSource.query(`SELECT id FROM grid WHERE level = 'LARGE' ORDER BY code`);
    const each = await Promise.all(communities.map((c) => query(admin, c.id)));
    const sum = (k: 'centralHouseholds' | 'centralHouseholdsLinked') => each.reduce((n, c) => n + c[k], 0);
    expect(all.centralHouseholds).toBeGreaterThan(100);
    expect(all).toEqual({ centralHouseholds: sum('centralHouseholds'), centralHouseholdsLinked: sum('centralHouseholdsLinked') });
    // And the street-wide statement does not read households at all.
    const plan = await planOf(admin, '{ partyCoverage { centralHouseholds } }', /central AS/);
    expect(nodes(plan).filter((n) => n['Relation Name'] === 'household')).toEqual([]);
  });

  it('counts the wall’s party members from the partial index of their paths alone, not from every resident', async () => {
    const plan = await planOf(admin, '{ partyMap { grids { partyMembers } } }', /FROM resident r\s+WHERE \(r.is_party_member/);
    const all = nodes(plan);
    expect(all.find((n) => n['Relation Name'] === 'resident')).toMatchObject({
      'Node Type': 'Index Only Scan',
      'Index Name': 'resident_party_path_idx',
      'Heap Fetches': 0,
    });
    // Nothing tests a resident's path against each community with <@ (that was 2.5 s on twenty streets).
    expect(JSON.stringify(plan)).not.toContain('<@ ANY');
  });

  it('reads the tagged households for every community’s visit schedule from their covering index', async () => {
    const plan = await planOf(admin, '{ serviceMap }', /WITH due AS/);
    const scan = nodes(plan).find((n) => n['Relation Name'] === 'household');
    expect(scan).toMatchObject({ 'Node Type': 'Index Only Scan', 'Index Name': 'household_tagged_idx', 'Heap Fetches': 0 });
    // The buildings are read for the kept households only, by their key.
    expect(nodes(plan).find((n) => n['Relation Name'] === 'building')).toMatchObject({ 'Index Name': 'building_pkey' });
  });
});

describe('situation reports on a district', () => {
  async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stdout.resume();
    stderr.on('data', (c) => (err += c));
    const code = await runCli([...args, '--database-url', db.url], commands, { env: { USER: 'ops' }, stdout, stderr });
    return { code, stderr: err };
  }

  it('writes one report a street with a progress line in files, each ranking its own street’s communities', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'streetgrid-reports-'));
    try {
      // The month before this one: the seeded 90 days of cases cover it whenever the test runs.
      const now = new Date();
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
      const run = await cli(['report', '--month', month, '--each', 'street', '--format', 'xlsx', '--out', dir]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/100% {2}3\/3 files {2}[\d.,]+ files\/s {2}done/);
      const streets: { code: string; communities: string[] }[] = await db.dataSource.query(
        `SELECT s.code, array_agg(g.name ORDER BY g.name) AS communities
           FROM street s JOIN grid g ON g.street_id = s.id AND g.level = 'LARGE' GROUP BY s.code ORDER BY s.code`,
      );
      expect(readdirSync(dir).sort()).toEqual(streets.map((s) => `report-${month}-${s.code}.xlsx`));
      for (const street of streets) {
        const rows = await sheetRows(readFileSync(join(dir, `report-${month}-${street.code}.xlsx`)), '社区排名', 2);
        const ranked = rows
          .filter(([rank, name]) => typeof rank === 'number' && typeof name === 'string')
          .map(([rank, name]) => ({ rank: rank as number, name: name as string }));
        // Ranked among the street's own communities: ranks 1…n, no community of another street.
        expect(ranked.map((r) => r.name).sort()).toEqual([...street.communities].sort());
        expect(Math.max(...ranked.map((r) => r.rank))).toBeLessThanOrEqual(street.communities.length);
        expect(ranked.map((r) => r.rank)).toContain(1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
