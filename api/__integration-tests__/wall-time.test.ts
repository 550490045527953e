import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

/**
 * Time on the wall (#17): the case heatmap (cells × days), the KPI band's weekly series and
 * the party and service statistics, on known data in the fixture's first small grid, checked
 * against values computed by hand (the Web Mercator cells with Python's math module), with
 * row-level security cutting what a leader of another grid sees.
 */
process.env.CASE_SWEEP_MS = '0';

const SMALL = '3301060010010010001';
const OTHER_SMALL = '3301060010020020002';
const SMALL_ID = stableId(SMALL);
const HOUSEHOLD = stableId(`${SMALL}/household/0`);
const COMMUNITY_ID = stableId('330106001001');

let api: TestApi;
/** A moment in China Standard Time. */
const cst = (s: string) => new Date(`${s}+08:00`);

async function sql(q: string, params: unknown[] = []) {
  return api.db.dataSource.query(q, params);
}

async function insertCase(c: {
  at: [number, number];
  reported: string;
  status: string;
  due?: string;
  closed?: string;
  rating?: number;
}): Promise<void> {
  const filed = c.status !== 'REJECTED';
  await sql(
    `INSERT INTO "case" (category, source, priority, status, description, location, grid_id, grid_path,
                         reported_at, filed_at, due_at, closed_at, rating)
     SELECT 'ENVIRONMENT', 'GRID_PATROL', 'NORMAL', $1, '热力测试', ST_SetSRID(ST_MakePoint($2, $3), 4326), g.id, g.path,
            $4, CASE WHEN $5 THEN $4::timestamptz END, $6, $7, $8
       FROM grid g WHERE g.code = $9`,
    [
      c.status,
      c.at[0],
      c.at[1],
      cst(c.reported),
      filed,
      c.due ? cst(c.due) : null,
      c.closed ? cst(c.closed) : null,
      c.rating ?? null,
      SMALL,
    ],
  );
}

/*
 * Two 50 m cells (ST_SnapToGrid to the nearest node in EPSG:3857):
 * A: (120.1021, 30.2521) and (120.10212, 30.25212) → node (13369700, 3536000) → 120.102059, 30.252129;
 * C: (120.1043, 30.2541), (120.10432, 30.25408), (120.10428, 30.25412) → (13369950, 3536250) → 120.104304, 30.254069.
 */
