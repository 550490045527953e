import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const LEADER = { role: 'GRID_LEADER', name: '社区书记' };
const VOLUNTEER = { role: 'VOLUNTEER', name: '志愿者' };
const COMMUNITY_1 = stableId('330106001001');
const COMMUNITY_2 = stableId('330106001002');
const grid = (code: string) => stableId(code);
const household = (smallCode: string, h: number) => stableId(`${smallCode}/household/${h}`);
/** Building centroid of a fixture small grid (l, m, s are 1-based). */
const centroid = (l: number, m: number, s: number): [number, number] => [
  120.1 + (l - 1) * 0.01 + (s - 1) * 0.005 + 0.0025,
  30.25 + (m - 1) * 0.01 + 0.00375,
];
/** Metres per degree of longitude at the fixture's latitude. */
const M_PER_LNG = 111_320 * Math.cos((30.254 * Math.PI) / 180);
const TUE_9_11 = { weekday: 2, startMinute: 540, endMinute: 660 };

const REGISTER = `mutation ($input: RegistrationInput!, $actor: ActorInput!) {
  registerForService(input: $input, actor: $actor) { id name availability { weekday startMinute endMinute } }
}`;
const RAISE = `mutation ($input: NeedInput!, $actor: ActorInput!) { raiseNeed(input: $input, actor: $actor) { id status version } }`;
const PROPOSE = `mutation ($gridId: ID!, $period: String!, $actor: ActorInput!, $method: MatchMethod) {
  proposeMatches(gridId: $gridId, period: $period, actor: $actor, method: $method) {
    needs helpers candidates solveMs
    proposals { id status version distanceM explanation method window { weekday startMinute endMinute } need { id } helper { id name } }
    quality { covered weightedCovered totalDistanceM maxLoad } greedy { covered weightedCovered totalDistanceM maxLoad } } }`;

interface Proposal {
  id: string;
  status: string;
  version: number;
  distanceM: number;
  explanation: string;
  method: string;
  window: { weekday: number; startMinute: number; endMinute: number } | null;
  need: { id: string };
  helper: { id: string; name: string };
}
interface Quality {
  covered: number;
  weightedCovered: number;
  totalDistanceM: number;
  maxLoad: number;
}
interface Run {
  needs: number;
  helpers: number;
  candidates: number;
  proposals: Proposal[];
  quality: Quality;
  greedy: Quality;
}

async function register(name: string, at: [number, number], over: Record<string, unknown> = {}): Promise<string> {
  const input = {
    kind: 'VOLUNTEER',
    name,
    communityId: COMMUNITY_1,
    lng: at[0],
    lat: at[1],
    skills: ['REPAIR'],
    radiusM: 1000,
    weeklyCapacity: 3,
    availability: [TUE_9_11],
    ...over,
  };
  const res = await api.gql<{ registerForService: { id: string } }>(REGISTER, { input, actor: VOLUNTEER });
  expect(res.errors).toBeUndefined();
  return res.data!.registerForService.id;
}

async function need(householdId: string, type: string, over: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const input = { householdId, type, source: 'GRID_LEADER', urgency: 'NORMAL', window: TUE_9_11, recurrence: 'ONCE', ...over };
  const res = await api.gql<{ raiseNeed: { id: string; version: number } }>(RAISE, { input, actor: LEADER });
  expect(res.errors).toBeUndefined();
  return res.data!.raiseNeed;
}

async function propose(gridId: string, period: string, method = 'OPTIMAL'): Promise<Run> {
  const res = await api.gql<{ proposeMatches: Run }>(PROPOSE, { gridId, period, actor: LEADER, method });
  expect(res.errors).toBeUndefined();
  return res.data!.proposeMatches;
}

const east = (p: [number, number], metres: number): [number, number] => [p[0] + metres / M_PER_LNG, p[1]];

