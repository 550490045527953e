import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

/**
 * 考核评价: a month seeded with known data (cases, a visit, needs, a wish, a member's hours)
 * in one small grid, scored under the default scheme and checked input by input against
 * hand-computed values; a case entered late changes last month's score; the scheme is
 * versioned and validated; street staff see the street, a leader their subtree, others nothing.
 */
process.env.CASE_SWEEP_MS = '0';

const STREET = stableId('330106001');
const SMALL = '3301060010010010001';
const SMALL_ID = stableId(SMALL);
const LEADER_ID = stableId(`${SMALL}/leader`);
const HOUSEHOLD = stableId(`${SMALL}/household/0`);
const COMMUNITY_ID = stableId('330106001001');

let api: TestApi;
/** A moment in China Standard Time. */
const cst = (s: string) => new Date(`${s}+08:00`);

async function sql(q: string, params: unknown[] = []) {
  return api.db.dataSource.query(q, params);
}

async function insertCase(c: {
  reported: string;
  due: string;
  closed?: string;
  handled?: boolean;
  rating?: number;
  rework?: number;
}): Promise<void> {
  await sql(
    `INSERT INTO "case" (category, source, priority, status, description, location, grid_id, grid_path,
                         reported_at, filed_at, due_at, handled_at, closed_at, rating, rework_count)
     SELECT 'ENVIRONMENT', 'GRID_PATROL', 'NORMAL', CASE WHEN $4::timestamptz IS NULL THEN 'FILED' ELSE 'CLOSED' END, '考核测试',
            ST_SetSRID(ST_MakePoint(120.102, 30.255), 4326), g.id, g.path, $1, $1, $2, $3, $4, $5, $6
       FROM grid g WHERE g.code = $7`,
    [
      cst(c.reported),
      cst(c.due),
      c.handled ? cst(c.reported) : null,
      c.closed ? cst(c.closed) : null,
      c.rating ?? null,
      c.rework ?? 0,
      SMALL,
    ],
  );
}

interface Input {
  code: string;
  value: number | null;
  basis: number;
  target: number;
  weight: number;
  higherIsBetter: boolean;
  points: number | null;
}
interface Entry {
  subjectId: string;
  name: string;
  subjectLevel: string;
  communityId: string | null;
  score: number | null;
  rank: number;
  communityRank: number;
  inputs: Input[];
}
const ENTRY =
  'subjectId name subjectLevel communityId score rank communityRank inputs { code value basis target weight higherIsBetter points }';

async function assess(month: string, level: string, auth?: string, communityId?: string) {
  const q = `query ($m: String!, $l: AssessmentLevel!, $c: ID) {
    assessment(month: $m, level: $l, communityId: $c) { month level schemeVersion entries { ${ENTRY} } } }`;
  const vars = { m: month, l: level, c: communityId ?? null };
  return auth
    ? api.gqlAs<{ assessment: { schemeVersion: number; entries: Entry[] } }>(auth, q, vars)
    : api.gql<{ assessment: { schemeVersion: number; entries: Entry[] } }>(q, vars);
}

