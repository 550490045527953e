import 'reflect-metadata';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

/*
 * 惠民活动 attendance gives service hours (服务时长), as a team activity's does: a registered
 * helper who attended is credited the activity's length (or the hours given) on their
 * registration with the community, in the attendance's transaction; recording again replaces
 * the hours, recording absence takes them back; someone not registered is credited nothing.
 * The helper reads them where they read every hour served: their registration's `hours`.
 */

const W = '330106001001';
const W11 = `${W}0010001`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, read by path in each test
type Answer = GraphQLResponse<Record<string, any>>;
type As = (query: string, variables?: Record<string, unknown>) => Promise<Answer>;

let api: TestApi;
let leaderSmall: As;
let volunteer: As;
let resident: As;
let volunteerId: string;
let residentId: string;
let registrationId: string;
const as =
  (token: string | null): As =>
  (query, variables) =>
    api.gqlAs(token, query, variables) as Promise<Answer>;
const ok = (res: Answer) => {
  expect(res.errors).toBeUndefined();
  return res.data!;
};

const CREATE = `mutation ($input: CommunityActivityInput!) { createCommunityActivity(input: $input) { id } }`;
const SIGN_UP = `mutation ($id: ID!) { signUpForCommunityActivity(activityId: $id) { userId } }`;
const ATTEND = `mutation ($id: ID!, $u: ID!, $a: Boolean!, $h: Float) {
  recordCommunityActivityAttendance(activityId: $id, userId: $u, attended: $a, hours: $h) { name attended serviceHours } }`;
const MY_HOURS = `{ me { registrations { id hours(from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") } } }`;
const PARTICIPANTS = `{ communityActivities { id participants { name serviceHours } mySignup { serviceHours } } }`;

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
/** A published activity of W11 from `from` to `to` hours from now, the volunteer and the resident signed up. */
async function activity(from: number, to: number): Promise<string> {
  const input = { gridId: stableId(W11), kind: 'FREE_CLINIC', title: '义诊进社区', place: '1号楼前', capacity: 10, status: 'PUBLISHED' };
  const { id } = ok(
    await leaderSmall(CREATE, { input: { ...input, startsAt: inHours(from), endsAt: inHours(to) } }),
  ).createCommunityActivity;
  ok(await volunteer(SIGN_UP, { id }));
  ok(await resident(SIGN_UP, { id }));
  return id;
}
const myHours = async () => ok(await volunteer(MY_HOURS)).me.registrations[0].hours as number;
/** The service records, the sign-ups' attendance and the last writing transaction of both tables. */
const snapshot = async () =>
  api.db.dataSource.query(
    `SELECT (SELECT count(*)::int FROM service_record) AS records, (SELECT max(xmin::text::bigint) FROM service_record) AS rx,
            (SELECT max(xmin::text::bigint) FROM community_activity_signup) AS sx`,
  );
async function refused(send: Promise<Answer>, field: string) {
  const before = await snapshot();
  const res = await send;
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await snapshot()).toEqual(before);
}

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  leaderSmall = as(await api.userToken({ login: 'h-small', role: 'GRID_LEADER', gridCodes: [W11] }));
  volunteer = as(await api.userToken({ login: 'h-vol', role: 'VOLUNTEER', residentId: stableId(`${W11}/household/0/resident/1`) }));
  resident = as(await api.userToken({ login: 'h-res', role: 'RESIDENT', residentId: stableId(`${W11}/household/1/resident/1`) }));
  const ids = await api.db.dataSource.query(`SELECT id, login FROM app_user WHERE login IN ('h-vol', 'h-res')`);
  volunteerId = ids.find((u: { login: string }) => u.login === 'h-vol').id;
  residentId = ids.find((u: { login: string }) => u.login === 'h-res').id;
  // 双报到: the volunteer registers with the community they live in (from their home).
  registrationId = ok(
    await volunteer(`mutation ($input: RegistrationInput!) { registerForService(input: $input) { id communityId } }`, {
      input: {
        kind: 'VOLUNTEER',
        name: '志愿者小王',
        skills: ['REPAIR'],
        radiusM: 1000,
        weeklyCapacity: 2,
        availability: [{ weekday: 2, startMinute: 540, endMinute: 660 }],
      },
    }),
  ).registerForService.id;
}, 120_000);
afterAll(() => api?.close());