const CELL_A = { lng: 120.102059, lat: 30.252129 };
const CELL_C = { lng: 120.104304, lat: 30.254069 };

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  // A: closed on time, rated 5. B: closed late (in the second week), rated 3.
  await insertCase({
    at: [120.1021, 30.2521],
    reported: '2025-06-02T09:00:00',
    status: 'CLOSED',
    due: '2025-06-06T00:00:00',
    closed: '2025-06-05T00:00:00',
    rating: 5,
  });
  await insertCase({
    at: [120.10212, 30.25212],
    reported: '2025-06-02T15:00:00',
    status: 'CLOSED',
    due: '2025-06-09T00:00:00',
    closed: '2025-06-10T00:00:00',
    rating: 3,
  });
  // C: open past its deadline. D: closed late in the third week. F: rejected (never late).
  await insertCase({ at: [120.1043, 30.2541], reported: '2025-06-04T10:00:00', status: 'FILED', due: '2025-06-05T00:00:00' });
  await insertCase({
    at: [120.10432, 30.25408],
    reported: '2025-06-04T11:00:00',
    status: 'CLOSED',
    due: '2025-06-06T00:00:00',
    closed: '2025-06-16T00:00:00',
  });
  await insertCase({ at: [120.10428, 30.25412], reported: '2025-06-04T12:00:00', status: 'REJECTED' });
  // E: the second week, open, not yet due.
  await insertCase({ at: [120.1021, 30.2521], reported: '2025-06-09T10:00:00', status: 'FILED', due: '2025-06-30T00:00:00' });

  // Services in the first week [06-01, 06-08), and some outside it.
  const [reg] = await sql(
    `INSERT INTO service_registration (kind, name, community_id, household_id, location, skills, radius_m, weekly_capacity, created_at)
     VALUES ('MEMBER', '党员甲', $1, $2, ST_SetSRID(ST_MakePoint(120.102, 30.255), 4326), '{REPAIR}', 1000, 5, $3) RETURNING id`,
    [COMMUNITY_ID, HOUSEHOLD, cst('2025-01-01T00:00:00')],
  );
  await sql(
    `INSERT INTO service_registration (kind, name, community_id, location, skills, radius_m, weekly_capacity, created_at)
     VALUES ('VOLUNTEER', '志愿者乙', $1, ST_SetSRID(ST_MakePoint(120.102, 30.255), 4326), '{REPAIR}', 1000, 5, $2)`,
    [COMMUNITY_ID, cst('2025-01-01T00:00:00')],
  );
  const needs: string[] = [];
  for (const [status, created] of [
    ['DONE', '2025-06-05T10:00:00'],
    ['OPEN', '2025-06-05T11:00:00'],
    ['OPEN', '2025-06-12T11:00:00'],
  ]) {
    const [n] = await sql(
      `INSERT INTO service_need (household_id, grid_id, grid_path, location, type, urgency, source, weekday, start_minute, end_minute,
                                 recurrence, status, created_at)
       SELECT $1, g.id, g.path, ST_SetSRID(ST_MakePoint(120.102, 30.255), 4326), 'REPAIR', 'NORMAL', 'VISIT', 3, 540, 600, 'ONCE', $2, $3
         FROM grid g WHERE g.id = $4 RETURNING id`,
      [HOUSEHOLD, status, cst(created), SMALL_ID],
    );
    needs.push(n.id);
  }
  const [match] = await sql(
    `INSERT INTO service_match (need_id, registration_id, period, status, method, distance_m, explanation)
     VALUES ($1, $2, '2025-06-02', 'DONE', 'MANUAL', 10, '测试') RETURNING id`,
    [needs[0], reg.id],
  );
  for (const [hours, at] of [
    [6, '2025-06-06T11:00:00'],
    [2.5, '2025-06-10T11:00:00'],
  ] as const)
    await sql(`INSERT INTO service_record (registration_id, match_id, hours, at) VALUES ($1, $2, $3, $4)`, [
      reg.id,
      match.id,
      hours,
      cst(at),
    ]);
  const wishes: [string, string | null][] = [
    ['2025-06-01T00:00:00', '2025-06-04T00:00:00'],
    ['2025-06-03T00:00:00', null],
  ];
  for (const [created, fulfilled] of wishes)
    await sql(
      `INSERT INTO micro_wish (household_id, grid_id, grid_path, location, title, description, poster_name, status,
                               created_at, published_at, fulfilled_at)
       SELECT $1, g.id, g.path, ST_SetSRID(ST_MakePoint(120.102, 30.255), 4326), '一台收音机', '想听戏', '张大爷', $2, $3, $3, $4
         FROM grid g WHERE g.id = $5`,
      [HOUSEHOLD, fulfilled ? 'FULFILLED' : 'PUBLISHED', cst(created), fulfilled ? cst(fulfilled) : null, SMALL_ID],
    );
  for (const at of ['2025-06-03T10:00:00', '2025-06-20T10:00:00'])
    await sql(
      `INSERT INTO household_visit (household_id, visitor_name, visitor_role, visited_at, findings)
       VALUES ($1, '网格员', 'GRID_LEADER', $2, '一切正常')`,
      [HOUSEHOLD, cst(at)],
    );
}, 120_000);
afterAll(() => api.close());

const HEATMAP = `query ($from: DateTime!, $to: DateTime!, $gridId: ID, $cell: Int) {
  caseHeatmap(from: $from, to: $to, gridId: $gridId, cellMeters: $cell) {
    from to days cellMeters lng lat cell day count late total truncated
  }
}`;
interface Heatmap {
  days: number;
  cellMeters: number;
  lng: number[];
  lat: number[];
  cell: number[];
  day: number[];
  count: number[];
  late: number[];
  total: number;
  truncated: boolean;
}
const WEEK1 = { from: cst('2025-06-01T00:00:00').toISOString(), to: cst('2025-06-08T00:00:00').toISOString() };

/** The buckets as readable rows: [lng, lat, day, count, late]. */
function rows(h: Heatmap): [number, number, number, number, number][] {
  return h.cell.map((c, j) => [h.lng[c], h.lat[c], h.day[j], h.count[j], h.late[j]]);
}