describe('proposeMatches: each constraint on a hand-made case', () => {
  it('never matches a skill the helper lacks or a need type they will not serve', async () => {
    const at = centroid(1, 1, 1);
    await register('只会辅导', at, { skills: ['TUTORING'] });
    await register('懂法但只愿辅导', at, { skills: ['LEGAL', 'TUTORING'], willServe: ['TUTORING'] });
    const lawyer = await register('律师', east(at, 300), { skills: ['LEGAL'] });
    const n = await need(household('3301060010010010001', 0), 'LEGAL');
    const run = await propose(grid('3301060010010010001'), '2026-11-02');
    expect(run.proposals.map((p) => [p.need.id, p.helper.id])).toEqual([[n.id, lawyer]]);
    expect(run.proposals[0].explanation).toMatch(/^300 m; skill LEGAL; window Tue 09:00–10:00; same community/);
  });

  it('respects each helper’s travel radius (geodesic)', async () => {
    const at = centroid(1, 1, 2);
    await register('半径不够', east(at, 580), { skills: ['IT'], radiusM: 500 });
    const reach = await register('半径够', east(at, -580), { skills: ['IT'], radiusM: 600 });
    await need(household('3301060010010010002', 0), 'IT');
    const run = await propose(grid('3301060010010010002'), '2026-11-02');
    expect(run.proposals).toHaveLength(1);
    expect(run.proposals[0].helper.id).toBe(reach);
    expect(run.proposals[0].distanceM).toBeGreaterThan(570);
    expect(run.proposals[0].distanceM).toBeLessThan(590);
  });

  it('never gives a helper more than their weekly capacity', async () => {
    const at = centroid(1, 2, 1);
    const helper = await register('每周两次', at, { skills: ['ELDERLY_CARE'], weeklyCapacity: 2 });
    const small = '3301060010010020001';
    // Three back-to-back windows in the helper's Tuesday 9–11, so only capacity limits them.
    for (const [h, from] of [
      [0, 540],
      [1, 580],
      [0, 620],
    ])
      await need(household(small, h), 'ELDERLY_CARE', { window: { weekday: 2, startMinute: from, endMinute: from + 40 } });
    const run = await propose(grid(small), '2026-11-02');
    expect(run.needs).toBe(3);
    expect(run.proposals).toHaveLength(2);
    expect(run.proposals.every((p) => p.helper.id === helper)).toBe(true);
    expect(run.quality).toMatchObject({ covered: 2, maxLoad: 2 });
    // Capacity is per week: the next week has room again for the need left over.
    const next = await propose(grid(small), '2026-11-09');
    expect(next.proposals).toHaveLength(1);
  });

  it('requires the helper’s availability to overlap the need’s window for as long as the need takes', async () => {
    const at = centroid(1, 2, 2);
    await register('周二十点后', at, { skills: ['MEDICAL'], availability: [{ weekday: 2, startMinute: 600, endMinute: 720 }] });
    await register('周三', at, { skills: ['MEDICAL'], availability: [{ weekday: 3, startMinute: 540, endMinute: 600 }] });
    await register('周二只有二十分钟', at, { skills: ['MEDICAL'], availability: [{ weekday: 2, startMinute: 500, endMinute: 560 }] });
    const fits = await register('周二九点半', east(at, 100), {
      skills: ['MEDICAL'],
      availability: [
        { weekday: 2, startMinute: 570, endMinute: 660 },
        { weekday: 5, startMinute: 0, endMinute: 1440 },
      ],
    });
    await need(household('3301060010010020002', 0), 'MEDICAL', {
      window: { weekday: 2, startMinute: 540, endMinute: 600 },
      durationMinutes: 30,
    });
    const run = await propose(grid('3301060010010020002'), '2026-11-02');
    expect(run.candidates).toBe(1);
    expect(run.proposals.map((p) => p.helper.id)).toEqual([fits]);
    expect(run.proposals[0].explanation).toContain('window Tue 09:30–10:00');
  });

  it('beats greedy where nearest-first takes the only helper another need has', async () => {
    // A and B are 481 m apart (two buildings of community 2). Helper "middle" is 100 m
    // east of A and can reach both; helper "west" is 200 m west of A and reaches only A.
    const a = centroid(2, 1, 1);
    const middle = await register('中间', east(a, 100), { skills: ['DRIVING'], weeklyCapacity: 1, communityId: COMMUNITY_2 });
    const west = await register('西边', east(a, -200), { skills: ['DRIVING'], weeklyCapacity: 1, radiusM: 300, communityId: COMMUNITY_2 });
    const needA = await need(household('3301060010020010001', 0), 'DRIVING');
    const needB = await need(household('3301060010020010002', 0), 'DRIVING');
    const medium = grid('330106001002001');

    const greedy = await propose(medium, '2026-11-02', 'GREEDY');
    expect(greedy.proposals.map((p) => [p.need.id, p.helper.id])).toEqual([[needA.id, middle]]);

    const optimal = await propose(medium, '2026-11-02');
    const pairs = optimal.proposals.map((p) => [p.need.id, p.helper.id]).sort();
    expect(pairs).toEqual(
      [
        [needA.id, west],
        [needB.id, middle],
      ].sort(),
    );
    expect(optimal.quality.covered).toBe(2);
    expect(optimal.greedy.covered).toBe(1);
    // The re-run replaced the unreviewed greedy proposal rather than adding to it.
    const listed = await api.gql<{ serviceMatches: { totalCount: number } }>(
      `{ serviceMatches(gridId: "${medium}", period: "2026-11-02") { totalCount } }`,
    );
    expect(listed.data!.serviceMatches.totalCount).toBe(2);

    // The map layer draws each proposal as a line from the helper to the need, beside the overdue visits.
    const map = await api.gql<{
      serviceMap: {
        type: string;
        features: { geometry: { type: string; coordinates: number[][] }; properties: Record<string, unknown> }[];
      };
    }>(`{ serviceMap(gridId: "${medium}", period: "2026-11-02", now: "2026-11-25T00:00:00Z") }`);
    expect(map.errors).toBeUndefined();
    const lines = map.data!.serviceMap.features.filter((f) => f.properties.layer === 'MATCH');
    expect(lines).toHaveLength(2);
    expect(lines.every((f) => f.geometry.type === 'LineString' && f.geometry.coordinates.length === 2)).toBe(true);
    const westLine = lines.find((f) => f.geometry.coordinates[1][0] === Number(a[0].toFixed(6)));
    expect(westLine?.properties.distanceM).toBe(200);
    const visits = map.data!.serviceMap.features.filter((f) => f.properties.layer === 'OVERDUE_VISIT');
    expect(visits.map((f) => f.geometry.type)).toEqual(['Point', 'Point']);
  });
});

