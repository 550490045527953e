import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { COMMUNITY_1, count, helperLi, household, LEADER, publishedWish, RESIDENT, SMALL_1, TALK, TUE_9_11 } from './service-fixture';

// Needs (需求清单) and matching (精准匹配) as the accounts meet them: bad input, who may list and act where, and the tasks
// a helper is given. The matcher's own rules are in service-matching.test.ts.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

describe('needs and bad input', () => {
  it('a need with an unknown type or household names the field and writes nothing', async () => {
    const before = await count(api, 'service_need');
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
    expect(await count(api, 'service_need')).toBe(before);
  });
});

describe('what each account may list', () => {
  it('a leader sees the needs and matches of their grids only; a volunteer sees no needs and only the public wish board', async () => {
    // Community 1 has a need and a wish on the board; community 2 a need.
    await api.gql(`mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id } }`, {
      input: { householdId: household(SMALL_1, 0), type: 'REPAIR', source: 'GRID_LEADER', window: TUE_9_11 },
      a: LEADER,
    });
    await publishedWish(api, '挂在心愿墙上');
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
    const before = await count(api, 'service_need');
    const elsewhere = await api.gqlAs(leader, RAISE, need(household('3301060010020010001', 0)));
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count(api, 'service_need')).toBe(before);
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
});

describe('whose household a step is for', () => {
  it('a resident raises and cancels needs only for their own household; a leader cancels only inside their grids', async () => {
    const [{ id: residentId }] = await api.db.dataSource.query(`SELECT id FROM resident WHERE household_id = $1 ORDER BY id LIMIT 1`, [
      household(SMALL_1, 0),
    ]);
    const resident = await api.userToken({ login: 'resident-own', role: 'RESIDENT', residentId });
    const outsider = await api.userToken({ login: 'leader-c2-households', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
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
  });
});

describe("a helper's own view (the volunteer screen)", () => {
  it(
    'sees only the tasks confirmed to their registration, with where to go but not the household, and their lines on the map; ' +
      'completes only their own',
    async () => {
      const { li, zhao, mine } = await helperLi(api);

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
        `mutation ($g: ID!, $a: ActorInput) {
          proposeMatches(gridId: $g, period: "2026-11-30", actor: $a) { proposals { id version registrationId } }
        }`,
        { g: stableId(SMALL_1), a: LEADER },
      );
      const proposal = run.data!.proposeMatches.proposals.find((p) => p.registrationId === mine)!;
      expect(proposal).toBeDefined();
      const TASKS = `query ($r: ID) {
        serviceMatches(registrationId: $r, period: "2026-11-30") {
          totalCount nodes { id version status need { id type notes address household { id } } }
        }
      }`;
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
    },
  );
});
