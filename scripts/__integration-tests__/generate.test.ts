import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../api/__integration-tests__/harness';
import { districtPlan, generateStreet } from '../src/generate';
import { writeStreet } from '../../api/src/seed/write-street';
import { seedDemoIfEmpty, seedDistrict } from '../src/seed-demo';
import { DEMO_LOGINS, mondayInShanghai, seedDemoUsers } from '../src/seed-users';

/** The generated demo street, loaded into a real PostGIS and checked there, in SQL. */
describe('seed: one generated street on PostGIS', () => {
  let db: TestDatabase;
  const expected = generateStreet(districtPlan(1, 1)[0]);

  const counts = async () => {
    const [row] = await db.dataSource.query(`
      SELECT (SELECT count(*) FROM street)::int AS streets,
             (SELECT count(*) FROM grid)::int AS grids,
             (SELECT count(*) FROM building)::int AS buildings,
             (SELECT count(*) FROM household)::int AS households,
             (SELECT count(*) FROM resident)::int AS residents,
             (SELECT count(*) FROM party_organization)::int AS party_organizations,
             (SELECT count(*) FROM grid_leader)::int AS leaders`);
    return row;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDistrict(db.dataSource, { streets: 1, seed: 1 });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('writes every row of the generated street', async () => {
    expect(await counts()).toEqual({
      streets: 1,
      grids: expected.grids.length,
      buildings: expected.buildings.length,
      households: expected.households.length,
      residents: expected.residents.length,
      party_organizations: expected.partyOrganizations.length,
      leaders: expected.leaders.length,
    });
  });

  it('is the street README.md describes for the first boot', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
    const level = (l: string) => expected.grids.filter((g) => g.level === l).length.toLocaleString('en-US');
    const n = (x: unknown[]) => x.length.toLocaleString('en-US');
    expect(readme).toContain(
      `${level('LARGE')} communities, ${level('MEDIUM')} compounds, ${level('SMALL')} small grids, ` +
        `${n(expected.buildings)} buildings, ${n(expected.residents)} residents`,
    );
  });

  it('stores only valid geometries', async () => {
    const [row] = await db.dataSource.query(`
      SELECT (SELECT count(*) FROM street WHERE NOT ST_IsValid(geom))::int AS streets,
             (SELECT count(*) FROM grid WHERE NOT ST_IsValid(geom))::int AS grids,
             (SELECT count(*) FROM building WHERE NOT ST_IsValid(footprint))::int AS buildings`);
    expect(row).toEqual({ streets: 0, grids: 0, buildings: 0 });
  });

  it('has no overlap above 1 m² between sibling grids', async () => {
    const overlaps = await db.dataSource.query(`
      SELECT a.code AS a, b.code AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS m2
        FROM grid a
        JOIN grid b ON coalesce(b.parent_id, b.street_id) = coalesce(a.parent_id, a.street_id) AND a.id < b.id AND a.geom && b.geom
       WHERE ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1`);
    expect(overlaps).toEqual([]);
  });

  it('keeps every grid inside its parent and covers each parent (gap < 0.5%)', async () => {
    const parents = `
      SELECT id, geom FROM street
      UNION ALL SELECT id, geom FROM grid WHERE level <> 'SMALL'`;
    const outside = await db.dataSource.query(`
      SELECT c.code, ST_Area(ST_Difference(c.geom, p.geom)::geography) AS m2
        FROM grid c JOIN (${parents}) p ON p.id = coalesce(c.parent_id, c.street_id)
       WHERE ST_Area(ST_Difference(c.geom, p.geom)::geography) > 1`);
    expect(outside).toEqual([]);
    const gaps = await db.dataSource.query(`
      SELECT p.id, 1 - ST_Area(ST_Union(c.geom)::geography) / ST_Area(p.geom::geography) AS gap
        FROM (${parents}) p JOIN grid c ON p.id = coalesce(c.parent_id, c.street_id)
       GROUP BY p.id, p.geom
      HAVING 1 - ST_Area(ST_Union(c.geom)::geography) / ST_Area(p.geom::geography) > 0.005`);
    expect(gaps).toEqual([]);
  });

  it('puts every building inside its small grid', async () => {
    const [{ misplaced }] = await db.dataSource.query(`
      SELECT count(*)::int AS misplaced FROM building b JOIN grid g ON g.id = b.grid_id
       WHERE g.level <> 'SMALL' OR NOT ST_CoveredBy(b.footprint, g.geom)`);
    expect(misplaced).toBe(0);
  });

  it('links the five-level party chain to the grids', async () => {
    const rows: { level: string; n: number; on_grid: number }[] = await db.dataSource.query(`
      SELECT level, count(*)::int AS n, count(grid_id)::int AS on_grid FROM party_organization GROUP BY level ORDER BY level`);
    const byLevel = Object.fromEntries(rows.map((r) => [r.level, r]));
    const grids = (level: string) => expected.grids.filter((g) => g.level === level).length;
    expect(byLevel.STREET_COMMITTEE.n).toBe(1);
    expect(byLevel.COMMUNITY).toEqual({ level: 'COMMUNITY', n: grids('LARGE'), on_grid: grids('LARGE') });
    expect(byLevel.COMPOUND_BRANCH).toEqual({ level: 'COMPOUND_BRANCH', n: grids('MEDIUM'), on_grid: grids('MEDIUM') });
    expect(byLevel.BUILDING_GROUP).toEqual({ level: 'BUILDING_GROUP', n: grids('SMALL'), on_grid: grids('SMALL') });
    const [{ untagged }] = await db.dataSource.query(`
      SELECT count(*)::int AS untagged FROM party_organization o JOIN household h ON h.id = o.household_id
       WHERE o.level = 'CENTRAL_HOUSEHOLD' AND NOT 'CENTRAL_HOUSEHOLD' = ANY (h.tags)`);
    expect(untagged).toBe(0);
    expect(byLevel.CENTRAL_HOUSEHOLD.n).toBeGreaterThan(expected.households.length / 45);
  });

  it('is idempotent: seeding the same street again replaces it, counts unchanged', async () => {
    const before = await counts();
    await seedDistrict(db.dataSource, { streets: 1, seed: 1 });
    expect(await counts()).toEqual(before);
  });

  it(
    "seeds the demo accounts: the volunteer owns a registration of the leaders' community " + "and has this week's tasks to answer",
    async () => {
      const logins = await db.dataSource.transaction((m) => seedDemoUsers(m));
      expect(logins).toEqual([...DEMO_LOGINS]);
      const [row] = await db.dataSource.query(
        `SELECT u.role, r.kind, r.community_id = lg.grid_id AS "sameCommunity",
              (SELECT count(*) FROM service_match x
                WHERE x.registration_id = r.id AND x.status = 'CONFIRMED' AND x.period = $1::date)::int AS confirmed,
              (SELECT count(*) FROM service_match x WHERE x.period = $1::date AND x.status = 'PROPOSED')::int AS proposed
         FROM app_user u JOIN service_registration r ON r.user_id = u.id
         JOIN user_grid lg ON lg.user_id = (SELECT id FROM app_user WHERE login = 'leader-large')
        WHERE u.login = 'volunteer'`,
        [mondayInShanghai(new Date())],
      );
      expect(row).toMatchObject({ role: 'VOLUNTEER', kind: 'VOLUNTEER', sameCommunity: true });
      expect(row.confirmed).toBeGreaterThan(0);
      expect(row.proposed).toBeGreaterThan(0);
    },
  );

  it('names the Monday of the week on the Shanghai calendar', () => {
    expect(mondayInShanghai(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-23'); // Sun 23:59 in Shanghai
    expect(mondayInShanghai(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30'); // Mon 00:00 in Shanghai
  });
});

describe('first start: the demo street is seeded all at once', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  const state = async () =>
    (
      await db.dataSource.query(`SELECT (SELECT count(*) FROM street)::int AS streets, (SELECT count(*) FROM resident)::int AS residents,
                                        (SELECT count(*) FROM app_user)::int AS accounts, (SELECT count(*) FROM "case")::int AS cases`)
    )[0];

  it('completes a demo street an interrupted start left without accounts or cases, and then leaves it alone', async () => {
    // What an older start left when stopped after writing the street: places, people and services, no accounts, no cases.
    await seedDistrict(db.dataSource, { streets: 1, seed: 1 });
    expect(await state()).toMatchObject({ streets: 1, accounts: 0, cases: 0 });
    await seedDemoIfEmpty(db.dataSource);
    const seeded = await state();
    expect(seeded.accounts).toBe(DEMO_LOGINS.length);
    expect(seeded.cases).toBeGreaterThan(100);
    expect(seeded.streets).toBe(1);
    await seedDemoIfEmpty(db.dataSource);
    expect(await state()).toEqual(seeded);
  });

  it('leaves a database holding another street alone', async () => {
    const other = await createTestDatabase();
    try {
      const plan = districtPlan(2, 1)[1];
      await other.dataSource.transaction((m) => writeStreet(m, generateStreet(plan)));
      await seedDemoIfEmpty(other.dataSource);
      const [{ codes, accounts }] = await other.dataSource.query(
        `SELECT array_agg(code) AS codes, (SELECT count(*)::int FROM app_user) AS accounts FROM street`,
      );
      expect({ codes, accounts }).toEqual({ codes: [plan.code], accounts: 0 });
    } finally {
      await other.close();
    }
  });
});