describe('a helper is in one place at a time', () => {
  const small = '3301060010020020002';
  const at = centroid(2, 2, 2);
  const tue = (from: number, to: number) => ({ weekday: 2, startMinute: from, endMinute: to });

  it('proposes only one of two needs whose windows overlap, though capacity would allow both, and keeps the slot', async () => {
    const helper = await register('心理咨询师', east(at, 100), { skills: ['PSYCHOLOGICAL'], weeklyCapacity: 3, communityId: COMMUNITY_2 });
    const a = await need(household(small, 0), 'PSYCHOLOGICAL', { window: tue(540, 600) });
    const b = await need(household(small, 1), 'PSYCHOLOGICAL', { window: tue(570, 630) });
    const run = await propose(grid(small), '2026-11-23');
    expect(run.candidates).toBe(2);
    expect(run.proposals).toHaveLength(1);
    const [p] = run.proposals;
    expect(p.helper.id).toBe(helper);
    expect(run.quality).toMatchObject({ covered: 1, maxLoad: 1 });
    expect(run.greedy).toMatchObject({ covered: 1, maxLoad: 1 });
    // The slot is the overlap of the need's window with the helper's Tuesday 9–11: the need's own window here.
    const expected = p.need.id === a.id ? tue(540, 600) : tue(570, 630);
    expect([a.id, b.id]).toContain(p.need.id);
    expect(p.window).toEqual(expected);
    expect(p.explanation).toContain(expected.startMinute === 540 ? 'window Tue 09:00–10:00' : 'window Tue 09:30–10:30');
    const listed = await api.gql<{ serviceMatches: { nodes: { window: unknown }[] } }>(
      `{ serviceMatches(gridId: "${grid(small)}", period: "2026-11-23") { nodes { window { weekday startMinute endMinute } } } }`,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.serviceMatches.nodes.map((x) => x.window)).toEqual([expected]);
  });

  it('does not propose a need that overlaps a task the helper already holds that week', async () => {
    const first = await propose(grid(small), '2026-11-23');
    const held = first.proposals[0];
    const confirmed = await api.gql(
      `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { confirmMatch(id: $id, version: $v, actor: $a) { id status } }`,
      { id: held.id, v: held.version, a: LEADER },
    );
    expect(confirmed.errors).toBeUndefined();
    // 09:45–10:15 overlaps either held slot; 10:30–11:00 starts where the later one ends.
    await need(household(small, 0), 'PSYCHOLOGICAL', { window: tue(585, 615) });
    const free = await need(household(small, 1), 'PSYCHOLOGICAL', { window: tue(630, 660) });
    const second = await propose(grid(small), '2026-11-23');
    expect(second.candidates).toBe(1);
    expect(second.proposals.map((p) => [p.need.id, p.window])).toEqual([[free.id, tue(630, 660)]]);
    // Another week has the helper free again.
    const nextWeek = await propose(grid(small), '2026-11-30');
    expect(nextWeek.proposals).toHaveLength(1);
  });

  it('books an hour of a longer window, so two needs wanted Tue 9–11 both go to one helper, at 9 and at 10', async () => {
    const place = '3301060010020010002';
    const home = centroid(2, 1, 2);
    const helper = await register('修理工', east(home, 150), { skills: ['REPAIR'], weeklyCapacity: 2, communityId: COMMUNITY_2 });
    const a = await need(household(place, 0), 'REPAIR', { window: tue(540, 660) });
    const b = await need(household(place, 1), 'REPAIR', { window: tue(540, 660) });
    const run = await propose(grid(place), '2026-11-23');
    expect(run.candidates).toBe(4); // two needs × two start times
    expect(run.proposals.map((p) => p.helper.id)).toEqual([helper, helper]);
    expect(new Set(run.proposals.map((p) => p.need.id))).toEqual(new Set([a.id, b.id]));
    expect(run.proposals.map((p) => p.window).sort((x, y) => x!.startMinute - y!.startMinute)).toEqual([tue(540, 600), tue(600, 660)]);
    expect(run.greedy).toMatchObject({ covered: 2 });
  });

  it(
    'books a need for its own duration: two 90-minute needs wanted Tue 9–12 go to one helper at 9:00 and 10:30; ' +
      'a duration longer than the window is refused',
    async () => {
      const place = '3301060010020010001';
      const home = centroid(2, 1, 1);
      const helper = await register('陪诊员', east(home, 120), {
        skills: ['MEDICAL'],
        weeklyCapacity: 2,
        communityId: COMMUNITY_2,
        availability: [tue(540, 720)],
      });
      await need(household(place, 0), 'MEDICAL', { window: tue(540, 720), durationMinutes: 90 });
      await need(household(place, 1), 'MEDICAL', { window: tue(540, 720), durationMinutes: 90 });
      const run = await propose(grid(place), '2026-11-23');
      expect(run.proposals.map((p) => p.helper.id)).toEqual([helper, helper]);
      expect(run.proposals.map((p) => p.window).sort((x, y) => x!.startMinute - y!.startMinute)).toEqual([tue(540, 630), tue(630, 720)]);
      const tooLong = await api.gql(RAISE, {
        input: { householdId: household(place, 0), type: 'MEDICAL', source: 'GRID_LEADER', window: tue(540, 600), durationMinutes: 90 },
        actor: LEADER,
      });
      expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.durationMinutes' });
    },
  );
});

