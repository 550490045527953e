import type { DataSource, EntityManager } from '@streetgrid/api';
import type { StreetPlan } from './generate/street';
import type { StreetData } from '@streetgrid/api/seed/street-data';
import { writeStreet } from '@streetgrid/api/seed/write-street';
import { writeCaseHistory } from '@streetgrid/api';
import { districtPlan, generateStreet } from './generate';
import { serviceDemoDay, writeStreetServices } from './generate/services';
import { DEMO_PASSWORD, seedDemoUsers } from './seed-users';

/** Where a district seed is, for progress bars and logs. */
export interface SeedProgress {
  /** 0-based index of the street being worked on. */
  street: number;
  streets: number;
  streetName: string;
  phase: 'generated' | 'writing' | 'written';
  /** Rows of this street, once generated. */
  streetRows: number;
  /** Rows written so far, all streets together. */
  rowsWritten: number;
}

export interface SeedOptions {
  streets: number;
  seed: number;
  onProgress?: (progress: SeedProgress) => void;
}

/** Totals of a district seed. */
export interface SeedResult {
  streets: number;
  rows: number;
  grids: number;
  buildings: number;
  households: number;
  residents: number;
  /** Time spent generating (pure computation) and writing (database), summed over streets. */
  generateMs: number;
  writeMs: number;
}

/** All rows of a street, every table. */
export function rowCount(data: StreetData): number {
  return (
    1 +
    data.grids.length +
    data.buildings.length +
    data.households.length +
    data.residents.length +
    data.partyOrganizations.length +
    data.leaders.length
  );
}

/**
 * After a bulk write: fresh statistics (without them — autovacuum off or not yet run — the planner
 * guesses and scans whole tables) and the visibility map (a freshly loaded table has none, so a
 * count that the index alone could answer reads the heap: a name search's totalCount over 111k
 * of 1.4 million residents took 212 ms, 11 ms once vacuumed). One `VACUUM (ANALYZE)`, outside any
 * transaction.
 */
async function settle(ds: DataSource): Promise<void> {
  await ds.query('VACUUM (ANALYZE)');
}

/**
 * Generates a demo district street by street and writes each in its own transaction, so
 * memory holds one street at a time. Idempotent: a street already there (same code) is
 * replaced whole, so re-running never duplicates.
 */
export async function seedDistrict(ds: DataSource, opts: SeedOptions): Promise<SeedResult> {
  const plans = districtPlan(opts.streets, opts.seed);
  const result: SeedResult = {
    streets: plans.length,
    rows: 0,
    grids: 0,
    buildings: 0,
    households: 0,
    residents: 0,
    generateMs: 0,
    writeMs: 0,
  };
  for (const plan of plans) await ds.transaction((m) => seedStreet(m, plan, plans.length, result, opts.onProgress));
  await settle(ds);
  return result;
}

/** Totals of `addStreets`: the streets written (as seedDistrict's), those kept, and the cases written. */
export interface AddStreetsResult extends SeedResult {
  /** Streets of the plan already in the database, left as they were. */
  kept: number;
  /** Case history written (new streets, and kept streets that had no case at all). */
  cases: number;
}

/**
 * `seed --streets N`: brings an installation up to the plan's N streets without touching those
 * already there (same code) — their places and people, the demo accounts pointing at residents,
 * case history, leaders' assignments all stay. Each added street is written with its services and
 * 90 days of case history in one transaction (an interrupted run leaves whole streets); a kept street
 * that has no case at all gets its history too (cases only: nothing of it is deleted). Then VACUUM (ANALYZE).
 */