function byCode(e: Entry): Record<string, Input> {
  return Object.fromEntries(e.inputs.map((i) => [i.code, i]));
}

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  // June 2025 in the small grid: four cases (one closed on time rated 5, one closed late after
  // a rework rated 3, one overdue and open, one not yet due), a visit, two needs, a wish, a member's 6 hours.
  await insertCase({
    reported: '2025-06-02T09:00:00',
    due: '2025-06-10T00:00:00',
    closed: '2025-06-09T00:00:00',
    handled: true,
    rating: 5,
  });
  await insertCase({
    reported: '2025-06-03T09:00:00',
    due: '2025-06-10T00:00:00',
    closed: '2025-06-12T00:00:00',
    handled: true,
    rating: 3,
    rework: 1,
  });
  await insertCase({ reported: '2025-06-15T09:00:00', due: '2025-06-20T00:00:00' });
  await insertCase({ reported: '2025-06-28T09:00:00', due: '2025-07-15T00:00:00' });
  await sql(
    `INSERT INTO household_visit (household_id, visitor_name, visitor_role, visited_at, findings)
     VALUES ($1, '网格员', 'GRID_LEADER', $2, '一切正常')`,
    [HOUSEHOLD, cst('2025-06-27T10:00:00')],
  );
  const [reg] = await sql(
    `INSERT INTO service_registration (kind, name, community_id, household_id, location, skills, radius_m, weekly_capacity, created_at)
     VALUES ('MEMBER', '党员甲', $1, $2, ST_SetSRID(ST_MakePoint(120.102, 30.255), 4326), '{REPAIR}', 1000, 5, $3) RETURNING id`,
    [COMMUNITY_ID, HOUSEHOLD, cst('2025-01-01T00:00:00')],
  );
  const needs: string[] = [];
  for (const status of ['DONE', 'OPEN']) {
    const [n] = await sql(
      `INSERT INTO service_need (household_id, grid_id, grid_path, location, type, urgency, source, weekday, start_minute, end_minute,
                                 recurrence, status, created_at)
       SELECT $1, g.id, g.path, ST_SetSRID(ST_MakePoint(120.102, 30.255), 4326), 'REPAIR', 'NORMAL', 'VISIT', 3, 540, 600, 'ONCE', $2, $3
         FROM grid g WHERE g.id = $4 RETURNING id`,
      [HOUSEHOLD, status, cst('2025-06-05T10:00:00'), SMALL_ID],
    );
    needs.push(n.id);
  }
  const [match] = await sql(
    `INSERT INTO service_match (need_id, registration_id, period, status, method, distance_m, explanation)
     VALUES ($1, $2, '2025-06-11', 'DONE', 'MANUAL', 10, '测试') RETURNING id`,
    [needs[0], reg.id],
  );
  await sql(`INSERT INTO service_record (registration_id, match_id, hours, at) VALUES ($1, $2, 6, $3)`, [
    reg.id,
    match.id,
    cst('2025-06-11T11:00:00'),
  ]);
  const [wish] = await sql(
    `INSERT INTO micro_wish (household_id, grid_id, grid_path, location, title, description, poster_name, status, helper_id,
                             created_at, published_at, fulfilled_at)
     SELECT $1, g.id, g.path, ST_SetSRID(ST_MakePoint(120.102, 30.255), 4326), '一台收音机', '想听戏', '张大爷', 'FULFILLED', $2, $3, $3, $4
       FROM grid g WHERE g.id = $5 RETURNING id`,
    [HOUSEHOLD, reg.id, cst('2025-06-01T00:00:00'), cst('2025-06-04T00:00:00'), SMALL_ID],
  );
  await sql(`INSERT INTO wish_claim (wish_id, registration_id, status, claimed_at, expires_at) VALUES ($1, $2, 'FULFILLED', $3, $4)`, [
    wish.id,
    reg.id,
    cst('2025-06-02T00:00:00'),
    cst('2025-06-09T00:00:00'),
  ]);
});
afterAll(() => api.close());

/** June 2025 for the small grid, by hand (default scheme, every input with data: Σ weights 100). */
const JUNE: Record<string, { value: number; basis: number; points: number }> = {
  ON_TIME_CLOSURE: { value: 1 / 3, basis: 3, points: (25 * (1 / 3)) / 0.95 },
  REWORK: { value: 0.5, basis: 2, points: 10 * (0.05 / 0.5) },
  SATISFACTION: { value: 0.8, basis: 2, points: (20 * 0.8) / 0.9 },
  VISIT_ON_TIME: { value: 1, basis: 1, points: 15 },
  NEEDS_MATCHED: { value: 0.5, basis: 2, points: (5 * 0.5) / 0.9 },
  NEEDS_DONE: { value: 0.5, basis: 2, points: (10 * 0.5) / 0.8 },
  WISHES_FULFILLED: { value: 1, basis: 1, points: 5 },
  WISH_CLAIM_HOURS: { value: 24, basis: 1, points: 5 },
  SERVICE_HOURS: { value: 6, basis: 1, points: 5 },
};
const JUNE_SCORE = Object.values(JUNE).reduce((s, i) => s + i.points, 0);

function expectJune(e: Entry) {
  const inputs = byCode(e);
  expect(Object.keys(inputs)).toEqual(Object.keys(JUNE));
  for (const [code, want] of Object.entries(JUNE)) {
    expect(inputs[code].value).toBeCloseTo(want.value, 6);
    expect(inputs[code].basis).toBe(want.basis);
    expect(inputs[code].points).toBeCloseTo(want.points, 6);
  }
  expect(inputs.REWORK).toMatchObject({ target: 0.05, weight: 10, higherIsBetter: false });
  expect(inputs.ON_TIME_CLOSURE).toMatchObject({ target: 0.95, weight: 25, higherIsBetter: true });
  expect(e.score).toBeCloseTo(JUNE_SCORE, 6);
  expect(e.score).toBeCloseTo(66.5775, 3);
}

