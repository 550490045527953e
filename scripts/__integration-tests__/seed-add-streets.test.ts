import 'reflect-metadata';
import { PassThrough } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '../../api/__integration-tests__/harness';
import { commands } from '../src/cli/commands';
import { runCli } from '../src/cli/run';
import { districtPlan } from '../src/generate';
import { seedDemoIfEmpty } from '../src/seed-demo';

// `pnpm cli seed --streets N` on an installation the app has already seeded with its demo street:
// the streets are added, the demo street, its accounts, cases and leaders stay as they were.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoIfEmpty(db.dataSource);
}, 300_000);
afterAll(() => db?.close());

/** Everything of the demo street the new streets must not touch, as text to compare. */
const DEMO = districtPlan(1, 1)[0].code;
const demoState = async () =>
  (
    await db.dataSource.query(
      `WITH demo_grid AS (SELECT g.id FROM grid g JOIN street s ON s.id = g.street_id WHERE s.code = $1)
       SELECT (SELECT md5(string_agg(u.id || u.login || coalesce(u.resident_id::text, '') || u.role, ',' ORDER BY u.id))
                 FROM app_user u) AS accounts,
              (SELECT md5(string_agg(ug.user_id || '/' || ug.grid_id, ',' ORDER BY ug.user_id, ug.grid_id))
                 FROM user_grid ug) AS assignments,
              (SELECT md5(string_agg(l.id::text, ',' ORDER BY l.id)) FROM grid_leader l
                WHERE l.grid_id IN (SELECT id FROM demo_grid)) AS leaders,
              (SELECT md5(string_agg(c.id || c.status || c.version, ',' ORDER BY c.id)) FROM "case" c
                WHERE c.grid_id IN (SELECT id FROM demo_grid)) AS cases,
              (SELECT count(*)::int FROM case_event e JOIN "case" c ON c.id = e.case_id
                WHERE c.grid_id IN (SELECT id FROM demo_grid)) AS events,
              (SELECT count(*)::int FROM resident) AS residents`,
      [DEMO],
    )
  )[0];

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli([...args, '--database-url', db.url], commands, { env: { USER: 'ops' }, stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe('seed --streets N on a seeded installation', () => {
  it('adds the missing streets with their case history, keeps the demo street whole, and analyses', async () => {
    const before = await demoState();
    expect(before.cases).not.toBeNull();
    const plans = districtPlan(3, 1);
    const run = await cli(['seed', '--streets', '3']);
    expect(run.stderr).not.toMatch(/error|violates/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^added 2 streets \(kept 1\)/);

    // The demo street's accounts (pointing at its residents), leaders, assignments and cases are untouched.
    const after = await demoState();
    expect({ ...after, residents: undefined }).toEqual({ ...before, residents: undefined });
    expect(after.residents).toBeGreaterThan(before.residents);

    // Every street has its case history.
    const perStreet: { code: string; cases: number }[] = await db.dataSource.query(
      `SELECT s.code, count(c.id)::int AS cases FROM street s LEFT JOIN grid g ON g.street_id = s.id LEFT JOIN "case" c ON c.grid_id = g.id
        GROUP BY s.code ORDER BY s.code`,
    );
    expect(perStreet.map((s) => s.code)).toEqual(plans.map((p) => p.code).sort());
    for (const s of perStreet) expect(s.cases).toBeGreaterThan(100);

    // Vacuumed and analysed after writing: the planner has statistics for the new rows, and the visibility map
    // lets an index alone answer a count (a name search's totalCount) without reading the table.
    const [{ analysed, vacuumed }] = await db.dataSource.query(
      `SELECT pg_stat_clear_snapshot(), bool_and(coalesce(last_analyze, last_autoanalyze) IS NOT NULL) AS analysed,
              bool_and(coalesce(last_vacuum, last_autovacuum) IS NOT NULL) AS vacuumed FROM pg_stat_user_tables
        WHERE relname IN ('resident', 'household', 'case', 'case_event')`,
    );
    expect({ analysed, vacuumed }).toEqual({ analysed: true, vacuumed: true });

    // Running again adds nothing and changes nothing.
    const settled = await demoState();
    const again = await cli(['seed', '--streets', '3']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^added 0 streets \(kept 3\)/);
    expect(await demoState()).toEqual(settled);
  }, 600_000);
});
