import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { COMMUNITY_1, count, helperLi, household, LEADER, register, SMALL_1, TUE_9_11, VOLUNTEER } from './service-fixture';

// Registering for service (双报到): units, their members and volunteers, bad input, registering oneself, and who sees a registration.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

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
      `{
        serviceRegistrations(communityId: "${COMMUNITY_1}", skill: "MEDICAL") {
          totalCount nodes { name availability { weekday startMinute endMinute } }
        }
      }`,
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
    const before = [await count(api, 'service_registration'), await count(api, 'service_availability')];
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
    expect([await count(api, 'service_registration'), await count(api, 'service_availability')]).toEqual(before);
  });
});

describe("a helper's own view (the volunteer screen)", () => {
  it('sees only their own registration; the community’s leader sees the whole resources list, a resident none of it', async () => {
    const { li, zhao, mine } = await helperLi(api);
    const other = await register(api, '别人的资源');

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
         FROM service_registration r JOIN app_user u ON u.id = r.user_id
         JOIN household h ON h.id = r.household_id JOIN building b ON b.id = h.building_id
        WHERE r.id = $1`,
      [res.data!.registerForService.id],
    );
    expect(row).toEqual({ householdId: household(SMALL_1, 1), atHome: true, login: 'self-register' });
  });

  it('without a home needs a point, and a point inside a community; nothing is written otherwise', async () => {
    const homeless = await api.userToken({ login: 'self-no-home', role: 'VOLUNTEER' });
    const before = await count(api, 'service_registration');
    const noPoint = await api.gqlAs(homeless, SELF, { input: base });
    expect(noPoint.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lng' });
    const outside = await api.gqlAs(homeless, SELF, { input: { ...base, lng: 100, lat: 10 } });
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.communityId' });
    expect(await count(api, 'service_registration')).toBe(before);
    const atPoint = await api.gqlAs<{ registerForService: { communityId: string } }>(homeless, SELF, {
      input: { ...base, lng: 120.102, lat: 30.252 },
    });
    expect(atPoint.errors).toBeUndefined();
    expect(atPoint.data!.registerForService.communityId).toBe(COMMUNITY_1);
  });
});