it('scores the small grid and its leader for June input by input, ranked first among the small grids', async () => {
  const grids = await assess('2025-06', 'GRID');
  expect(grids.errors).toBeUndefined();
  expect(grids.data!.assessment.schemeVersion).toBe(0);
  const entries = grids.data!.assessment.entries;
  const small = entries.find((e) => e.subjectId === SMALL_ID)!;
  expectJune(small);
  expect(small).toMatchObject({ subjectLevel: 'SMALL', rank: 1, communityRank: 1, communityId: COMMUNITY_ID });
  expect(entries.filter((e) => e.subjectLevel === 'SMALL')).toHaveLength(8);
  // The community holds four scheduled households, one visited: 1/4.
  const community = byCode(entries.find((e) => e.subjectId === COMMUNITY_ID)!);
  expect(community.VISIT_ON_TIME).toMatchObject({ value: 0.25, basis: 4 });

  const leaders = await assess('2025-06', 'GRID_LEADER');
  expect(leaders.errors).toBeUndefined();
  expectJune(leaders.data!.assessment.entries.find((e) => e.subjectId === LEADER_ID)!);

  const orgs = await assess('2025-06', 'PARTY_ORGANIZATION', undefined, COMMUNITY_ID);
  expect(orgs.errors).toBeUndefined();
  const group = orgs.data!.assessment.entries.find((e) => e.subjectId === stableId(`${SMALL}/party`))!;
  expect(group).toMatchObject({ subjectLevel: 'BUILDING_GROUP', rank: 1 });
  expect(group.score).toBeCloseTo(JUNE_SCORE, 6);
  expect(orgs.data!.assessment.entries.every((e) => e.communityId === COMMUNITY_ID)).toBe(true);
});

it('changes last month’s score when a case of May is entered late', async () => {
  const before = (await assess('2025-05', 'GRID')).data!.assessment.entries.find((e) => e.subjectId === SMALL_ID)!;
  // May: only the overdue visit (0 of 1) and the member's 0 hours have data → 0 of weights 15 + 5.
  expect(before.score).toBe(0);
  expect(byCode(before).ON_TIME_CLOSURE).toMatchObject({ value: null, basis: 0, points: null });
  expect(byCode(before).VISIT_ON_TIME).toMatchObject({ value: 0, basis: 1, points: 0 });

  await insertCase({
    reported: '2025-05-10T09:00:00',
    due: '2025-05-15T00:00:00',
    closed: '2025-05-14T00:00:00',
    handled: true,
    rating: 5,
  });
  const after = (await assess('2025-05', 'GRID')).data!.assessment.entries.find((e) => e.subjectId === SMALL_ID)!;
  // On time 1, rework 0, satisfaction 1: 25 + 10 + 20 earned of 25 + 10 + 20 + 15 + 5.
  expect(after.score).toBeCloseTo((100 * 55) / 75, 6);
  expect(byCode(after).ON_TIME_CLOSURE).toMatchObject({ value: 1, basis: 1 });
  expect(byCode(after).ON_TIME_CLOSURE.points).toBeCloseTo((100 * 25) / 75, 6);
  expect(byCode(after).REWORK).toMatchObject({ value: 0, basis: 1 });

  const history = await api.gql<{ assessmentHistory: { month: string; score: number | null; rank: number | null }[] }>(
    `query ($s: ID!) { assessmentHistory(subjectId: $s, level: GRID, month: "2025-06", months: 2) { month score rank } }`,
    { s: SMALL_ID },
  );
  expect(history.errors).toBeUndefined();
  expect(history.data!.assessmentHistory.map((h) => h.month)).toEqual(['2025-05', '2025-06']);
  expect(history.data!.assessmentHistory[0].score).toBeCloseTo((100 * 55) / 75, 6);
  expect(history.data!.assessmentHistory[1].score).toBeCloseTo(JUNE_SCORE, 6);
});