describe('caseHeatmap', () => {
  it('counts the first week per 50 m cell and per day, with the late ones, as computed by hand', async () => {
    const res = await api.gql<{ caseHeatmap: Heatmap }>(HEATMAP, WEEK1);
    expect(res.errors).toBeUndefined();
    const h = res.data!.caseHeatmap;
    expect(h).toMatchObject({ days: 7, cellMeters: 50, total: 5, truncated: false });
    // Cell A, day 1 (06-02): A on time, B late. Cell C, day 3 (06-04): C open past due, D closed late, F rejected.
    const got = rows(h);
    expect(got).toHaveLength(2);
    const [a, c] = got;
    expect(a[0]).toBeCloseTo(CELL_A.lng, 6);
    expect(a[1]).toBeCloseTo(CELL_A.lat, 6);
    expect(a.slice(2)).toEqual([1, 2, 1]);
    expect(c[0]).toBeCloseTo(CELL_C.lng, 6);
    expect(c[1]).toBeCloseTo(CELL_C.lat, 6);
    expect(c.slice(2)).toEqual([3, 3, 2]);
  });

  it('merges the two cells into one at a coarser size and spans more days', async () => {
    const res = await api.gql<{ caseHeatmap: Heatmap }>(HEATMAP, {
      from: WEEK1.from,
      to: cst('2025-06-22T00:00:00').toISOString(),
      cell: 5000,
    });
    expect(res.errors).toBeUndefined();
    const h = res.data!.caseHeatmap;
    expect(h).toMatchObject({ days: 21, cellMeters: 5000, total: 6 });
    expect(h.lng).toHaveLength(1);
    expect(rows(h).map((r) => r.slice(2))).toEqual([
      [1, 2, 1],
      [3, 3, 2],
      // E, due 06-30: open and past that deadline now.
      [8, 1, 1],
    ]);
  });

  it('narrows to a grid’s subtree; another grid is empty; an unknown one is refused', async () => {
    const mine = await api.gql<{ caseHeatmap: Heatmap }>(HEATMAP, { ...WEEK1, gridId: COMMUNITY_ID });
    expect(mine.data!.caseHeatmap.total).toBe(5);
    const other = await api.gql<{ caseHeatmap: Heatmap }>(HEATMAP, { ...WEEK1, gridId: stableId(OTHER_SMALL) });
    expect(other.errors).toBeUndefined();
    expect(other.data!.caseHeatmap).toMatchObject({ total: 0, lng: [], cell: [] });
    const missing = await api.gql(HEATMAP, { ...WEEK1, gridId: stableId('no-such-grid') });
    // The street admin sees every grid: an unknown one is bad input.
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridId' });
  });

  it('answers under row-level security: a leader of another small grid sees none of these cases', async () => {
    const other = await api.userToken({ login: 'heat-leader-other', role: 'GRID_LEADER', gridCodes: [OTHER_SMALL] });
    const mine = await api.userToken({ login: 'heat-leader-mine', role: 'GRID_LEADER', gridCodes: [SMALL] });
    expect((await api.gqlAs<{ caseHeatmap: Heatmap }>(other, HEATMAP, WEEK1)).data!.caseHeatmap.total).toBe(0);
    expect((await api.gqlAs<{ caseHeatmap: Heatmap }>(mine, HEATMAP, WEEK1)).data!.caseHeatmap.total).toBe(5);
    expect((await api.gqlAs(null, HEATMAP, WEEK1)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a reversed or too long window and an odd cell size, naming the field', async () => {
    const reversed = await api.gql(HEATMAP, { from: WEEK1.to, to: WEEK1.from });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const long = await api.gql(HEATMAP, { from: '2024-01-01T00:00:00Z', to: '2025-06-01T00:00:00Z' });
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const cell = await api.gql(HEATMAP, { ...WEEK1, cell: 3 });
    expect(cell.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cellMeters' });
  });

  it('sends the same statements for one day or a year: one for the buckets', async () => {
    await api.gql('{ __typename }');
    api.db.counter.reset();
    await api.gql(HEATMAP, { from: WEEK1.from, to: cst('2025-06-02T00:00:00').toISOString() });
    const oneDay = api.db.counter.count;
    api.db.counter.reset();
    await api.gql(HEATMAP, { from: '2025-01-01T00:00:00Z', to: '2025-12-31T00:00:00Z' });
    expect(api.db.counter.count).toBe(oneDay);
    api.db.counter.reset();
    await api.gql('{ caseCategories { code } }');
    // The request's own statements (identity, transaction) plus one: the same as a one-statement field.
    expect(oneDay).toBe(api.db.counter.count);
  });
});

const SERIES = `query ($to: DateTime, $weeks: Int, $gridId: ID) {
  caseKpiSeries(to: $to, weeks: $weeks, gridId: $gridId) { weekStarts reported open overdue closed onTimeClosureRate satisfaction }
}`;

describe('caseKpiSeries', () => {
  it('answers three weeks of every KPI as computed by hand', async () => {
    const res = await api.gql<{ caseKpiSeries: Record<string, unknown[]> }>(SERIES, {
      to: cst('2025-06-22T00:00:00').toISOString(),
      weeks: 3,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.caseKpiSeries).toEqual({
      weekStarts: ['2025-05-31T16:00:00.000Z', '2025-06-07T16:00:00.000Z', '2025-06-14T16:00:00.000Z'],
      // A B C D F | E | —
      reported: [5, 1, 0],
      // 06-08: B C D; 06-15: C D E; 06-22: C E.
      open: [3, 3, 2],
      // 06-08: C D (B due 06-09); 06-15: C D; 06-22: C.
      overdue: [2, 2, 1],
      closed: [1, 1, 1],
      // Week 1: due to close A B C D, on time A → 1/4; later weeks: nothing due.
      onTimeClosureRate: [0.25, null, null],
      // Week 1: ratings 5 and 3 → 4 / 5.
      satisfaction: [0.8, null, null],
    });
  });

  it('agrees with caseIndicators on the same week', async () => {
    const res = await api.gql<{ caseIndicators: { onTimeClosureRate: number; satisfaction: number; reported: number } }>(
      `query ($from: DateTime!, $to: DateTime!) { caseIndicators(from: $from, to: $to) { onTimeClosureRate satisfaction reported } }`,
      WEEK1,
    );
    expect(res.data!.caseIndicators).toEqual({ onTimeClosureRate: 0.25, satisfaction: 0.8, reported: 5 });
  });

  it('defaults to 12 weeks ending now; under row-level security; refuses 0 weeks', async () => {
    const now = await api.gql<{ caseKpiSeries: { weekStarts: string[]; reported: number[] } }>(SERIES, {});
    expect(now.data!.caseKpiSeries.weekStarts).toHaveLength(12);
    const other = await api.userToken({ login: 'series-leader-other', role: 'GRID_LEADER', gridCodes: [OTHER_SMALL] });
    const cut = await api.gqlAs<{ caseKpiSeries: { reported: number[]; open: number[] } }>(other, SERIES, {
      to: cst('2025-06-22T00:00:00').toISOString(),
      weeks: 3,
    });
    expect(cut.data!.caseKpiSeries).toMatchObject({ reported: [0, 0, 0], open: [0, 0, 0] });
    const zero = await api.gql(SERIES, { weeks: 0 });
    expect(zero.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weeks' });
  });
});

const STATS = `query ($from: DateTime!, $to: DateTime!) {
  wallStatistics(from: $from, to: $to) {
    organizations centralHouseholds members registrations serviceHours needsCreated needsDone wishesCreated wishesFulfilled visits
  }
  partyCoverage(first: 1) { coverageRate gridCount }
}`;

describe('wallStatistics', () => {
  it('answers the first week’s party and service figures beside the coverage, in one request', async () => {
    const res = await api.gql<{ wallStatistics: Record<string, number>; partyCoverage: { coverageRate: number; gridCount: number } }>(
      STATS,
      WEEK1,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.wallStatistics).toEqual({
      // The fixture: 2 community committees, 4 compound branches, 8 building groups (the street committee not counted).
      organizations: 14,
      centralHouseholds: 0,
      members: 1,
      registrations: 2,
      // 6 h on 06-06 (2.5 h on 06-10 is outside).
      serviceHours: 6,
      needsCreated: 2,
      needsDone: 1,
      wishesCreated: 2,
      wishesFulfilled: 1,
      visits: 1,
    });
    // Every grid of the fixture has its organisation.
    expect(res.data!.partyCoverage).toEqual({ coverageRate: 1, gridCount: 14 });
  });

  it('cuts by row-level security for a leader and refuses residents', async () => {
    const leader = await api.userToken({ login: 'stats-leader', role: 'GRID_LEADER', gridCodes: [SMALL] });
    const res = await api.gqlAs<{ wallStatistics: Record<string, number> }>(leader, STATS, WEEK1);
    expect(res.errors).toBeUndefined();
    // Their small grid's building group; the registrations of their community; the services of their grid.
    expect(res.data!.wallStatistics).toMatchObject({ organizations: 1, members: 1, registrations: 2, needsCreated: 2, visits: 1 });
    const other = await api.userToken({ login: 'stats-leader-other', role: 'GRID_LEADER', gridCodes: [OTHER_SMALL] });
    const cut = await api.gqlAs<{ wallStatistics: Record<string, number> }>(other, STATS, WEEK1);
    expect(cut.data!.wallStatistics).toMatchObject({ organizations: 1, needsCreated: 0, wishesCreated: 0, visits: 0, serviceHours: 0 });
    const resident = await api.userToken({
      login: 'stats-resident',
      role: 'RESIDENT',
      residentId: stableId(`${SMALL}/household/0/resident/0`),
    });
    const refused = await api.gqlAs(
      resident,
      `query ($from: DateTime!, $to: DateTime!) { wallStatistics(from: $from, to: $to) { visits } }`,
      WEEK1,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reversed = await api.gql(STATS, { from: WEEK1.to, to: WEEK1.from });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});
