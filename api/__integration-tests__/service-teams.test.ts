import { startTestApi, type TestApi } from './harness';
import { fixtureStreet } from '../src/seed/fixture-street';
import { COMMUNITY_1, count, LEADER, register, SMALL_1, TUE_9_11, VOLUNTEER } from './service-fixture';

// Volunteer teams (志愿服务队) and their activities: members, places, sign-ups, attendance and hours, and who may manage them.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

describe('volunteer teams and activities', () => {
  it('team, members, an activity with capacity, sign-ups, attendance and hours', async () => {
    const [a, b] = [await register(api, '车队甲'), await register(api, '车队乙')];
    const team = await api.gql<{ createVolunteerTeam: { id: string } }>(
      `mutation ($c: ID!, $a: ActorInput!) {
        createVolunteerTeam(communityId: $c, name: "爱心车队", kind: "DRIVING", actor: $a) { id name kind }
      }`,
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
    const SIGN = `mutation ($x: ID!, $r: ID!, $a: ActorInput!) {
      signUpForActivity(activityId: $x, registrationId: $r, actor: $a) { activityId registrationId }
    }`;
    expect((await api.gql(SIGN, { x: activityId, r: a, a: VOLUNTEER })).errors).toBeUndefined();
    const full = await api.gql(SIGN, { x: activityId, r: b, a: VOLUNTEER });
    expect(full.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activityId' });

    const attended = await api.gql<{ recordAttendance: { attended: boolean; hours: number } }>(
      `mutation ($x: ID!, $r: ID!, $a: ActorInput!) {
        recordAttendance(activityId: $x, registrationId: $r, attended: true, hours: 3, actor: $a) { attended hours }
      }`,
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
    const LIST = `query ($c: ID!, $from: DateTime, $a: ID!, $b: ID!) {
      teamActivities(communityId: $c, from: $from) {
        id teamName capacity signedUp a: joined(registrationId: $a) b: joined(registrationId: $b)
      }
    }`;
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
    const SIGNUPS = `query ($c: ID!, $from: DateTime) {
      teamActivities(communityId: $c, from: $from) { id signups { registrationId attended hours helper { name } } }
    }`;
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

describe('where a leader may act', () => {
  it("manages teams, activities, attendance and the community's ratings only of communities inside the grids they lead", async () => {
    const own = await api.userToken({ login: 'leader-c1-teams', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
    const other = await api.userToken({ login: 'leader-c2-teams', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
    const member = await register(api, '队员丙');
    const TEAM = `mutation ($c: ID!) { createVolunteerTeam(communityId: $c, name: "调解队", kind: "MEDIATION") { id } }`;
    const teamsBefore = await count(api, 'volunteer_team');
    expect((await api.gqlAs(other, TEAM, { c: COMMUNITY_1 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count(api, 'volunteer_team')).toBe(teamsBefore);
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
          `mutation ($x: ID!, $r: ID!, $a: ActorInput!) {
            signUpForActivity(activityId: $x, registrationId: $r, actor: $a) { activityId }
          }`,
          { x: activityId, r: member, a: VOLUNTEER },
        )
      ).errors,
    ).toBeUndefined();
    const ATTEND = `mutation ($x: ID!, $r: ID!) {
      recordAttendance(activityId: $x, registrationId: $r, attended: true, hours: 2) { hours }
    }`;
    const recordsBefore = await count(api, 'service_record');
    expect((await api.gqlAs(other, ATTEND, { x: activityId, r: member })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count(api, 'service_record')).toBe(recordsBefore);
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
    const RATE = `mutation ($r: ID!) {
      evaluateService(registrationId: $r, period: "2026-11", evaluator: COMMUNITY, rating: 4) { communityRating }
    }`;
    expect((await api.gqlAs(other, RATE, { r: member })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      (await api.gqlAs<{ evaluateService: { communityRating: number } }>(own, RATE, { r: member })).data!.evaluateService.communityRating,
    ).toBe(4);
  });
});
