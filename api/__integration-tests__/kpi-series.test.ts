import { rng } from '../src/seed/case-history';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

/**
 * The KPI band's weekly series (`caseKpiSeries`) against its definitions, on 400 random cases
 * (a seeded generator, so a failure repeats): each week's figures computed here case by case,
 * literally from the definitions, must equal what the one statement answers — whole street and
 * one community, with weeks before and after the cases. The statement places each case by week
 * number instead of testing it against every week; this holds the two readings together.
 */
process.env.CASE_SWEEP_MS = '0';

const WEEK = 7 * 86_400_000;
const STATUSES = ['REPORTED', 'FILED', 'DISPATCHED', 'IN_PROGRESS', 'HANDLED', 'ESCALATED', 'CLOSED', 'RATED', 'REJECTED'];
/** The cases lie in [START, START + 10 weeks); the series asked for start before and end after them. */
const START = Date.parse('2024-03-01T00:00:00+08:00');

interface Row {
  status: string;
  reported: number;
  filed: number | null;
  due: number | null;
  closed: number | null;
  rating: number | null;
  grid: string;
}

let api: TestApi;
const cases: Row[] = [];
let communities: { id: string; path: string }[];

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  communities = await api.db.dataSource.query(`SELECT id, path::text FROM grid WHERE level = 'LARGE' ORDER BY code`);
  const smalls: { id: string; path: string }[] = await api.db.dataSource.query(
    `SELECT id, path::text FROM grid WHERE level = 'SMALL' ORDER BY code`,
  );
  const random = rng(18);
  const hours = (n: number) => Math.floor(random() * n) * 3_600_000;
  for (let i = 0; i < 400; i++) {
    const status = STATUSES[Math.floor(random() * STATUSES.length)];
    const reported = START + hours(10 * 7 * 24);
    const filed = status === 'REPORTED' || (status === 'REJECTED' && random() < 0.5) ? null : reported + hours(6);
    // Deadlines from a day to three weeks, some already before the report's week ends; now and then none.
    const due = filed == null || random() < 0.05 ? null : filed + hours(21 * 24);
    const closes = status === 'CLOSED' || status === 'RATED' || status === 'REJECTED';
    const closed = closes ? reported + hours(30 * 24) : null;
    const rating = status === 'RATED' ? 1 + Math.floor(random() * 5) : null;
    const grid = smalls[Math.floor(random() * smalls.length)];
    cases.push({ status, reported, filed, due, closed, rating, grid: grid.path });
    await api.db.dataSource.query(
      `INSERT INTO "case" (category, source, priority, status, description, location, grid_id, grid_path,
                           reported_at, filed_at, due_at, closed_at, rating)
       SELECT 'ENVIRONMENT', 'GRID_PATROL', 'NORMAL', $1, '周序列测试', ST_PointOnSurface(g.geom), g.id, g.path, $2, $3, $4, $5, $6
         FROM grid g WHERE g.id = $7`,
      [status, new Date(reported), at(filed), at(due), at(closed), rating, grid.id],
    );
  }
});

afterAll(async () => {
  await api?.close();
});

const at = (t: number | null) => (t == null ? null : new Date(t));

/** The series by its definitions (case.indicators.ts), case by case and week by week. */
function expected(rows: Row[], to: number, weeks: number) {
  const from = to - weeks * WEEK;
  const out = { reported: [] as number[], open: [] as number[], overdue: [] as number[], closed: [] as number[] };
  const rates = { onTimeClosureRate: [] as (number | null)[], satisfaction: [] as (number | null)[] };
  for (let i = 0; i < weeks; i++) {
    const f = from + i * WEEK;
    const t = f + WEEK;
    const live = (c: Row) => c.status !== 'REJECTED' && c.reported < t && (c.closed == null || c.closed >= t);
    const ofWeek = rows.filter((c) => c.reported >= f && c.reported < t);
    out.reported.push(ofWeek.length);
    out.open.push(rows.filter(live).length);
    out.overdue.push(rows.filter((c) => live(c) && c.filed != null && c.filed < t && c.due != null && c.due < t).length);
    out.closed.push(rows.filter((c) => c.closed != null && c.closed >= f && c.closed < t && c.reported < t).length);
    const dueToClose = ofWeek.filter((c) => c.filed != null && ((c.due != null && c.due < t) || c.closed != null)).length;
    const onTime = ofWeek.filter((c) => c.closed != null && c.due != null && c.closed <= c.due).length;
    rates.onTimeClosureRate.push(dueToClose > 0 ? onTime / dueToClose : null);
    const rated = ofWeek.filter((c) => c.rating != null);
    rates.satisfaction.push(rated.length ? rated.reduce((s, c) => s + c.rating!, 0) / rated.length / 5 : null);
  }
  return { ...out, ...rates };
}

const SERIES = `query ($to: DateTime, $weeks: Int, $gridId: ID) {
  caseKpiSeries(to: $to, weeks: $weeks, gridId: $gridId) { weekStarts reported open overdue closed onTimeClosureRate satisfaction }
}`;

type Series = Record<'reported' | 'open' | 'overdue' | 'closed' | 'onTimeClosureRate' | 'satisfaction', (number | null)[]> & {
  weekStarts: string[];
};

async function series(to: number, weeks: number, gridId?: string): Promise<Series> {
  const res = await api.gql<{ caseKpiSeries: Series }>(SERIES, { to: new Date(to).toISOString(), weeks, gridId });
  expect(res.errors).toBeUndefined();
  return res.data!.caseKpiSeries;
}

/** Rates to 9 places: the database's average and this division may differ in the last bit. */
const rounded = (s: Omit<Series, 'weekStarts'>) => ({
  ...s,
  onTimeClosureRate: s.onTimeClosureRate.map((x) => (x == null ? null : Number(x.toFixed(9)))),
  satisfaction: s.satisfaction.map((x) => (x == null ? null : Number(x.toFixed(9)))),
});

describe('caseKpiSeries against its definitions, 400 random cases', () => {
  it('the whole street, weeks from before the first case to after the last (a week ending mid-week too)', async () => {
    for (const [to, weeks] of [
      [START + 14 * WEEK, 16],
      [START + 6 * WEEK + 3.5 * 86_400_000, 5],
      [START + 40 * WEEK, 52],
    ]) {
      const { weekStarts, ...got } = await series(to, weeks);
      expect(weekStarts[0]).toBe(new Date(to - weeks * WEEK).toISOString());
      expect(rounded(got)).toEqual(rounded(expected(cases, to, weeks)));
    }
    // The data is not trivial: each kind of figure is non-zero somewhere.
    const all = expected(cases, START + 14 * WEEK, 16);
    for (const k of ['reported', 'open', 'overdue', 'closed'] as const) expect(Math.max(...all[k])).toBeGreaterThan(0);
  });

  it('one community', async () => {
    const community = communities[1];
    const { weekStarts: _, ...got } = await series(START + 12 * WEEK, 12, community.id);
    const mine = cases.filter((c) => c.grid.startsWith(`${community.path}.`));
    expect(mine.length).toBeGreaterThan(0);
    expect(rounded(got)).toEqual(rounded(expected(mine, START + 12 * WEEK, 12)));
  });
});