describe('review and answer', () => {
  const small = '3301060010020020001';
  const TASK = `id status version need { id status } helper { id }`;

  it(
    'confirm → accept → complete records hours; ' + 'reject and decline re-enter the next run without that helper; a leader can reassign',
    async () => {
      const at = centroid(2, 2, 1);
      const near = await register('近', east(at, 50), { skills: ['CULTURE_SPORT'], communityId: COMMUNITY_2 });
      const mid = await register('中', east(at, 150), { skills: ['CULTURE_SPORT'], communityId: COMMUNITY_2 });
      const far = await register('远', east(at, 250), { skills: ['CULTURE_SPORT'], communityId: COMMUNITY_2 });
      const n = await need(household(small, 1), 'CULTURE_SPORT');

      const first = await propose(grid(small), '2026-11-16');
      expect(first.proposals.map((p) => p.helper.id)).toEqual([near]);
      const p1 = first.proposals[0];

      const confirmed = await api.gql<{ confirmMatch: { status: string; version: number } }>(
        `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { confirmMatch(id: $id, version: $v, actor: $a) { ${TASK} } }`,
        { id: p1.id, v: p1.version, a: LEADER },
      );
      expect(confirmed.data!.confirmMatch.status).toBe('CONFIRMED');

      // Only the proposed helper may answer.
      const wrong = await api.gql(
        `mutation ($id: ID!, $v: Int!, $r: ID!, $a: ActorInput!) {
          acceptMatch(id: $id, version: $v, registrationId: $r, actor: $a) { id }
        }`,
        { id: p1.id, v: 2, r: mid, a: VOLUNTEER },
      );
      expect(wrong.errors?.[0].extensions?.code).toBe('FORBIDDEN');

      const declined = await api.gql<{ declineMatch: { status: string } }>(
        `mutation ($id: ID!, $v: Int!, $r: ID!, $a: ActorInput!) {
        declineMatch(id: $id, version: $v, registrationId: $r, actor: $a, reason: "出差") { ${TASK} }
      }`,
        {
          id: p1.id,
          v: 2,
          r: near,
          a: VOLUNTEER,
        },
      );
      expect(declined.errors).toBeUndefined();
      expect(declined.data!.declineMatch.status).toBe('DECLINED');

      const second = await propose(grid(small), '2026-11-16');
      expect(second.proposals.map((p) => p.helper.id)).toEqual([mid]);
      const p2 = second.proposals[0];
      const rejected = await api.gql(
        `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { rejectMatch(id: $id, version: $v, reason: "不合适", actor: $a) { id status } }`,
        { id: p2.id, v: p2.version, a: LEADER },
      );
      expect(rejected.errors).toBeUndefined();

      const third = await propose(grid(small), '2026-11-16');
      expect(third.proposals.map((p) => p.helper.id)).toEqual([far]);
      const p3 = third.proposals[0];
      // A leader edits: give it to "mid" after all? mid was rejected for this need, so it is infeasible.
      const infeasible = await api.gql(
        `mutation ($id: ID!, $v: Int!, $r: ID!, $a: ActorInput!) {
        reassignMatch(id: $id, version: $v, registrationId: $r, actor: $a) { id }
      }`,
        { id: p3.id, v: p3.version, r: mid, a: LEADER },
      );
      expect(infeasible.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registrationId' });
      // A fourth helper registers; the leader gives it to them.
      const fourth = await register('新来的', east(at, 400), { skills: ['CULTURE_SPORT'], communityId: COMMUNITY_2 });
      const reassigned = await api.gql<{ reassignMatch: { id: string; status: string; version: number; helper: { id: string } } }>(
        `mutation ($id: ID!, $v: Int!, $r: ID!, $a: ActorInput!) {
        reassignMatch(id: $id, version: $v, registrationId: $r, actor: $a) { ${TASK} method explanation }
      }`,
        { id: p3.id, v: p3.version, r: fourth, a: LEADER },
      );
      expect(reassigned.errors).toBeUndefined();
      const m4 = reassigned.data!.reassignMatch;
      expect(m4).toMatchObject({ status: 'CONFIRMED', helper: { id: fourth } });

      const accepted = await api.gql<{ acceptMatch: { status: string; version: number; need: { status: string } } }>(
        `mutation ($id: ID!, $v: Int!, $r: ID!, $a: ActorInput!) {
        acceptMatch(id: $id, version: $v, registrationId: $r, actor: $a) { ${TASK} }
      }`,
        { id: m4.id, v: m4.version, r: fourth, a: VOLUNTEER },
      );
      expect(accepted.data!.acceptMatch).toMatchObject({ status: 'ACCEPTED', need: { status: 'ASSIGNED' } });
      const done = await api.gql<{ completeMatch: { status: string; need: { status: string } } }>(
        `mutation ($id: ID!, $v: Int!, $a: ActorInput!) {
        completeMatch(id: $id, version: $v, hours: 1.5, note: "陪练太极", actor: $a) { ${TASK} }
      }`,
        { id: m4.id, v: accepted.data!.acceptMatch.version, a: VOLUNTEER },
      );
      expect(done.data!.completeMatch).toMatchObject({ status: 'DONE', need: { id: n.id, status: 'DONE' } });
      const hours = await api.gql<{ serviceRegistration: { hours: number } }>(
        `{ serviceRegistration(id: "${fourth}") { hours(from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") } }`,
      );
      expect(hours.data!.serviceRegistration.hours).toBe(1.5);

      // A stale version is a CONFLICT.
      const stale = await api.gql(
        `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { confirmMatch(id: $id, version: $v, actor: $a) { id } }`,
        {
          id: m4.id,
          v: 1,
          a: LEADER,
        },
      );
      expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    },
  );

  it('answers BAD_USER_INPUT naming the field for a bad period or grid, and a volunteer may not run the matcher', async () => {
    const tuesday = await api.gql(PROPOSE, { gridId: grid(small), period: '2026-11-17', actor: LEADER });
    expect(tuesday.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const noGrid = await api.gql(PROPOSE, { gridId: stableId('nope'), period: '2026-11-16', actor: LEADER });
    expect(noGrid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridId' });
    const volunteer = await api.gql(PROPOSE, { gridId: grid(small), period: '2026-11-16', actor: VOLUNTEER });
    expect(volunteer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
