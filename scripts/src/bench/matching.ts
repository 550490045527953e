import type { Database } from '@streetgrid/api';
import { candidatePairs, toProblem } from '@streetgrid/api/domains/service/matching/matching.service';
import { matchQuality, solveGreedy, solveOptimal, type MatchQuality } from '@streetgrid/api/domains/service/matching/matching.model';
import { districtPlan, generateStreet } from '../generate';
import { serviceDemoDay, writeStreetServices } from '../generate/services';

export interface MatchingBenchRow {
  street: string;
  needs: number;
  /** Needs with at least one feasible helper: the most any method can cover. */
  coverable: number;
  helpers: number;
  candidates: number;
  candidateMs: number;
  optimalMs: number;
  greedyMs: number;
  optimal: MatchQuality;
  greedy: MatchQuality;
}

/**
 * Precise matching on each demo street of the bench database (~2,000 open needs ×
 * ~800 helpers a street): the feasible pairs from PostGIS, then the HiGHS optimum and the
 * greedy baseline on the same pairs, with time and quality (needs covered, urgency
 * covered, total distance, max load). Streets without service data get it first.
 */
export async function benchMatching(db: Database, opts: { streets?: number; period?: string } = {}): Promise<MatchingBenchRow[]> {
  const ds = db.dataSource;
  const period = opts.period ?? '2026-11-23';
  const plans = districtPlan(opts.streets ?? 1, 1);
  const rows: MatchingBenchRow[] = [];
  for (const plan of plans) {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM service_need n JOIN grid g ON g.id = n.grid_id JOIN street s ON s.id = g.street_id WHERE s.code = $1`,
      [plan.code],
    );
    if (n === 0) {
      const data = generateStreet(plan);
      await ds.transaction((m) => writeStreetServices(m, data, { seed: plan.seed, now: serviceDemoDay() }));
    }
    const [{ path }] = await ds.query(
      `SELECT subpath(min(path::text)::ltree, 0, 1)::text AS path FROM grid g JOIN street s ON s.id = g.street_id WHERE s.code = $1`,
      [plan.code],
    );
    let started = performance.now();
    const pairs = await ds.transaction((m) => candidatePairs(m, path, period));
    const candidateMs = performance.now() - started;
    const problem = toProblem(pairs);
    started = performance.now();
    const optimal = await solveOptimal(problem);
    const optimalMs = performance.now() - started;
    started = performance.now();
    const greedy = solveGreedy(problem);
    const greedyMs = performance.now() - started;
    const [{ needs }] = await ds.query(`SELECT count(*)::int AS needs FROM service_need WHERE grid_path <@ $1::ltree AND status = 'OPEN'`, [
      path,
    ]);
    const [{ helpers }] = await ds.query(
      `SELECT count(*)::int AS helpers FROM service_registration r JOIN grid c ON c.id = r.community_id
        WHERE c.path <@ $1::ltree AND r.active`,
      [path],
    );
    rows.push({
      street: plan.name,
      needs,
      coverable: problem.needs.length,
      helpers,
      candidates: pairs.length,
      candidateMs,
      optimalMs,
      greedyMs,
      optimal: matchQuality(problem, optimal),
      greedy: matchQuality(problem, greedy),
    });
  }
  return rows;
}

export function printMatching(rows: MatchingBenchRow[]): void {
  console.log('Precise matching: HiGHS optimum vs greedy (nearest first, most urgent first) on the same feasible pairs');
  console.log('street        needs coverable helpers  pairs  pairs ms | method   ms      covered  urgency  total km  mean m  max load');
  for (const r of rows) {
    const head =
      `${r.street.padEnd(12)} ${String(r.needs).padStart(6)} ${String(r.coverable).padStart(9)} ${String(r.helpers).padStart(7)} ` +
      `${String(r.candidates).padStart(6)} ${r.candidateMs.toFixed(0).padStart(9)} |`;
    const line = (name: string, ms: number, q: MatchQuality) =>
      `${name.padEnd(8)} ${ms.toFixed(0).padStart(6)} ${String(q.covered).padStart(10)} ${String(q.weightedCovered).padStart(8)} ` +
      `${(q.totalDistanceM / 1000).toFixed(1).padStart(9)} ${(q.totalDistanceM / Math.max(1, q.covered)).toFixed(0).padStart(7)} ` +
      `${String(q.maxLoad).padStart(9)}`;
    console.log(`${head} ${line('optimal', r.optimalMs, r.optimal)}`);
    console.log(`${' '.repeat(head.length)} ${line('greedy', r.greedyMs, r.greedy)}`);
  }
  if (rows.length < 2) return;
  const sum = (f: (r: MatchingBenchRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const total = (pick: (r: MatchingBenchRow) => MatchQuality): MatchQuality => ({
    covered: sum((r) => pick(r).covered),
    weightedCovered: sum((r) => pick(r).weightedCovered),
    totalDistanceM: sum((r) => pick(r).totalDistanceM),
    maxLoad: Math.max(...rows.map((r) => pick(r).maxLoad)),
  });
  console.log(
    `all ${rows.length} streets: needs ${sum((r) => r.needs)}, coverable ${sum((r) => r.coverable)}, ` +
      `helpers ${sum((r) => r.helpers)}, pairs ${sum((r) => r.candidates)}, ` +
      `pairs ${(sum((r) => r.candidateMs) / 1000).toFixed(1)} s, optimal ${(sum((r) => r.optimalMs) / 1000).toFixed(1)} s, ` +
      `greedy ${(sum((r) => r.greedyMs) / 1000).toFixed(2)} s`,
  );
  for (const [name, q] of [
    ['optimal', total((r) => r.optimal)],
    ['greedy', total((r) => r.greedy)],
  ] as const) {
    console.log(
      `  ${name.padEnd(8)} covered ${q.covered}, urgency ${q.weightedCovered}, total ${(q.totalDistanceM / 1000).toFixed(1)} km, ` +
        `mean ${(q.totalDistanceM / Math.max(1, q.covered)).toFixed(0)} m, max load ${q.maxLoad}`,
    );
  }
}
