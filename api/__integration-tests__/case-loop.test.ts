import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { MemoryBus } from '../src/platform/events/bus';
import { CASE_EVENTS } from '../src/domains/case/case.events';
import { runOverdueSweep } from '../src/domains/case/case.scheduler';
import { startTestApi, type TestApi } from './harness';

process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const SMALL_1 = '3301060010010010001'; // lng 120.100–120.105, lat 30.25–30.26
const SMALL_2 = '3301060010010010002'; // lng 120.105–120.110, lat 30.25–30.26
const CC = { role: 'COMMAND_CENTRE', name: '指挥中心值班员' };
const LEADER = { role: 'GRID_LEADER', name: '小网格长' };
const DEPT = { role: 'DEPARTMENT', name: '城管中队' };
const REPORTER = { role: 'REPORTER', name: '张居民' };

const CASE_FIELDS = `id status version category priority dueAt overdue reworkCount extensionCount feedback rating rejectReason
  duplicateOf escalatedTo department grid { code level }`;
const REPORT = `mutation ($input: ReportCaseInput!, $actor: ActorInput!) {
  reportCase(input: $input, actor: $actor) { created case { ${CASE_FIELDS} } possibleDuplicates { id } } }`;

interface CaseView {
  id: string;
  status: string;
  version: number;
  dueAt: string | null;
  overdue: boolean;
  reworkCount: number;
  extensionCount: number;
  escalatedTo: string | null;
  grid: { code: string; level: string };
  [k: string]: unknown;
}

let keySeq = 0;
async function report(over: Record<string, unknown> = {}) {
  const input = {
    clientKey: `k-${Date.now()}-${keySeq++}`,
    category: 'ENVIRONMENT',
    source: 'RESIDENT',
    lng: 120.102,
    lat: 30.255,
    description: '垃圾桶满溢',
    ...over,
  };
  const res = await api.gql<{ reportCase: { created: boolean; case: CaseView; possibleDuplicates: { id: string }[] } }>(REPORT, {
    input,
    actor: REPORTER,
  });
  expect(res.errors).toBeUndefined();
  return res.data!.reportCase;
}

/** Runs a transition mutation by name with the case's id and version plus extra arguments. */
async function act(name: string, c: { id: string; version: number }, actor: object, extra: Record<string, [string, unknown]> = {}) {
  const decl = Object.entries(extra)
    .map(([k, [type]]) => `, $${k}: ${type}`)
    .join('');
  const args = Object.keys(extra)
    .map((k) => `, ${k}: $${k}`)
    .join('');
  const vars = Object.fromEntries(Object.entries(extra).map(([k, [, v]]) => [k, v]));
  return api.gql<Record<string, CaseView>>(
    `mutation ($id: ID!, $version: Int!, $actor: ActorInput!${decl}) {
      ${name}(id: $id, version: $version, actor: $actor${args}) { ${CASE_FIELDS} }
    }`,
    { id: c.id, version: c.version, actor, ...vars },
  );
}

async function ok(
  name: string,
  c: { id: string; version: number },
  actor: object,
  extra: Record<string, [string, unknown]> = {},
): Promise<CaseView> {
  const res = await act(name, c, actor, extra);
  expect(res.errors).toBeUndefined();
  return res.data![name];
}

async function rowCounts(): Promise<{ cases: number; events: number }> {
  const [r] = await api.db.dataSource.query(
    `SELECT (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM case_event)::int AS events`,
  );
  return r;
}