it('lets a leader assess their subtree only, and refuses residents', async () => {
  const leader = await api.userToken({ login: 'assess-leader', role: 'GRID_LEADER', gridCodes: ['3301060010010010002'] });
  const res = await assess('2025-06', 'GRID', leader);
  expect(res.errors).toBeUndefined();
  expect(res.data!.assessment.entries.map((e) => e.subjectId)).toEqual([stableId('3301060010010010002')]);
  const resident = await api.userToken({ login: 'assess-resident', role: 'RESIDENT' });
  const refused = await assess('2025-06', 'GRID', resident);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

it('versions the scheme, validates it, and scores each month with the version in force at its end', async () => {
  const set = (inputs: unknown[], auth?: string) => {
    const q = `mutation ($s: ID!, $i: AssessmentSchemeSetInput!) {
      setAssessmentScheme(streetId: $s, input: $i) { version inputs { code weight target higherIsBetter } createdAt } }`;
    const vars = { s: STREET, i: { inputs } };
    return auth
      ? api.gqlAs<{ setAssessmentScheme: { version: number; inputs: { code: string; weight: number; target: number }[] } }>(auth, q, vars)
      : api.gql<{ setAssessmentScheme: { version: number; inputs: { code: string; weight: number; target: number }[] } }>(q, vars);
  };
  const bad = [
    [[{ code: 'NOPE', weight: 1, target: 0.5 }], 'input.inputs.0.code'],
    [[{ code: 'REWORK', weight: -1, target: 0.5 }], 'input.inputs.0.weight'],
    [[{ code: 'REWORK', weight: 1, target: 1.5 }], 'input.inputs.0.target'],
    [[{ code: 'SATISFACTION', weight: 1, target: 0 }], 'input.inputs.0.target'],
    [
      [
        { code: 'ON_TIME_CLOSURE', weight: 0, target: 0.9 },
        { code: 'REWORK', weight: 0, target: 0.1 },
        { code: 'SATISFACTION', weight: 0, target: 0.9 },
        { code: 'VISIT_ON_TIME', weight: 0, target: 0.9 },
        { code: 'NEEDS_MATCHED', weight: 0, target: 0.9 },
        { code: 'NEEDS_DONE', weight: 0, target: 0.9 },
        { code: 'WISHES_FULFILLED', weight: 0, target: 0.9 },
        { code: 'WISH_CLAIM_HOURS', weight: 0, target: 24 },
        { code: 'SERVICE_HOURS', weight: 0, target: 2 },
      ],
      'input.inputs',
    ],
  ] as const;
  for (const [inputs, field] of bad) {
    const res = await set([...inputs]);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  }
  const leader = await api.userToken({ login: 'assess-leader2', role: 'GRID_LEADER', gridCodes: [SMALL] });
  expect((await set([{ code: 'REWORK', weight: 1, target: 0.1 }], leader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await sql(`SELECT count(*)::int AS n FROM assessment_scheme`)).toEqual([{ n: 0 }]);

  const v1 = await set([{ code: 'REWORK', weight: 30, target: 0.1 }]);
  expect(v1.errors).toBeUndefined();
  expect(v1.data!.setAssessmentScheme.version).toBe(1);
  expect(v1.data!.setAssessmentScheme.inputs.find((i) => i.code === 'REWORK')).toMatchObject({ weight: 30, target: 0.1 });
  expect(v1.data!.setAssessmentScheme.inputs.find((i) => i.code === 'SATISFACTION')).toMatchObject({ weight: 20, target: 0.9 });
  const v2 = await set([{ code: 'SATISFACTION', weight: 40, target: 0.8 }]);
  expect(v2.data!.setAssessmentScheme.version).toBe(2);

  const street = await api.gql<{ street: { assessmentScheme: { version: number }; assessmentSchemeHistory: { version: number }[] } }>(
    `{ street(code: "330106001") { assessmentScheme { version } assessmentSchemeHistory { version } } }`,
  );
  expect(street.errors).toBeUndefined();
  expect(street.data!.street.assessmentScheme.version).toBe(2);
  expect(street.data!.street.assessmentSchemeHistory.map((s) => s.version)).toEqual([2, 1]);

  // June 2025 keeps the scheme of its time (the defaults); this month scores with version 2.
  expect((await assess('2025-06', 'GRID')).data!.assessment.schemeVersion).toBe(0);
  const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const current = await assess(now, 'GRID');
  expect(current.errors).toBeUndefined();
  expect(current.data!.assessment.schemeVersion).toBe(2);
});
