import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { WishService } from '../src/domains/service/wishes/wish.service';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const LEADER = { role: 'GRID_LEADER', name: '社区书记' };
const VOLUNTEER = { role: 'VOLUNTEER', name: '志愿者' };
const RESIDENT = { role: 'REPORTER', name: '张居民' };
const COMMUNITY_1 = stableId('330106001001');
const SMALL_1 = '3301060010010010001';
const household = (smallCode: string, h: number) => stableId(`${smallCode}/household/${h}`);
const TUE_9_11 = { weekday: 2, startMinute: 540, endMinute: 660 };

/** Where a household lives: a volunteer who is not its member registers from the point, not the household (which they may not see). */
async function homeOf(householdId: string): Promise<{ lng: number; lat: number }> {
  const [p] = await api.db.dataSource.query(
    `SELECT ST_X(b.centroid) AS lng, ST_Y(b.centroid) AS lat FROM household h JOIN building b ON b.id = h.building_id WHERE h.id = $1`,
    [householdId],
  );
  return p;
}

async function count(table: string): Promise<number> {
  const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

async function register(name: string): Promise<string> {
  const res = await api.gql<{ registerForService: { id: string } }>(
    `mutation ($input: RegistrationInput!, $actor: ActorInput!) { registerForService(input: $input, actor: $actor) { id } }`,
    {
      input: {
        kind: 'MEMBER',
        name,
        unitName: '区税务局',
        communityId: COMMUNITY_1,
        householdId: household(SMALL_1, 1),
        skills: ['REPAIR'],
        radiusM: 2000,
        weeklyCapacity: 2,
        availability: [TUE_9_11],
      },
      actor: VOLUNTEER,
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.registerForService.id;
}

const WISH = `id status version title helperId fulfilNote photo thanks`;
interface Wish {
  id: string;
  status: string;
  version: number;
  helperId: string | null;
}

async function publishedWish(title: string): Promise<Wish> {
  const posted = await api.gql<{ postWish: Wish }>(
    `mutation ($input: WishInput!, $a: ActorInput!) { postWish(input: $input, actor: $a) { ${WISH} } }`,
    {
      input: { householdId: household(SMALL_1, 0), title, description: '老人想要一台收音机', posterName: '王奶奶' },
      a: RESIDENT,
    },
  );
  expect(posted.errors).toBeUndefined();
  expect(posted.data!.postWish.status).toBe('SUBMITTED');
  const published = await api.gql<{ reviewWish: Wish }>(
    `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { reviewWish(id: $id, version: $v, publish: true, actor: $a) { ${WISH} } }`,
    {
      id: posted.data!.postWish.id,
      v: posted.data!.postWish.version,
      a: LEADER,
    },
  );
  expect(published.data!.reviewWish.status).toBe('PUBLISHED');
  return published.data!.reviewWish;
}

const CLAIM = `mutation ($id: ID!, $r: ID!, $a: ActorInput!) { claimWish(id: $id, registrationId: $r, actor: $a) { ${WISH} } }`;

describe('micro-wishes and the echo wall', () => {
  it('post → review → publish → claim → fulfil with a photo → thank, then shows on the echo wall without personal data', async () => {
    const helper = await register('在职党员甲');
    const wish = await publishedWish('一台收音机');
    const nearby = await api.gql<{ claimableWishes: { id: string }[] }>(
      `{ claimableWishes(lng: 120.1025, lat: 30.2537, meters: 500) { id } }`,
    );
    expect(nearby.data!.claimableWishes.map((w) => w.id)).toContain(wish.id);

    const claimed = await api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: helper, a: VOLUNTEER });
    expect(claimed.data!.claimWish).toMatchObject({ status: 'CLAIMED', helperId: helper });
    const fulfilled = await api.gql<{ fulfilWish: Wish & { photo: string } }>(
      `mutation ($id: ID!, $v: Int!, $r: ID!, $p: String, $a: ActorInput!) { fulfilWish(id: $id, version: $v, registrationId: $r, note: "送去了收音机", photo: $p, actor: $a) { ${WISH} } }`,
      { id: wish.id, v: claimed.data!.claimWish.version, r: helper, p: Buffer.from('jpeg bytes').toString('base64'), a: VOLUNTEER },
    );
    expect(fulfilled.errors).toBeUndefined();
    expect(fulfilled.data!.fulfilWish.status).toBe('FULFILLED');
    expect(fulfilled.data!.fulfilWish.photo).toMatch(/^[0-9a-f]{64}$/);
    const thanked = await api.gql<{ thankWish: Wish }>(
      `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { thankWish(id: $id, version: $v, thanks: "谢谢小伙子", actor: $a) { ${WISH} } }`,
      {
        id: wish.id,
        v: fulfilled.data!.fulfilWish.version,
        a: RESIDENT,
      },
    );
    expect(thanked.data!.thankWish.status).toBe('THANKED');

    const wall = await api.gql<{
      echoWall: { kind: string; id: string; title: string; outcome: string; thanks: string; compound: string }[];
    }>(`{ echoWall(communityId: "${COMMUNITY_1}") { kind id title outcome thanks compound doneAt } }`);
    expect(wall.errors).toBeUndefined();
    const item = wall.data!.echoWall.find((e) => e.id === wish.id);
    expect(item).toMatchObject({
      kind: 'WISH',
      title: '一台收音机',
      outcome: '送去了收音机',
      thanks: '谢谢小伙子',
      compound: '第1社区1号小区',
    });
    const text = JSON.stringify(wall.data);
    expect(text).not.toContain('王奶奶');
    expect(text).not.toContain('示例路');
  });

  it('without signing in: the communities by name and code, and a wall by its code (what a QR code links to) — the same as by id', async () => {
    const list = await api.gqlAs<{ echoCommunities: Record<string, string>[] }>(null, `{ echoCommunities { code name } }`);
    expect(list.errors).toBeUndefined();
    const expected = fixtureStreet()
      .grids.filter((g) => g.level === 'LARGE')
      .map((g) => ({ code: g.code, name: g.name }))
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(list.data!.echoCommunities).toEqual(expected);
    const byId = await api.gqlAs<{ echoWall: { id: string }[] }>(null, `{ echoWall(communityId: "${COMMUNITY_1}") { id } }`);
    const byCode = await api.gqlAs<{ echoWall: { id: string }[] }>(null, `{ echoWall(communityCode: "330106001001") { id } }`);
    expect(byCode.errors).toBeUndefined();
    expect(byCode.data!.echoWall.length).toBeGreaterThan(0);
    expect(byCode.data!.echoWall).toEqual(byId.data!.echoWall);
    // Nothing beyond name and code is offered: asking for an id is a validation error.
    expect((await api.gqlAs(null, `{ echoCommunities { id } }`)).errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it.each([
    ['an unknown code', `communityCode: "330106001999"`, 'communityCode', /no community has the code 330106001999/],
    ['a code that is not 12 digits', `communityCode: "330106001"`, 'communityCode', /12 digits/],
    ['both an id and a code', `communityId: "${COMMUNITY_1}", communityCode: "330106001001"`, 'communityId', /exactly one/],
    ['neither', ``, 'communityId', /exactly one/],
  ])('refuses %s as bad input naming the field', async (_, args, field, message) => {
    const res = await api.gqlAs(null, `{ echoWall${args ? `(${args})` : ''} { id } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors![0].message).toMatch(message);
  });

  it('two helpers claim one wish at once: exactly one wins, the other gets CONFLICT', async () => {
    const [a, b] = [await register('抢单甲'), await register('抢单乙')];
    for (let round = 0; round < 5; round++) {
      const wish = await publishedWish(`并发认领 ${round}`);
      const results = await Promise.all([
        api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: a, a: VOLUNTEER }),
        api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: b, a: VOLUNTEER }),
      ]);
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].errors![0].extensions?.code).toBe('CONFLICT');
      const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM wish_claim WHERE wish_id = $1 AND status = 'LIVE'`, [
        wish.id,
      ]);
      expect(n).toBe(1);
    }
  });

  it('a claim not fulfilled in time expires and the wish goes back on the board', async () => {
    const helper = await register('没空的人');
    const wish = await publishedWish('修椅子');
    const claimed = await api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: helper, a: VOLUNTEER });
    expect(claimed.data!.claimWish.status).toBe('CLAIMED');
    const sweep = new WishService(api.db.dataSource.manager);
    expect(await sweep.expireClaims(new Date(Date.now() + 71 * 3_600_000))).not.toContain(wish.id);
    expect(await sweep.expireClaims(new Date(Date.now() + 73 * 3_600_000))).toContain(wish.id);
    const again = await api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: helper, a: VOLUNTEER });
    expect(again.errors).toBeUndefined();
    expect(again.data!.claimWish.status).toBe('CLAIMED');
  });

  it('rejects a bad wish with the field and writes nothing', async () => {
    const before = await count('micro_wish');
    const res = await api.gql(`mutation ($input: WishInput!, $a: ActorInput!) { postWish(input: $input, actor: $a) { id } }`, {
      input: { householdId: household(SMALL_1, 0), title: '  ', description: 'x', posterName: 'y' },
      a: RESIDENT,
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    expect(await count('micro_wish')).toBe(before);
  });
});

describe('household visits', () => {
  const SCHEDULE = `query ($g: ID!, $now: DateTime, $o: Boolean!) { visitSchedule(gridId: $g, now: $now, overdueOnly: $o, first: 100) { householdId tags intervalDays lastVisitAt nextDueAt overdue point gridId } }`;

  it('policies by tag, next due per household, the overdue list with points, and a visit that raises needs', async () => {
    const policies = await api.gql<{ visitPolicies: { tag: string; intervalDays: number }[] }>(`{ visitPolicies { tag intervalDays } }`);
    expect(policies.data!.visitPolicies).toEqual([
      { tag: 'ELDERLY_ALONE', intervalDays: 7 },
      { tag: 'DISABLED', intervalDays: 14 },
      { tag: 'LOW_INCOME', intervalDays: 30 },
    ]);
    const now = '2026-11-25T08:00:00.000Z';
    const due = await api.gql<{
      visitSchedule: { householdId: string; overdue: boolean; point: { type: string; coordinates: number[] }; intervalDays: number }[];
    }>(SCHEDULE, {
      g: COMMUNITY_1,
      now,
      o: true,
    });
    expect(due.errors).toBeUndefined();
    // Fixture: the first household of each of the community's 4 buildings lives alone and was never visited.
    expect(due.data!.visitSchedule).toHaveLength(4);
    expect(due.data!.visitSchedule.every((d) => d.overdue && d.intervalDays === 7 && d.point.type === 'Point')).toBe(true);

    const elder = household(SMALL_1, 0);
    const visit = await api.gql<{ recordVisit: { id: string; checkInDistanceM: number } }>(
      `mutation ($input: VisitInput!, $a: ActorInput!) { recordVisit(input: $input, actor: $a) { id visitorName findings checkInDistanceM checkIn } }`,
      {
        input: {
          householdId: elder,
          visitedAt: '2026-11-24T10:00:00Z',
          findings: '老人腿脚不便，需要每周送餐',
          checkInLng: 120.1025,
          checkInLat: 30.2538,
          needs: [
            { type: 'MEAL_DELIVERY', urgency: 'HIGH', window: { weekday: 3, startMinute: 660, endMinute: 720 }, recurrence: 'WEEKLY' },
          ],
        },
        a: LEADER,
      },
    );
    expect(visit.errors).toBeUndefined();
    expect(visit.data!.recordVisit.checkInDistanceM).toBeLessThan(20);

    const needs = await api.gql<{
      serviceNeeds: { nodes: { type: string; source: string; recurrence: string; household: { id: string } }[] };
    }>(`{ serviceNeeds(gridId: "${stableId(SMALL_1)}", type: "MEAL_DELIVERY") { nodes { type source recurrence household { id } } } }`);
    expect(needs.data!.serviceNeeds.nodes).toEqual([
      { type: 'MEAL_DELIVERY', source: 'VISIT', recurrence: 'WEEKLY', household: { id: elder } },
    ]);

    const after = await api.gql<{ visitSchedule: { householdId: string; nextDueAt: string; overdue: boolean }[] }>(SCHEDULE, {
      g: COMMUNITY_1,
      now,
      o: false,
    });
    expect(after.data!.visitSchedule.find((d) => d.householdId === elder)).toMatchObject({
      nextDueAt: '2026-12-01T10:00:00.000Z',
      overdue: false,
    });
    const overdue = await api.gql<{ visitSchedule: { householdId: string }[] }>(SCHEDULE, { g: COMMUNITY_1, now, o: true });
    expect(overdue.data!.visitSchedule.map((d) => d.householdId)).not.toContain(elder);
  });

  it('a bad need in a visit names the field and writes neither the visit nor any need', async () => {
    const [visits, needs] = [await count('household_visit'), await count('service_need')];
    const res = await api.gql(`mutation ($input: VisitInput!, $a: ActorInput!) { recordVisit(input: $input, actor: $a) { id } }`, {
      input: {
        householdId: household(SMALL_1, 0),
        visitedAt: '2026-11-24T10:00:00Z',
        findings: '一切正常',
        needs: [{ type: 'NOT_A_SKILL', window: TUE_9_11 }],
      },
      a: LEADER,
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.needs.0.type' });
    expect([await count('household_visit'), await count('service_need')]).toEqual([visits, needs]);
  });
});

describe('registrations and bad input', () => {
  it('registers a unit and a member of it; lists the resources of a community by skill', async () => {
    const unit = await api.gql<{ registerForService: { id: string } }>(
      `mutation ($input: RegistrationInput!, $actor: ActorInput!) { registerForService(input: $input, actor: $actor) { id kind } }`,
      {
        input: {
          kind: 'UNIT',
          name: '区卫健局机关党委',
          communityId: COMMUNITY_1,
          lng: 120.103,
          lat: 30.255,
          skills: ['MEDICAL'],
          radiusM: 3000,
          weeklyCapacity: 5,
          availability: [{ weekday: 6, startMinute: 480, endMinute: 720 }],
        },
        actor: LEADER,
      },
    );
    expect(unit.errors).toBeUndefined();
    const member = await api.gql(
      `mutation ($input: RegistrationInput!, $actor: ActorInput!) { registerForService(input: $input, actor: $actor) { id unitId } }`,
      {
        input: {
          kind: 'MEMBER',
          name: '李医生',
          unitId: unit.data!.registerForService.id,
          communityId: COMMUNITY_1,
          lng: 120.104,
          lat: 30.256,
          skills: ['MEDICAL', 'PSYCHOLOGICAL'],
          willServe: ['MEDICAL'],
          radiusM: 1500,
          weeklyCapacity: 2,
          availability: [TUE_9_11],
        },
        actor: VOLUNTEER,
      },
    );
    expect(member.errors).toBeUndefined();
    const list = await api.gql<{ serviceRegistrations: { totalCount: number; nodes: { name: string; availability: unknown[] }[] } }>(
      `{ serviceRegistrations(communityId: "${COMMUNITY_1}", skill: "MEDICAL") { totalCount nodes { name availability { weekday startMinute endMinute } } } }`,
    );
    expect(list.data!.serviceRegistrations.nodes.map((n) => n.name).sort()).toEqual(['区卫健局机关党委', '李医生']);
  });

  it.each([
    ['input.radiusM', { radiusM: 10 }],
    ['input.skills', { skills: ['FLYING'] }],
    ['input.willServe', { willServe: ['LEGAL'] }],
    ['input.availability.0.endMinute', { availability: [{ weekday: 2, startMinute: 600, endMinute: 540 }] }],
    ['input.communityId', { communityId: stableId('3301060010010010001') }],
    ['input.lng', { householdId: null, lng: null, lat: null }],
  ])('registration with a bad %s answers BAD_USER_INPUT on that field and writes nothing', async (field, over) => {
    const before = [await count('service_registration'), await count('service_availability')];
    const input = {
      kind: 'VOLUNTEER',
      name: '坏输入',
      communityId: COMMUNITY_1,
      householdId: household(SMALL_1, 1),
      skills: ['REPAIR'],
      radiusM: 1000,
      weeklyCapacity: 2,
      availability: [TUE_9_11],
      ...over,
    };
    const res = await api.gql(
      `mutation ($input: RegistrationInput!, $actor: ActorInput!) { registerForService(input: $input, actor: $actor) { id } }`,
      { input, actor: VOLUNTEER },
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect([await count('service_registration'), await count('service_availability')]).toEqual(before);
  });

  it('a need with an unknown type or household names the field and writes nothing', async () => {
    const before = await count('service_need');
    const bad = (over: object) =>
      api.gql(`mutation ($input: NeedInput!, $a: ActorInput!) { raiseNeed(input: $input, actor: $a) { id } }`, {
        input: { householdId: household(SMALL_1, 0), type: 'REPAIR', source: 'RESIDENT', window: TUE_9_11, ...over },
        a: RESIDENT,
      });
    expect((await bad({ type: 'NOPE' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.type' });
    expect((await bad({ householdId: stableId('nobody') })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.householdId',
    });
    expect((await bad({ window: { weekday: 8, startMinute: 0, endMinute: 60 } })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.window.weekday',
    });
    expect(await count('service_need')).toBe(before);
  });
});

describe('volunteer teams and activities', () => {
  it('team, members, an activity with capacity, sign-ups, attendance and hours', async () => {
    const [a, b] = [await register('车队甲'), await register('车队乙')];
    const team = await api.gql<{ createVolunteerTeam: { id: string } }>(
      `mutation ($c: ID!, $a: ActorInput!) { createVolunteerTeam(communityId: $c, name: "爱心车队", kind: "DRIVING", actor: $a) { id name kind } }`,
      {
        c: COMMUNITY_1,
        a: LEADER,
      },
    );
    expect(team.errors).toBeUndefined();
    const teamId = team.data!.createVolunteerTeam.id;
    for (const r of [a, b]) {
      const added = await api.gql(
        `mutation ($t: ID!, $r: ID!, $a: ActorInput!) { addTeamMember(teamId: $t, registrationId: $r, actor: $a) { id } }`,
        { t: teamId, r, a: LEADER },
      );
      expect(added.errors).toBeUndefined();
    }
    const activity = await api.gql<{ createTeamActivity: { id: string } }>(
      `mutation ($input: ActivityInput!, $a: ActorInput!) { createTeamActivity(input: $input, actor: $a) { id capacity } }`,
      {
        input: {
          teamId,
          title: '送老人体检',
          place: '社区卫生服务中心',
          startsAt: '2026-11-28T01:00:00Z',
          endsAt: '2026-11-28T04:00:00Z',
          capacity: 1,
        },
        a: LEADER,
      },
    );
    expect(activity.errors).toBeUndefined();
    const activityId = activity.data!.createTeamActivity.id;
    const SIGN = `mutation ($x: ID!, $r: ID!, $a: ActorInput!) { signUpForActivity(activityId: $x, registrationId: $r, actor: $a) { activityId registrationId } }`;
    expect((await api.gql(SIGN, { x: activityId, r: a, a: VOLUNTEER })).errors).toBeUndefined();
    const full = await api.gql(SIGN, { x: activityId, r: b, a: VOLUNTEER });
    expect(full.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activityId' });

    const attended = await api.gql<{ recordAttendance: { attended: boolean; hours: number } }>(
      `mutation ($x: ID!, $r: ID!, $a: ActorInput!) { recordAttendance(activityId: $x, registrationId: $r, attended: true, hours: 3, actor: $a) { attended hours } }`,
      { x: activityId, r: a, a: LEADER },
    );
    expect(attended.data!.recordAttendance).toEqual({ attended: true, hours: 3 });
    const hours = await api.gql<{ serviceRegistration: { hours: number } }>(
      `{ serviceRegistration(id: "${a}") { hours(from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") } }`,
    );
    expect(hours.data!.serviceRegistration.hours).toBe(3);
    const teams = await api.gql<{ volunteerTeams: { name: string }[] }>(`{ volunteerTeams(communityId: "${COMMUNITY_1}") { name } }`);
    expect(teams.data!.volunteerTeams.map((t) => t.name)).toContain('爱心车队');
    // The community's activities not yet over, with places taken and whether a helper joined.
    type Listed = { teamActivities: { id: string; teamName: string; capacity: number; signedUp: number; a: boolean; b: boolean }[] };
    const LIST = `query ($c: ID!, $from: DateTime, $a: ID!, $b: ID!) { teamActivities(communityId: $c, from: $from) { id teamName capacity signedUp a: joined(registrationId: $a) b: joined(registrationId: $b) } }`;
    const listed = await api.gql<Listed>(LIST, { c: COMMUNITY_1, from: '2026-11-27T00:00:00Z', a, b });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.teamActivities.find((x) => x.id === activityId)).toEqual({
      id: activityId,
      teamName: '爱心车队',
      capacity: 1,
      signedUp: 1,
      a: true,
      b: false,
    });
    const over = await api.gql<Listed>(LIST, { c: COMMUNITY_1, from: '2026-11-28T05:00:00Z', a, b });
    expect(over.data!.teamActivities.map((x) => x.id)).not.toContain(activityId);
    // The sign-ups with attendance, for those who may see the registrations.
    const SIGNUPS = `query ($c: ID!, $from: DateTime) { teamActivities(communityId: $c, from: $from) { id signups { registrationId attended hours helper { name } } } }`;
    type Signups = {
      teamActivities: {
        id: string;
        signups: { registrationId: string; attended: boolean; hours: number; helper: { name: string } | null }[];
      }[];
    };
    const staff = await api.gql<Signups>(SIGNUPS, { c: COMMUNITY_1, from: '2026-11-27T00:00:00Z' });
    expect(staff.data!.teamActivities.find((x) => x.id === activityId)!.signups).toEqual([
      { registrationId: a, attended: true, hours: 3, helper: { name: '车队甲' } },
    ]);
    const stranger = await api.gqlAs<Signups>(await api.userToken({ login: 'volunteer-signups', role: 'VOLUNTEER' }), SIGNUPS, {
      c: COMMUNITY_1,
      from: '2026-11-27T00:00:00Z',
    });
    expect(stranger.data!.teamActivities.find((x) => x.id === activityId)!.signups).toEqual([]);
  });
});

describe('who may act', () => {
  it('anonymous callers may not act or list; a volunteer account reads the echo wall, claims for its own registration only (as VOLUNTEER by default), may not review; events record the account', async () => {
    const wish = await publishedWish('需要身份的心愿');
    const anonymous = await api.gqlAs(null, CLAIM.replace(', $a: ActorInput!', '').replace(', actor: $a', ''), {
      id: wish.id,
      r: stableId('x'),
    });
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(anonymous.errors?.[0].extensions?.code);
    const list = await api.gqlAs(null, `{ microWishes { totalCount } }`);
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(list.errors?.[0].extensions?.code);

    const volunteer = await api.userToken({ login: 'volunteer-li', role: 'VOLUNTEER' });
    const wall = await api.gqlAs(volunteer, `{ echoWall(communityId: "${COMMUNITY_1}") { title } }`);
    expect(wall.errors).toBeUndefined();
    // The volunteer registers from their own account; the registration is theirs alone.
    const own = await api.gqlAs<{ registerForService: { id: string } }>(
      volunteer,
      `mutation ($input: RegistrationInput!) { registerForService(input: $input) { id } }`,
      {
        input: {
          kind: 'VOLUNTEER',
          name: '李志愿者',
          communityId: COMMUNITY_1,
          ...(await homeOf(household(SMALL_1, 1))),
          skills: ['REPAIR'],
          radiusM: 1000,
          weeklyCapacity: 2,
          availability: [TUE_9_11],
        },
      },
    );
    expect(own.errors).toBeUndefined();
    const helper = own.data!.registerForService.id;
    const impostor = await api.userToken({ login: 'volunteer-zhao', role: 'VOLUNTEER' });
    const CLAIM_AS = `mutation ($id: ID!, $r: ID!) { claimWish(id: $id, registrationId: $r) { status } }`;
    const stolen = await api.gqlAs(impostor, CLAIM_AS, { id: wish.id, r: helper });
    expect(stolen.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const someoneElses = await api.gqlAs(volunteer, CLAIM_AS, { id: wish.id, r: await register('别人的登记') });
    expect(someoneElses.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const claimed = await api.gqlAs(volunteer, CLAIM_AS, { id: wish.id, r: helper });
    expect(claimed.errors).toBeUndefined();
    const [event] = await api.db.dataSource.query(
      `SELECT actor_role, actor_name FROM service_event WHERE subject_id = $1 AND type = 'CLAIMED'`,
      [wish.id],
    );
    expect(event).toEqual({ actor_role: 'VOLUNTEER', actor_name: 'volunteer-li' });

    const posted = await api.gql<{ postWish: Wish }>(
      `mutation ($input: WishInput!, $a: ActorInput) { postWish(input: $input, actor: $a) { ${WISH} } }`,
      {
        input: { householdId: household(SMALL_1, 0), title: '待审核', description: 'x', posterName: 'y' },
        a: RESIDENT,
      },
    );
    const review = await api.gqlAs(
      volunteer,
      `mutation ($id: ID!, $v: Int!) { reviewWish(id: $id, version: $v, publish: true, actor: { role: GRID_LEADER, name: "x" }) { id } }`,
      {
        id: posted.data!.postWish.id,
        v: posted.data!.postWish.version,
      },
    );
    expect(review.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('whose household a step is for', () => {
  it('a resident posts wishes, raises and cancels needs and thanks only for their own household; a leader only inside their grids', async () => {
    const [{ id: residentId }] = await api.db.dataSource.query(`SELECT id FROM resident WHERE household_id = $1 ORDER BY id LIMIT 1`, [
      household(SMALL_1, 0),
    ]);
    const resident = await api.userToken({ login: 'resident-own', role: 'RESIDENT', residentId });
    const outsider = await api.userToken({ login: 'leader-c2-households', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
    const POST = `mutation ($input: WishInput!) { postWish(input: $input) { id version } }`;
    const wish = (h: string) => ({ input: { householdId: h, title: '想要一把椅子', description: '旧椅子坏了', posterName: '住户' } });
    const wishesBefore = await count('micro_wish');
    expect((await api.gqlAs(resident, POST, wish(household(SMALL_1, 1)))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gqlAs(outsider, POST, wish(household(SMALL_1, 0)))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('micro_wish')).toBe(wishesBefore);
    const mine = await api.gqlAs<{ postWish: { id: string; version: number } }>(resident, POST, wish(household(SMALL_1, 0)));
    expect(mine.errors).toBeUndefined();

    const RAISE = `mutation ($input: NeedInput!) { raiseNeed(input: $input) { id version } }`;
    const need = (h: string) => ({ input: { householdId: h, type: 'ELDERLY_CARE', source: 'RESIDENT', window: TUE_9_11 } });
    expect((await api.gqlAs(resident, RAISE, need(household(SMALL_1, 1)))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await api.gqlAs<{ raiseNeed: { id: string; version: number } }>(resident, RAISE, need(household(SMALL_1, 0)));
    expect(own.errors).toBeUndefined();
    const other = await api.gql<{ raiseNeed: { id: string; version: number } }>(
      `mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id version } }`,
      { ...need(household(SMALL_1, 1)), a: LEADER },
    );
    const CANCEL = `mutation ($id: ID!, $v: Int!) { cancelNeed(id: $id, version: $v, reason: "不需要了") { status } }`;
    // A need outside what the caller sees answers as one that does not exist (no existence oracle).
    expect(
      (await api.gqlAs(resident, CANCEL, { id: other.data!.raiseNeed.id, v: other.data!.raiseNeed.version })).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await api.gqlAs(outsider, CANCEL, { id: own.data!.raiseNeed.id, v: own.data!.raiseNeed.version })).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await api.gqlAs(outsider, CANCEL, { id: stableId('no-such-need'), v: 1 })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const cancelled = await api.gqlAs<{ cancelNeed: { status: string } }>(resident, CANCEL, {
      id: own.data!.raiseNeed.id,
      v: own.data!.raiseNeed.version,
    });
    expect(cancelled.data!.cancelNeed.status).toBe('CANCELLED');

    // A fulfilled wish of another household cannot be thanked by this resident.
    const theirs = await publishedWish('别家的心愿');
    await api.db.dataSource.query(`UPDATE micro_wish SET household_id = $2, status = 'FULFILLED' WHERE id = $1`, [
      theirs.id,
      household(SMALL_1, 1),
    ]);
    const [{ version }] = await api.db.dataSource.query(`SELECT version FROM micro_wish WHERE id = $1`, [theirs.id]);
    const THANK = `mutation ($id: ID!, $v: Int!) { thankWish(id: $id, version: $v, thanks: "谢谢") { status } }`;
    expect((await api.gqlAs(resident, THANK, { id: theirs.id, v: version })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ status }] = await api.db.dataSource.query(`SELECT status FROM micro_wish WHERE id = $1`, [theirs.id]);
    expect(status).toBe('FULFILLED');
  });
});

describe('a resident’s own requests (the resident screen)', () => {
  it('posts a wish and raises a need without naming the household, lists their own wishes at any stage; others must name it', async () => {
    const [{ id: residentId }] = await api.db.dataSource.query(`SELECT id FROM resident WHERE household_id = $1 ORDER BY id LIMIT 1`, [
      household(SMALL_1, 1),
    ]);
    const resident = await api.userToken({ login: 'resident-screen', role: 'RESIDENT', residentId });
    const posted = await api.gqlAs<{ postWish: { id: string } }>(
      resident,
      `mutation { postWish(input: { title: "想学用智能手机", description: "孙子不在身边", posterName: "住户" }) { id } }`,
    );
    expect(posted.errors).toBeUndefined();
    const [{ household_id }] = await api.db.dataSource.query(`SELECT household_id FROM micro_wish WHERE id = $1`, [
      posted.data!.postWish.id,
    ]);
    expect(household_id).toBe(household(SMALL_1, 1));
    const mine = await api.gqlAs<{ microWishes: { nodes: { id: string; status: string }[] } }>(
      resident,
      `{ microWishes(mine: true, first: 100) { nodes { id status } } }`,
    );
    expect(mine.data!.microWishes.nodes).toContainEqual({ id: posted.data!.postWish.id, status: 'SUBMITTED' });
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM micro_wish WHERE household_id = $1`, [
      household(SMALL_1, 1),
    ]);
    expect(mine.data!.microWishes.nodes).toHaveLength(n);
    const need = await api.gqlAs<{ raiseNeed: { householdId: string } }>(
      resident,
      `mutation ($w: WeeklyWindowInput!) { raiseNeed(input: { type: "IT", source: RESIDENT, window: $w }) { householdId } }`,
      { w: TUE_9_11 },
    );
    expect(need.errors).toBeUndefined();
    expect(need.data!.raiseNeed.householdId).toBe(household(SMALL_1, 1));
    for (const user of [
      { login: 'resident-unlinked', role: 'RESIDENT' as const },
      { login: 'leader-no-household', role: 'GRID_LEADER' as const, gridCodes: [SMALL_1] },
    ]) {
      const refused = await api.gqlAs(
        await api.userToken(user),
        `mutation { postWish(input: { title: "x", description: "y", posterName: "z" }) { id } }`,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.householdId' });
    }
  });
});

describe('dual evaluation (双评议)', () => {
  it('the unit and the community each rate a member for a period; the sheet shows hours and both ratings', async () => {
    const member = await register('被评议的党员');
    const EVALUATE = `mutation ($r: ID!, $e: Evaluator!, $n: Int!, $a: ActorInput) { evaluateService(registrationId: $r, period: "2026-11", evaluator: $e, rating: $n, actor: $a, comment: "好") { name unitRating communityRating hours } }`;
    expect((await api.gql(EVALUATE, { r: member, e: 'COMMUNITY', n: 5, a: LEADER })).errors).toBeUndefined();
    const unit = await api.gql<{ evaluateService: { unitRating: number; communityRating: number } }>(EVALUATE, {
      r: member,
      e: 'UNIT',
      n: 4,
      a: { role: 'DEPARTMENT', name: 'x' },
    });
    expect(unit.data!.evaluateService).toMatchObject({ unitRating: 4, communityRating: 5 });
    const wrongSide = await api.gql(EVALUATE, { r: member, e: 'UNIT', n: 4, a: LEADER });
    expect(wrongSide.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evaluator' });
    const badPeriod = await api.gql(`{ serviceEvaluations(communityId: "${COMMUNITY_1}", period: "2026-13") { name } }`);
    expect(badPeriod.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const sheet = await api.gql<{ serviceEvaluations: { name: string; unitRating: number | null; communityRating: number | null }[] }>(
      `{ serviceEvaluations(communityId: "${COMMUNITY_1}", period: "2026-11") { name unitName hours unitRating communityRating } }`,
    );
    expect(sheet.data!.serviceEvaluations.find((r) => r.name === '被评议的党员')).toMatchObject({ unitRating: 4, communityRating: 5 });
    // The sheet names people and their ratings: street staff and the community's leaders only (as the CSV).
    const SHEET = `{ serviceEvaluations(communityId: "${COMMUNITY_1}", period: "2026-11") { name } }`;
    const communityLeader = await api.userToken({ login: 'sheet-leader', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
    expect((await api.gqlAs<{ serviceEvaluations: unknown[] }>(communityLeader, SHEET)).data!.serviceEvaluations.length).toBeGreaterThan(0);
    for (const user of [
      { login: 'sheet-volunteer', role: 'VOLUNTEER' as const },
      { login: 'sheet-small', role: 'GRID_LEADER' as const, gridCodes: [SMALL_1] },
    ]) {
      const refused = await api.gqlAs(await api.userToken(user), SHEET);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('what each account may list', () => {
  it('a leader sees the needs and matches of their grids only; a volunteer sees no needs and only the public wish board', async () => {
    await api.gql(`mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id } }`, {
      input: { householdId: household('3301060010020010001', 0), type: 'REPAIR', source: 'GRID_LEADER', window: TUE_9_11 },
      a: LEADER,
    });
    const leader = await api.userToken({ login: 'leader-c1', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
    const NEEDS = `{ serviceNeeds(first: 500) { totalCount nodes { gridId } } }`;
    const all = await api.gql<{ serviceNeeds: { totalCount: number } }>(NEEDS);
    const mine = await api.gqlAs<{ serviceNeeds: { totalCount: number; nodes: { gridId: string }[] } }>(leader, NEEDS);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.serviceNeeds.totalCount).toBeGreaterThan(0);
    expect(mine.data!.serviceNeeds.totalCount).toBeLessThan(all.data!.serviceNeeds.totalCount);
    const [{ n }] = await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM service_need WHERE grid_path <@ (SELECT path FROM grid WHERE code = '330106001001')`,
    );
    expect(mine.data!.serviceNeeds.totalCount).toBe(n);

    const volunteer = await api.userToken({ login: 'volunteer-wang', role: 'VOLUNTEER' });
    const none = await api.gqlAs<{ serviceNeeds: { totalCount: number } }>(volunteer, NEEDS);
    expect(none.data!.serviceNeeds.totalCount).toBe(0);
    await api.gql(`mutation ($input: WishInput!, $a: ActorInput) { postWish(input: $input, actor: $a) { id } }`, {
      input: { householdId: household(SMALL_1, 0), title: '还没审核', description: 'x', posterName: 'y' },
      a: RESIDENT,
    });
    const board = await api.gqlAs<{ microWishes: { nodes: { status: string }[] } }>(
      volunteer,
      `{ microWishes(first: 500) { nodes { status } } }`,
    );
    expect(board.data!.microWishes.nodes.length).toBeGreaterThan(0);
    expect(board.data!.microWishes.nodes.some((w) => w.status === 'SUBMITTED' || w.status === 'REJECTED')).toBe(false);
    const map = await api.gqlAs<{ serviceMap: { features: { properties: { layer: string } }[] } }>(
      volunteer,
      `{ serviceMap(gridId: "${COMMUNITY_1}") }`,
    );
    expect(map.errors).toBeUndefined();
    const layers = new Set(map.data!.serviceMap.features.map((f) => f.properties.layer));
    expect([...layers]).toEqual(['OPEN_WISH']);
    const leaderMap = await api.gqlAs<{ serviceMap: { features: { properties: { layer: string } }[] } }>(
      leader,
      `{ serviceMap(gridId: "${COMMUNITY_1}") }`,
    );
    expect(new Set(leaderMap.data!.serviceMap.features.map((f) => f.properties.layer))).toEqual(new Set(['OVERDUE_VISIT', 'OPEN_WISH']));
  });
});

describe('where a leader may act', () => {
  it('a grid leader raises needs, runs the matcher and records visits only inside the grids they lead', async () => {
    const leader = await api.userToken({ login: 'leader-c1-writes', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
    const RAISE = `mutation ($input: NeedInput!) { raiseNeed(input: $input) { id } }`;
    const need = (householdId: string) => ({ input: { householdId, type: 'REPAIR', source: 'GRID_LEADER', window: TUE_9_11 } });
    expect((await api.gqlAs(leader, RAISE, need(household(SMALL_1, 0)))).errors).toBeUndefined();
    const before = await count('service_need');
    const elsewhere = await api.gqlAs(leader, RAISE, need(household('3301060010020010001', 0)));
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('service_need')).toBe(before);
    const propose = await api.gqlAs(
      leader,
      `mutation { proposeMatches(gridId: "${stableId('330106001002')}", period: "2026-11-23") { needs } }`,
    );
    expect(propose.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await api.gqlAs(leader, `mutation { proposeMatches(gridId: "${COMMUNITY_1}", period: "2026-11-23") { needs } }`);
    expect(own.errors).toBeUndefined();
    const visit = await api.gqlAs(leader, `mutation ($input: VisitInput!) { recordVisit(input: $input) { id } }`, {
      input: { householdId: household('3301060010020010001', 0), visitedAt: '2026-11-24T10:00:00Z', findings: '越界' },
    });
    expect(visit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("manages teams, activities, attendance and the community's ratings only of communities inside the grids they lead", async () => {
    const own = await api.userToken({ login: 'leader-c1-teams', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
    const other = await api.userToken({ login: 'leader-c2-teams', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
    const member = await register('队员丙');
    const TEAM = `mutation ($c: ID!) { createVolunteerTeam(communityId: $c, name: "调解队", kind: "MEDIATION") { id } }`;
    const teamsBefore = await count('volunteer_team');
    expect((await api.gqlAs(other, TEAM, { c: COMMUNITY_1 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('volunteer_team')).toBe(teamsBefore);
    const team = await api.gqlAs<{ createVolunteerTeam: { id: string } }>(own, TEAM, { c: COMMUNITY_1 });
    expect(team.errors).toBeUndefined();
    const teamId = team.data!.createVolunteerTeam.id;
    const ADD = `mutation ($t: ID!, $r: ID!) { addTeamMember(teamId: $t, registrationId: $r) { id } }`;
    expect((await api.gqlAs(other, ADD, { t: teamId, r: member })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gqlAs(own, ADD, { t: teamId, r: member })).errors).toBeUndefined();
    const ACTIVITY = `mutation ($input: ActivityInput!) { createTeamActivity(input: $input) { id } }`;
    const input = {
      teamId,
      title: '邻里调解',
      place: '社区会议室',
      startsAt: '2026-11-29T01:00:00Z',
      endsAt: '2026-11-29T03:00:00Z',
      capacity: 5,
    };
    expect((await api.gqlAs(other, ACTIVITY, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const activity = await api.gqlAs<{ createTeamActivity: { id: string } }>(own, ACTIVITY, { input });
    const activityId = activity.data!.createTeamActivity.id;
    expect(
      (
        await api.gql(
          `mutation ($x: ID!, $r: ID!, $a: ActorInput!) { signUpForActivity(activityId: $x, registrationId: $r, actor: $a) { activityId } }`,
          { x: activityId, r: member, a: VOLUNTEER },
        )
      ).errors,
    ).toBeUndefined();
    const ATTEND = `mutation ($x: ID!, $r: ID!) { recordAttendance(activityId: $x, registrationId: $r, attended: true, hours: 2) { hours } }`;
    const recordsBefore = await count('service_record');
    expect((await api.gqlAs(other, ATTEND, { x: activityId, r: member })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('service_record')).toBe(recordsBefore);
    expect((await api.gqlAs(own, ATTEND, { x: activityId, r: member })).errors).toBeUndefined();
    const UNIT = `mutation ($input: RegistrationInput!) { registerForService(input: $input) { id } }`;
    const unit = {
      kind: 'UNIT',
      name: '区税务局党支部',
      communityId: COMMUNITY_1,
      lng: 120.102,
      lat: 30.252,
      skills: ['LEGAL'],
      radiusM: 3000,
      weeklyCapacity: 3,
      availability: [TUE_9_11],
    };
    expect((await api.gqlAs(other, UNIT, { input: unit })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const small = await api.userToken({ login: 'leader-small-unit', role: 'GRID_LEADER', gridCodes: [SMALL_1] });
    expect((await api.gqlAs(small, UNIT, { input: unit })).errors).toBeUndefined();
    const RATE = `mutation ($r: ID!) { evaluateService(registrationId: $r, period: "2026-11", evaluator: COMMUNITY, rating: 4) { communityRating } }`;
    expect((await api.gqlAs(other, RATE, { r: member })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      (await api.gqlAs<{ evaluateService: { communityRating: number } }>(own, RATE, { r: member })).data!.evaluateService.communityRating,
    ).toBe(4);
  });
});

describe("a helper's own view (the volunteer screen)", () => {
  it('sees only their registration and the tasks confirmed to it, with where to go but not the household; completes only their own; sees the address of a wish only while holding its claim', async () => {
    const li = await api.userToken({ login: 'helper-li', role: 'VOLUNTEER' });
    const zhao = await api.userToken({ login: 'helper-zhao', role: 'VOLUNTEER' });
    const TALK = { weekday: 4, startMinute: 840, endMinute: 960 };
    const reg = await api.gqlAs<{ registerForService: { id: string } }>(
      li,
      `mutation ($input: RegistrationInput!) { registerForService(input: $input) { id } }`,
      {
        input: {
          kind: 'VOLUNTEER',
          name: '李心理',
          communityId: COMMUNITY_1,
          ...(await homeOf(household(SMALL_1, 1))),
          skills: ['PSYCHOLOGICAL'],
          radiusM: 2000,
          weeklyCapacity: 2,
          availability: [TALK],
        },
      },
    );
    expect(reg.errors).toBeUndefined();
    const mine = reg.data!.registerForService.id;
    const other = await register('别人的资源');

    const me = await api.gqlAs<{ me: { registrations: { id: string; name: string }[] } }>(li, `{ me { registrations { id name } } }`);
    expect(me.data!.me.registrations).toEqual([{ id: mine, name: '李心理' }]);
    expect((await api.gqlAs<{ me: { registrations: unknown[] } }>(zhao, `{ me { registrations { id } } }`)).data!.me.registrations).toEqual(
      [],
    );
    const list = await api.gqlAs<{ serviceRegistrations: { nodes: { id: string }[] } }>(
      li,
      `{ serviceRegistrations(first: 500) { nodes { id } } }`,
    );
    expect(list.data!.serviceRegistrations.nodes.map((r) => r.id)).toEqual([mine]);
    const peek = await api.gqlAs<{ serviceRegistration: unknown }>(li, `query ($id: ID!) { serviceRegistration(id: $id) { id name } }`, {
      id: other,
    });
    expect(peek.data!.serviceRegistration).toBeNull();
    // The community's leader sees the whole resources list; a resident sees none of it.
    const leader = await api.userToken({ login: 'leader-resources', role: 'GRID_LEADER', gridCodes: [SMALL_1] });
    const resources = await api.gqlAs<{ serviceRegistrations: { nodes: { id: string }[] } }>(
      leader,
      `{ serviceRegistrations(communityId: "${COMMUNITY_1}", first: 500) { nodes { id } } }`,
    );
    expect(resources.data!.serviceRegistrations.nodes.map((r) => r.id)).toEqual(expect.arrayContaining([mine, other]));
    const resident = await api.userToken({ login: 'resident-resources', role: 'RESIDENT' });
    expect(
      (await api.gqlAs<{ serviceRegistrations: { totalCount: number } }>(resident, `{ serviceRegistrations { totalCount } }`)).data!
        .serviceRegistrations.totalCount,
    ).toBe(0);

    const need = await api.gql<{ raiseNeed: { id: string } }>(
      `mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id } }`,
      {
        input: {
          householdId: household(SMALL_1, 0),
          type: 'PSYCHOLOGICAL',
          urgency: 'HIGH',
          source: 'GRID_LEADER',
          window: TALK,
          notes: '独居老人想找人聊聊',
        },
        a: LEADER,
      },
    );
    expect(need.errors).toBeUndefined();
    const run = await api.gql<{ proposeMatches: { proposals: { id: string; version: number; registrationId: string }[] } }>(
      `mutation ($g: ID!, $a: ActorInput) { proposeMatches(gridId: $g, period: "2026-11-30", actor: $a) { proposals { id version registrationId } } }`,
      { g: stableId(SMALL_1), a: LEADER },
    );
    const proposal = run.data!.proposeMatches.proposals.find((p) => p.registrationId === mine)!;
    expect(proposal).toBeDefined();
    const TASKS = `query ($r: ID) { serviceMatches(registrationId: $r, period: "2026-11-30") { totalCount nodes { id version status need { id type notes address household { id } } } } }`;
    // A proposal is the leader's until confirmed.
    expect((await api.gqlAs<{ serviceMatches: { totalCount: number } }>(li, TASKS, { r: mine })).data!.serviceMatches.totalCount).toBe(0);
    const confirmed = await api.gql<{ confirmMatch: { version: number } }>(
      `mutation ($id: ID!, $v: Int!, $a: ActorInput) { confirmMatch(id: $id, version: $v, actor: $a) { version } }`,
      {
        id: proposal.id,
        v: proposal.version,
        a: LEADER,
      },
    );
    expect(confirmed.errors).toBeUndefined();
    type Tasks = {
      serviceMatches: {
        totalCount: number;
        nodes: { id: string; version: number; status: string; need: { type: string; address: string | null; household: unknown } }[];
      };
    };
    const tasks = await api.gqlAs<Tasks>(li, TASKS, { r: null });
    expect(tasks.errors).toBeUndefined();
    expect(tasks.data!.serviceMatches.nodes).toHaveLength(1);
    const task = tasks.data!.serviceMatches.nodes[0];
    expect(task).toMatchObject({ id: proposal.id, status: 'CONFIRMED', need: { type: 'PSYCHOLOGICAL', household: null } });
    const [{ address }] = await api.db.dataSource.query(`SELECT address FROM household WHERE id = $1`, [household(SMALL_1, 0)]);
    expect(task.need.address).toBe(address);
    expect((await api.gqlAs<Tasks>(zhao, TASKS, { r: mine })).data!.serviceMatches.totalCount).toBe(0);
    // The helper screen asks for the map of the community it registered with (a member sees the communities, not every small grid).
    const lines = await api.gqlAs<{ serviceMap: { features: { properties: { layer: string; matchId?: string } }[] } }>(
      li,
      `{ serviceMap(gridId: "${COMMUNITY_1}", period: "2026-11-30") }`,
    );
    expect(lines.data!.serviceMap.features.filter((f) => f.properties.layer !== 'OPEN_WISH').map((f) => f.properties)).toEqual([
      expect.objectContaining({ layer: 'MATCH', matchId: proposal.id }),
    ]);

    const accepted = await api.gqlAs<{ acceptMatch: { version: number } }>(
      li,
      `mutation ($id: ID!, $v: Int!, $r: ID!) { acceptMatch(id: $id, version: $v, registrationId: $r) { version } }`,
      {
        id: proposal.id,
        v: task.version,
        r: mine,
      },
    );
    expect(accepted.errors).toBeUndefined();
    const COMPLETE = `mutation ($id: ID!, $v: Int!) { completeMatch(id: $id, version: $v, hours: 1.5, note: "聊了一下午") { status } }`;
    // Another helper's task is not theirs to see: it answers as one that does not exist.
    const stolen = await api.gqlAs(zhao, COMPLETE, { id: proposal.id, v: accepted.data!.acceptMatch.version });
    expect(stolen.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const done = await api.gqlAs<{ completeMatch: { status: string } }>(li, COMPLETE, {
      id: proposal.id,
      v: accepted.data!.acceptMatch.version,
    });
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeMatch.status).toBe('DONE');

    const wish = await publishedWish('想要一副老花镜');
    const WISH_ADDRESS = `query ($h: ID) { microWishes(helperId: $h, status: CLAIMED, first: 100) { nodes { id address } } }`;
    const before = await api.gqlAs<{ microWishes: { nodes: { id: string; address: string | null }[] } }>(
      li,
      `{ microWishes(status: PUBLISHED, first: 500) { nodes { id address } } }`,
    );
    expect(before.data!.microWishes.nodes.find((w) => w.id === wish.id)?.address).toBeNull();
    expect(
      (await api.gqlAs(li, `mutation ($id: ID!, $r: ID!) { claimWish(id: $id, registrationId: $r) { id } }`, { id: wish.id, r: mine }))
        .errors,
    ).toBeUndefined();
    const held = await api.gqlAs<{ microWishes: { nodes: { id: string; address: string | null }[] } }>(li, WISH_ADDRESS, { h: mine });
    expect(held.data!.microWishes.nodes).toEqual([{ id: wish.id, address: expect.stringContaining('示例路') }]);
    const theirs = await api.gqlAs<{ microWishes: { nodes: { id: string; address: string | null }[] } }>(zhao, WISH_ADDRESS, { h: mine });
    expect(theirs.data!.microWishes.nodes).toEqual([{ id: wish.id, address: null }]);
  });
});

describe('registering oneself (双报到 from the helper screen)', () => {
  const SELF = `mutation ($input: RegistrationInput!) { registerForService(input: $input) { id communityId location } }`;
  const base = { kind: 'VOLUNTEER', name: '自己报到', skills: ['IT'], radiusM: 1500, weeklyCapacity: 2, availability: [TUE_9_11] };

  it('starts from the volunteer’s own home and takes the community it lies in', async () => {
    const [{ id: residentId }] = await api.db.dataSource.query(`SELECT id FROM resident WHERE household_id = $1 ORDER BY id LIMIT 1`, [
      household(SMALL_1, 1),
    ]);
    const self = await api.userToken({ login: 'self-register', role: 'VOLUNTEER', residentId });
    const res = await api.gqlAs<{ registerForService: { id: string; communityId: string; location: { coordinates: number[] } } }>(
      self,
      SELF,
      { input: base },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerForService.communityId).toBe(COMMUNITY_1);
    const [row] = await api.db.dataSource.query(
      `SELECT r.household_id AS "householdId", ST_Equals(r.location, b.centroid) AS "atHome", u.login
         FROM service_registration r JOIN app_user u ON u.id = r.user_id JOIN household h ON h.id = r.household_id JOIN building b ON b.id = h.building_id
        WHERE r.id = $1`,
      [res.data!.registerForService.id],
    );
    expect(row).toEqual({ householdId: household(SMALL_1, 1), atHome: true, login: 'self-register' });
  });

  it('without a home needs a point, and a point inside a community; nothing is written otherwise', async () => {
    const homeless = await api.userToken({ login: 'self-no-home', role: 'VOLUNTEER' });
    const before = await count('service_registration');
    const noPoint = await api.gqlAs(homeless, SELF, { input: base });
    expect(noPoint.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lng' });
    const outside = await api.gqlAs(homeless, SELF, { input: { ...base, lng: 100, lat: 10 } });
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.communityId' });
    expect(await count('service_registration')).toBe(before);
    const atPoint = await api.gqlAs<{ registerForService: { communityId: string } }>(homeless, SELF, {
      input: { ...base, lng: 120.102, lat: 30.252 },
    });
    expect(atPoint.errors).toBeUndefined();
    expect(atPoint.data!.registerForService.communityId).toBe(COMMUNITY_1);
  });
});