describe('reporting', () => {
  it('routes the point to the small grid that covers it', async () => {
    expect((await report({ lng: 120.102, lat: 30.255 })).case.grid).toEqual({ code: SMALL_1, level: 'SMALL' });
    expect((await report({ lng: 120.107, lat: 30.255, category: 'DISPUTE' })).case.grid).toEqual({ code: SMALL_2, level: 'SMALL' });
  });

  it('is idempotent by clientKey: a retry answers the same case and writes nothing', async () => {
    const first = await report({ clientKey: 'retry-me', category: 'PROPERTY' });
    const before = await rowCounts();
    const again = await report({ clientKey: 'retry-me', category: 'PROPERTY' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.case.id).toBe(first.case.id);
    expect(await rowCounts()).toEqual(before);
  });

  it('suggests open cases of the same category within 50 m as duplicates, and not farther ones', async () => {
    const a = await report({ category: 'ILLEGAL_CONSTRUCTION', lng: 120.1031, lat: 30.2531 });
    const near = await report({ category: 'ILLEGAL_CONSTRUCTION', lng: 120.1034, lat: 30.2533 }); // ~36 m away
    const far = await report({ category: 'ILLEGAL_CONSTRUCTION', lng: 120.1041, lat: 30.2531 }); // ~96 m away
    const other = await report({ category: 'SAFETY_HAZARD', lng: 120.1031, lat: 30.2531 });
    expect(near.possibleDuplicates.map((d) => d.id)).toEqual([a.case.id]);
    expect(far.possibleDuplicates.map((d) => d.id)).not.toContain(a.case.id);
    expect(other.possibleDuplicates).toEqual([]);
  });

  it.each([
    [{ category: 'NOPE' }, 'input.category'],
    [{ lng: 200 }, 'input.lng'],
    [{ lng: 121.5, lat: 31.2 }, 'input.lng'],
    [{ description: '   ' }, 'input.description'],
    [{ buildingId: 'not-a-uuid' }, 'input.buildingId'],
    [{ photos: ['***'] }, 'input.photos.0'],
  ])('refuses %j as BAD_USER_INPUT on %s and writes nothing', async (over, field) => {
    const before = await rowCounts();
    const res = await api.gql(REPORT, {
      input: {
        clientKey: `bad-${keySeq++}`,
        category: 'ENVIRONMENT',
        source: 'RESIDENT',
        lng: 120.102,
        lat: 30.255,
        description: 'x',
        ...over,
      },
      actor: REPORTER,
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await rowCounts()).toEqual(before);
  });

  it('stores photos by content hash', async () => {
    const png = Buffer.from('not really a png').toString('base64');
    const r = await api.gql<{ reportCase: { case: { photos: string[] } } }>(
      `mutation ($input: ReportCaseInput!, $actor: ActorInput!) { reportCase(input: $input, actor: $actor) { case { photos } } }`,
      {
        input: {
          clientKey: `photo-${keySeq++}`,
          category: 'OTHER',
          source: 'GRID_PATROL',
          lng: 120.101,
          lat: 30.251,
          description: '照片',
          photos: [png, png],
        },
        actor: LEADER,
      },
    );
    expect(r.errors).toBeUndefined();
    const [hash] = r.data!.reportCase.case.photos;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.data!.reportCase.case.photos).toEqual([hash, hash]);
  });
});

describe('the closed loop', () => {
  it('runs report → file → dispatch → start → handle → return → handle → close → rate, with a timeline', async () => {
    let c: CaseView = (await report({ category: 'PUBLIC_FACILITY', priority: 'HIGH', description: '路灯不亮' })).case;
    expect(c).toMatchObject({ status: 'REPORTED', version: 1, dueAt: null });
    c = await ok('fileCase', c, LEADER);
    expect(c.status).toBe('FILED');
    const hours = (Date.parse(c.dueAt!) - Date.now()) / 3600e3;
    expect(hours).toBeGreaterThan(47.9); // PUBLIC_FACILITY at HIGH: 48 h
    expect(hours).toBeLessThanOrEqual(48);
    c = await ok('dispatchCase', c, CC, { department: ['String', '城管中队'] });
    expect(c).toMatchObject({ status: 'DISPATCHED', department: '城管中队' });
    c = await ok('startCase', c, DEPT);
    c = await ok('handleCase', c, DEPT, { feedback: ['String!', '已更换灯泡'] });
    expect(c).toMatchObject({ status: 'HANDLED', feedback: '已更换灯泡' });
    c = await ok('returnCase', c, CC, { reason: ['String!', '核查仍不亮'] });
    expect(c).toMatchObject({ status: 'IN_PROGRESS', reworkCount: 1 });
    c = await ok('handleCase', c, DEPT, { feedback: ['String!', '已更换镇流器'] });
    c = await ok('closeCase', c, CC);
    expect(c.status).toBe('CLOSED');
    c = await ok('rateCase', c, REPORTER, { rating: ['Int!', 5], comment: ['String', '满意'] });
    expect(c).toMatchObject({ status: 'RATED', rating: 5, version: 9 });

    const t = await api.gql<{
      case: { timeline: { id: string; type: string; fromStatus: string | null; toStatus: string; version: number; actorRole: string }[] };
    }>(`query ($id: ID!) { case(id: $id) { timeline { id type fromStatus toStatus version actorRole } } }`, { id: c.id });
    const timeline = t.data!.case.timeline;
    expect(timeline.map((e) => e.type)).toEqual([
      'REPORTED',
      'FILED',
      'DISPATCHED',
      'STARTED',
      'HANDLED',
      'RETURNED',
      'HANDLED',
      'CLOSED',
      'RATED',
    ]);
    expect(timeline.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(timeline.map((e) => Number(e.id))).toEqual([...timeline.map((e) => Number(e.id))].sort((a, b) => a - b));
    expect(timeline[timeline.length - 1]).toMatchObject({ fromStatus: 'CLOSED', toStatus: 'RATED', actorRole: 'REPORTER' });
  });

  it('rejects a duplicate, linking it to the original', async () => {
    const original = (await report({ category: 'LIVELIHOOD', lng: 120.1045, lat: 30.2595 })).case;
    const dup = (await report({ category: 'LIVELIHOOD', lng: 120.1045, lat: 30.2595 })).case;
    const c = await ok('rejectCase', dup, LEADER, { reason: ['String!', '重复上报'], duplicateOf: ['ID', original.id] });
    expect(c).toMatchObject({ status: 'REJECTED', rejectReason: '重复上报', duplicateOf: original.id });
  });

  it('escalates to the next grid level up, then to a department', async () => {
    let c = await ok('fileCase', (await report({ category: 'DISPUTE' })).case, CC);
    c = await ok('escalateCase', c, LEADER, { reason: ['String!', '本级无法调解'] });
    expect(c).toMatchObject({ status: 'ESCALATED', escalatedTo: 'MEDIUM' });
    c = await ok('dispatchCase', c, CC);
    c = await ok('escalateCase', c, CC, { reason: ['String!', '需司法所'], department: ['String', '司法所'] });
    expect(c).toMatchObject({ status: 'ESCALATED', escalatedTo: 'DEPARTMENT', department: '司法所' });
  });

  it('extends a deadline with a reason, counting the extension', async () => {
    let c = await ok('fileCase', (await report({ category: 'PROPERTY' })).case, CC);
    const newDueAt = new Date(Date.parse(c.dueAt!) + 24 * 3600e3).toISOString();
    c = await ok('extendCaseDeadline', c, CC, { newDueAt: ['DateTime!', newDueAt], reason: ['String!', '需业委会表决'] });
    expect(c).toMatchObject({ status: 'FILED', extensionCount: 1, dueAt: newDueAt });
    const earlier = await act('extendCaseDeadline', c, CC, {
      newDueAt: ['DateTime!', new Date(Date.now() + 3600e3).toISOString()],
      reason: ['String!', 'x'],
    });
    expect(earlier.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newDueAt' });
  });
});

describe('permissions', () => {
  /** Each transition with a role that may not take it, from a case in the right status. */
  const cases: [string, string, object, Record<string, [string, unknown]>][] = [
    ['fileCase', 'REPORTED', REPORTER, {}],
    ['fileCase', 'REPORTED', DEPT, {}],
    ['rejectCase', 'REPORTED', DEPT, { reason: ['String!', 'x'] }],
    ['dispatchCase', 'FILED', DEPT, {}],
    ['startCase', 'DISPATCHED', CC, {}],
    ['handleCase', 'IN_PROGRESS', REPORTER, { feedback: ['String!', 'x'] }],
    ['returnCase', 'HANDLED', DEPT, { reason: ['String!', 'x'] }],
    ['closeCase', 'HANDLED', LEADER, {}],
    ['closeCase', 'HANDLED', DEPT, {}],
    ['rateCase', 'CLOSED', CC, { rating: ['Int!', 4] }],
    ['escalateCase', 'FILED', REPORTER, { reason: ['String!', 'x'] }],
    [
      'extendCaseDeadline',
      'FILED',
      LEADER,
      { newDueAt: ['DateTime!', new Date(Date.now() + 1e9).toISOString()], reason: ['String!', 'x'] },
    ],
  ];

  async function caseIn(status: string): Promise<CaseView> {
    let c = (await report({ category: 'OTHER', lng: 120.108, lat: 30.265 })).case;
    const path: [string, object, Record<string, [string, unknown]>][] = [
      ['fileCase', CC, {}],
      ['dispatchCase', CC, {}],
      ['startCase', DEPT, {}],
      ['handleCase', DEPT, { feedback: ['String!', 'done'] }],
      ['closeCase', CC, {}],
    ];
    for (const [name, actor, extra] of path) {
      if (c.status === status) break;
      c = await ok(name, c, actor, extra);
    }
    expect(c.status).toBe(status);
    return c;
  }

  it.each(cases)('%s from %s by %j is FORBIDDEN and changes nothing', async (name, status, actor, extra) => {
    const c = await caseIn(status);
    const before = await rowCounts();
    const res = await act(name, c, actor, extra);
    expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const [row] = await api.db.dataSource.query(`SELECT status, version FROM "case" WHERE id = $1`, [c.id]);
    expect(row).toEqual({ status, version: c.version });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an action the status does not allow', async () => {
    const c = (await report()).case;
    const res = await act('closeCase', c, CC);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', status: 'REPORTED' });
  });
});

describe('optimistic versions', () => {
  it('answers CONFLICT to the second of two transitions made from the same version, changing nothing', async () => {
    const c = (await report({ category: 'SAFETY_HAZARD', lng: 120.1049, lat: 30.2501 })).case;
    const [a, b] = await Promise.all([act('fileCase', c, CC), act('rejectCase', c, LEADER, { reason: ['String!', '不属实'] })]);
    const winners = [a, b].filter((r) => !r.errors);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
    const events = await api.db.dataSource.query(`SELECT type FROM case_event WHERE case_id = $1 ORDER BY id`, [c.id]);
    expect(events).toHaveLength(2);
    const stale = await act('dispatchCase', c, CC);
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', expected: 1, actual: 2 });
  });
});

describe('overdue sweep', () => {
  it('marks overdue and escalates open cases whose deadline passed, once, under a forced clock', async () => {
    const c = await ok('fileCase', (await report({ category: 'SAFETY_HAZARD', priority: 'URGENT', lng: 120.1011, lat: 30.2511 })).case, CC);
    const bus = new MemoryBus();
    const seen: string[] = [];
    bus.subscribe(CASE_EVENTS, (e) => seen.push(`${e.caseId}:${e.type}`));
    expect(await runOverdueSweep(api.db.dataSource, bus, new Date(Date.parse(c.dueAt!) - 60e3))).toBe(0);
    const swept = await runOverdueSweep(api.db.dataSource, bus, new Date(Date.parse(c.dueAt!) + 60e3));
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(seen).toContain(`${c.id}:ESCALATED`);
    const after = await api.gql<{
      case: CaseView & { timeline: { type: string; actorRole: string; note: string | null; data: Record<string, unknown> }[] };
    }>(`query ($id: ID!) { case(id: $id) { status overdue escalatedTo version timeline { type actorRole note data } } }`, { id: c.id });
    expect(after.data!.case).toMatchObject({ status: 'ESCALATED', overdue: true, escalatedTo: 'MEDIUM', version: c.version + 1 });
    // Its note is in the street's language: the case panel's timeline shows it as it is.
    expect(after.data!.case.timeline.at(-1)).toMatchObject({
      type: 'ESCALATED',
      actorRole: 'SYSTEM',
      note: '超期未处置，系统自动上报',
      data: { overdue: true, escalatedTo: 'MEDIUM', toGridCode: '330106001001001' },
    });
    // A second sweep does not escalate it again.
    seen.length = 0;
    await runOverdueSweep(api.db.dataSource, bus, new Date(Date.parse(c.dueAt!) + 120e3));
    expect(seen).not.toContain(`${c.id}:ESCALATED`);
    const overdue = await api.gql<{ cases: { nodes: { id: string }[] } }>(`query { cases(overdue: true, first: 500) { nodes { id } } }`);
    expect(overdue.data!.cases.nodes.map((n) => n.id)).toContain(c.id);
  });

  it('the 超期 queue (overdue and open) leaves out a case that was overdue and has been closed since', async () => {
    const [live, done] = [(await report()).case, (await report()).case];
    await api.db.dataSource.query(`UPDATE "case" SET overdue = true, due_at = now() - interval '1 hour' WHERE id = ANY($1)`, [
      [live.id, done.id],
    ]);
    await api.db.dataSource.query(`UPDATE "case" SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [done.id]);
    const ids = async (args: string) =>
      (
        await api.gql<{ cases: { nodes: { id: string }[] } }>(`query { cases(${args}, first: 500) { nodes { id } } }`)
      ).data!.cases.nodes.map((n) => n.id);
    // Overdue alone keeps the history (assessment, departments' pulls): both.
    expect(await ids('overdue: true')).toEqual(expect.arrayContaining([live.id, done.id]));
    const queue = await ids('overdue: true, open: true');
    expect(queue).toContain(live.id);
    expect(queue).not.toContain(done.id);
    expect(await ids('overdue: true, open: false')).toEqual(expect.arrayContaining([done.id]));
    expect(await ids('overdue: true, open: false')).not.toContain(live.id);
  });
});

describe('overdue sweep in several processes', () => {
  it('escalates each overdue case once when sweeps run concurrently (FOR UPDATE SKIP LOCKED)', async () => {
    const filed: CaseView[] = [];
    for (let i = 0; i < 6; i++)
      filed.push(
        await ok(
          'fileCase',
          (await report({ category: 'ENVIRONMENT', priority: 'URGENT', lng: 120.1012 + i * 0.0001, lat: 30.2585 })).case,
          CC,
        ),
      );
    const later = new Date(Math.max(...filed.map((c) => Date.parse(c.dueAt!))) + 60e3);
    const bus = new MemoryBus();
    await Promise.all([
      runOverdueSweep(api.db.dataSource, bus, later),
      runOverdueSweep(api.db.dataSource, bus, later),
      runOverdueSweep(api.db.dataSource, bus, later),
    ]);
    const rows: { n: number }[] = await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM case_event
        WHERE type = 'ESCALATED' AND actor_role = 'SYSTEM' AND case_id = ANY($1::uuid[]) GROUP BY case_id`,
      [filed.map((c) => c.id)],
    );
    expect(rows.map((r) => r.n)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('queries and indicators', () => {
  it('lists cases by grid subtree, bbox, status and category, paging with a cursor', async () => {
    const small2 = stableId(SMALL_2);
    const large1 = stableId('330106001001');
    const q = `query ($gridId: ID, $bbox: [Float!], $status: CaseStatus, $category: String, $first: Int, $after: String) {
      cases(gridId: $gridId, bbox: $bbox, status: $status, category: $category, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id grid { code } status category } } }`;
    const inSmall2 = await api.gql<{ cases: { totalCount: number; nodes: { grid: { code: string } }[] } }>(q, { gridId: small2 });
    expect(inSmall2.data!.cases.nodes.length).toBeGreaterThan(0);
    expect(inSmall2.data!.cases.nodes.every((n) => n.grid.code === SMALL_2)).toBe(true);
    const all = await api.gql<{ cases: { totalCount: number } }>(q, { gridId: large1 });
    expect(all.data!.cases.totalCount).toBeGreaterThan(inSmall2.data!.cases.totalCount);
    const bbox = await api.gql<{ cases: { nodes: { grid: { code: string } }[] } }>(q, { bbox: [120.105, 30.25, 120.11, 30.26] });
    expect(bbox.data!.cases.nodes.every((n) => n.grid.code === SMALL_2)).toBe(true);
    const rated = await api.gql<{ cases: { nodes: { status: string }[] } }>(q, { status: 'RATED' });
    expect(rated.data!.cases.nodes.length).toBeGreaterThan(0);
    expect(rated.data!.cases.nodes.every((n) => n.status === 'RATED')).toBe(true);
    const page1 = await api.gql<{ cases: { totalCount: number; pageInfo: { endCursor: string }; nodes: { id: string }[] } }>(q, {
      first: 2,
    });
    const page2 = await api.gql<{ cases: { nodes: { id: string }[] } }>(q, { first: 2, after: page1.data!.cases.pageInfo.endCursor });
    expect(page2.data!.cases.nodes[0].id).not.toBe(page1.data!.cases.nodes[0].id);
    const bad = await api.gql(q, { bbox: [1, 2, 3] });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bbox' });
  });

  it('sends the same number of statements for 2 cases as for 50, with grid, building, category and timeline', async () => {
    const q = `query ($first: Int!) {
      cases(first: $first) {
        nodes { id grid { code parent { code } } building { id } categoryInfo { nameZh } timeline { id type case { status } } }
      }
    }`;
    const count = async (first: number) => {
      // The ordered bus may still be filling a gap left by earlier tests (one case_event read
      // after 250 ms): wait until it holds no event back, so the counter sees only this request.
      const pending = /^streetgrid_bus_pending_events\{[^}]*\} [1-9]/m;
      for (const end = Date.now() + 10_000; pending.test(await (await fetch(`${api.url}/metrics`)).text());) {
        if (Date.now() > end) throw new Error('the ordered bus still holds events back after 10 s');
        await new Promise((ok) => setTimeout(ok, 20));
      }
      api.db.counter.reset();
      const res = await api.gql<{ cases: { nodes: { timeline: unknown[] }[] } }>(q, { first });
      expect(res.errors).toBeUndefined();
      return { statements: api.db.counter.count, nodes: res.data!.cases.nodes.length };
    };
    const small = await count(2);
    const large = await count(50);
    expect(large.nodes).toBeGreaterThan(small.nodes);
    expect(large.statements).toBe(small.statements);
  });

  it('computes indicators over a grid subtree and period', async () => {
    const res = await api.gql<{ caseIndicators: Record<string, number | null> }>(
      `query ($gridId: ID!, $from: DateTime!, $to: DateTime!) { caseIndicators(gridId: $gridId, from: $from, to: $to) {
        reported filed closed dueToClose closedOnTime onTimeClosureRate closureRate reworkRate extensionRate meanHoursToDispatch
        meanHoursToClose satisfaction rated } }`,
      {
        gridId: stableId('330106001'.concat('001')),
        from: new Date(Date.now() - 3600e3).toISOString(),
        to: new Date(Date.now() + 3600e3).toISOString(),
      },
    );
    expect(res.errors).toBeUndefined();
    const k = res.data!.caseIndicators;
    expect(k.reported).toBeGreaterThan(k.filed!);
    expect(k.closed).toBeGreaterThanOrEqual(2);
    expect(k.closedOnTime).toBeGreaterThanOrEqual(2);
    expect(k.onTimeClosureRate).toBeGreaterThan(0);
    expect(k.reworkRate).toBeGreaterThan(0);
    expect(k.extensionRate).toBeGreaterThan(0);
    expect(k.satisfaction).toBe(1);
    expect(k.rated).toBe(1);
    expect(k.meanHoursToClose).toBeGreaterThanOrEqual(0);
  });
});