describe('community activity attendance credits service hours', () => {
  it('a registered helper who attended is credited the activity’s length, once; absence takes it back', async () => {
    const id = await activity(48, 50.5);
    expect(await myHours()).toBe(0);

    const attended = ok(await leaderSmall(ATTEND, { id, u: volunteerId, a: true })).recordCommunityActivityAttendance;
    expect(attended).toEqual({ name: 'h-vol', attended: true, serviceHours: 2.5 });
    expect(await myHours()).toBe(2.5);
    const [record] = await api.db.dataSource.query(
      `SELECT registration_id AS "registrationId", hours::float8 AS hours FROM service_record WHERE community_activity_id = $1`,
      [id],
    );
    expect(record).toEqual({ registrationId, hours: 2.5 });

    // Recorded again: the same hours, not twice as many.
    ok(await leaderSmall(ATTEND, { id, u: volunteerId, a: true }));
    expect(await myHours()).toBe(2.5);
    // With the hours actually served: they replace the length.
    expect(ok(await leaderSmall(ATTEND, { id, u: volunteerId, a: true, h: 1.5 })).recordCommunityActivityAttendance.serviceHours).toBe(1.5);
    expect(await myHours()).toBe(1.5);
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM service_record WHERE community_activity_id = $1`, [id]);
    expect(n).toBe(1);

    // The manager's roster and the helper's own sign-up show the hours.
    const listed = ok(await leaderSmall(PARTICIPANTS)).communityActivities.find((a: { id: string }) => a.id === id);
    expect(listed.participants).toEqual(
      expect.arrayContaining([
        { name: 'h-vol', serviceHours: 1.5 },
        { name: 'h-res', serviceHours: null },
      ]),
    );
    const mine = ok(await volunteer(PARTICIPANTS)).communityActivities.find((a: { id: string }) => a.id === id);
    expect(mine.mySignup).toEqual({ serviceHours: 1.5 });

    // Absent after all: the hours go.
    const absent = ok(await leaderSmall(ATTEND, { id, u: volunteerId, a: false })).recordCommunityActivityAttendance;
    expect(absent).toEqual({ name: 'h-vol', attended: false, serviceHours: null });
    expect(await myHours()).toBe(0);
  });

  it('a resident who is not a registered helper gets attendance without hours', async () => {
    const id = await activity(72, 74);
    const before = await snapshot();
    const attended = ok(await leaderSmall(ATTEND, { id, u: residentId, a: true })).recordCommunityActivityAttendance;
    expect(attended).toEqual({ name: 'h-res', attended: true, serviceHours: null });
    expect((await snapshot())[0].records).toBe(before[0].records);
  });

  it('bad hours are refused with the field, and nothing is written', async () => {
    const id = await activity(96, 98);
    await refused(leaderSmall(ATTEND, { id, u: volunteerId, a: false, h: 1 }), 'hours');
    await refused(leaderSmall(ATTEND, { id, u: volunteerId, a: true, h: 0 }), 'hours');
    await refused(leaderSmall(ATTEND, { id, u: volunteerId, a: true, h: 25 }), 'hours');
    // More than the activity lasted (2 h).
    await refused(leaderSmall(ATTEND, { id, u: volunteerId, a: true, h: 2.5 }), 'hours');

    // An activity over more than a day has no length to credit: the hours must be given.
    const long = await activity(120, 168);
    await refused(leaderSmall(ATTEND, { id: long, u: volunteerId, a: true }), 'hours');
    expect(ok(await leaderSmall(ATTEND, { id: long, u: volunteerId, a: true, h: 6 })).recordCommunityActivityAttendance.serviceHours).toBe(
      6,
    );
    expect(await myHours()).toBe(6);
  });
});