export async function addStreets(ds: DataSource, opts: SeedOptions): Promise<AddStreetsResult> {
  const plans = districtPlan(opts.streets, opts.seed);
  const existing = new Set(((await ds.query(`SELECT code FROM street`)) as { code: string }[]).map((r) => r.code));
  const result: AddStreetsResult = {
    streets: 0,
    rows: 0,
    grids: 0,
    buildings: 0,
    households: 0,
    residents: 0,
    generateMs: 0,
    writeMs: 0,
    kept: 0,
    cases: 0,
  };
  for (const plan of plans) {
    if (existing.has(plan.code)) {
      result.kept++;
      const [{ any }]: { any: boolean }[] = await ds.query(
        `SELECT EXISTS (SELECT 1 FROM "case" c JOIN grid g ON g.id = c.grid_id JOIN street s ON s.id = g.street_id
                         WHERE s.code = $1) AS any`,
        [plan.code],
      );
      if (!any) result.cases += (await ds.transaction((m) => writeCaseHistory(m, plan.code, { days: 90, seed: plan.seed }))).cases;
      continue;
    }
    await ds.transaction(async (m) => {
      await seedStreet(m, plan, plans.length, result, opts.onProgress);
      result.cases += (await writeCaseHistory(m, plan.code, { days: 90, seed: plan.seed })).cases;
    });
    result.streets++;
  }
  await settle(ds);
  return result;
}

/** Generates one street of a district plan and writes it (places, people, services) with `m`, adding to `result`. */
async function seedStreet(
  m: EntityManager,
  plan: StreetPlan,
  streets: number,
  result: SeedResult,
  onProgress?: SeedOptions['onProgress'],
): Promise<void> {
  {
    let started = performance.now();
    const data = generateStreet(plan);
    result.generateMs += performance.now() - started;
    const streetRows = rowCount(data);
    const base = { street: plan.index, streets, streetName: plan.name, streetRows };
    onProgress?.({ ...base, phase: 'generated', rowsWritten: result.rows });
    started = performance.now();
    let written = 0;
    let last = { table: '', done: 0, total: 0 };
    await writeStreet(m, data, (table, done, total) => {
      // writeStreet reports per call (one per table and level); a new call restarts `done`.
      const restarted = table !== last.table || total !== last.total || done <= last.done;
      written += restarted ? done : done - last.done;
      last = { table, done, total };
      onProgress?.({ ...base, phase: 'writing', rowsWritten: result.rows + written });
    });
    await writeStreetServices(m, data, { seed: plan.seed, now: serviceDemoDay() });
    result.writeMs += performance.now() - started;
    result.rows += streetRows;
    result.grids += data.grids.length;
    result.buildings += data.buildings.length;
    result.households += data.households.length;
    result.residents += data.residents.length;
    onProgress?.({ ...base, phase: 'written', rowsWritten: result.rows });
  }
}

/**
 * Seeds the demo street (one generated street, seed 1: places, people, services, 90 days of
 * cases, the demo accounts) in ONE transaction when the database holds no street yet, so an
 * interrupted first start leaves nothing and the next one starts over. A demo street left
 * without its accounts (by an interrupted start of an older version) is completed the same
 * way; a database holding any other street is left alone.
 */
export async function seedDemoIfEmpty(ds: DataSource): Promise<void> {
  const plan = districtPlan(1, 1)[0];
  const [{ streets, demo, accounts }]: { streets: number; demo: boolean; accounts: boolean }[] = await ds.query(
    `SELECT (SELECT count(*)::int FROM street) AS streets, EXISTS (SELECT 1 FROM street WHERE code = $1) AS demo,
            EXISTS (SELECT 1 FROM app_user WHERE login = 'admin') AS accounts`,
    [plan.code],
  );
  if (accounts || (streets > 0 && !demo)) return;
  const started = Date.now();
  const r: SeedResult = { streets: 1, rows: 0, grids: 0, buildings: 0, households: 0, residents: 0, generateMs: 0, writeMs: 0 };
  const { history, logins } = await ds.transaction(async (m) => {
    await seedStreet(m, plan, 1, r);
    return { history: await writeCaseHistory(m, plan.code, { days: 90 }), logins: await seedDemoUsers(m) };
  });
  await settle(ds);
  console.log(
    `seeded demo street ${plan.name} (${r.grids} grids, ${r.buildings} buildings, ${r.households} households, ${r.residents} residents, ` +
      `${history.cases} cases over 90 days) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `sign in as ${logins.join(', ')} (password "${DEMO_PASSWORD}")`,
  );
}
