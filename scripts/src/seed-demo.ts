import type { DataSource } from '@streetgrid/api';
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
  return 1 + data.grids.length + data.buildings.length + data.households.length + data.residents.length + data.partyOrganizations.length + data.leaders.length;
}

/**
 * Generates a demo district street by street and writes each in its own transaction, so
 * memory holds one street at a time. Idempotent: a street already there (same code) is
 * replaced whole, so re-running never duplicates.
 */
export async function seedDistrict(ds: DataSource, opts: SeedOptions): Promise<SeedResult> {
  const plans = districtPlan(opts.streets, opts.seed);
  const result: SeedResult = { streets: plans.length, rows: 0, grids: 0, buildings: 0, households: 0, residents: 0, generateMs: 0, writeMs: 0 };
  for (const plan of plans) {
    let started = performance.now();
    const data = generateStreet(plan);
    result.generateMs += performance.now() - started;
    const streetRows = rowCount(data);
    const base = { street: plan.index, streets: plans.length, streetName: plan.name, streetRows };
    opts.onProgress?.({ ...base, phase: 'generated', rowsWritten: result.rows });
    started = performance.now();
    let written = 0;
    let last = { table: '', done: 0, total: 0 };
    await ds.transaction((m) =>
      writeStreet(m, data, (table, done, total) => {
        // writeStreet reports per call (one per table and level); a new call restarts `done`.
        const restarted = table !== last.table || total !== last.total || done <= last.done;
        written += restarted ? done : done - last.done;
        last = { table, done, total };
        opts.onProgress?.({ ...base, phase: 'writing', rowsWritten: result.rows + written });
      }),
    );
    await ds.transaction((m) => writeStreetServices(m, data, { seed: plan.seed, now: serviceDemoDay() }));
    result.writeMs += performance.now() - started;
    result.rows += streetRows;
    result.grids += data.grids.length;
    result.buildings += data.buildings.length;
    result.households += data.households.length;
    result.residents += data.residents.length;
    opts.onProgress?.({ ...base, phase: 'written', rowsWritten: result.rows });
  }
  return result;
}

/** Seeds the demo street (one generated street, seed 1) when the database holds no street yet. */
export async function seedDemoIfEmpty(ds: DataSource): Promise<void> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM street`);
  if (n > 0) return;
  const started = Date.now();
  const r = await seedDistrict(ds, { streets: 1, seed: 1 });
  const plan = districtPlan(1, 1)[0];
  const history = await ds.transaction((m) => writeCaseHistory(m, plan.code, { days: 90 }));
  const logins = await seedDemoUsers(ds);
  console.log(
    `seeded demo street ${plan.name} (${r.grids} grids, ${r.buildings} buildings, ${r.households} households, ${r.residents} residents, ` +
      `${history.cases} cases over 90 days) in ${((Date.now() - started) / 1000).toFixed(1)} s; sign in as ${logins.join(', ')} (password "${DEMO_PASSWORD}")`,
  );
}
