import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const LEADER = { role: 'GRID_LEADER', name: '社区书记' };
const VOLUNTEER = { role: 'VOLUNTEER', name: '志愿者' };
const COMMUNITY_1 = stableId('330106001001');
const SMALL_1 = '3301060010010010001';
const household = (smallCode: string, h: number) => stableId(`${smallCode}/household/${h}`);
const TUE_9_11 = { weekday: 2, startMinute: 540, endMinute: 660 };

async function register(kind: string, name: string, unitName: string | null): Promise<string> {
  const res = await api.gql<{ registerForService: { id: string } }>(
    `mutation ($input: RegistrationInput!, $actor: ActorInput!) { registerForService(input: $input, actor: $actor) { id } }`,
    {
      input: {
        kind,
        name,
        unitName,
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

/** Three hours at a team activity, recorded now (so in this month's period). */
async function serveThreeHours(registrationId: string): Promise<void> {
  const team = await api.gql<{ createVolunteerTeam: { id: string } }>(
    `mutation ($c: ID!, $a: ActorInput!) { createVolunteerTeam(communityId: $c, name: "维修队", kind: "REPAIR", actor: $a) { id } }`,
    {
      c: COMMUNITY_1,
      a: LEADER,
    },
  );
  const teamId = team.data!.createVolunteerTeam.id;
  await api.gql(`mutation ($t: ID!, $r: ID!, $a: ActorInput!) { addTeamMember(teamId: $t, registrationId: $r, actor: $a) { id } }`, {
    t: teamId,
    r: registrationId,
    a: LEADER,
  });
  const activity = await api.gql<{ createTeamActivity: { id: string } }>(
    `mutation ($input: ActivityInput!, $a: ActorInput!) { createTeamActivity(input: $input, actor: $a) { id } }`,
    {
      input: { teamId, title: '修水管', place: '社区', startsAt: '2026-11-28T01:00:00Z', endsAt: '2026-11-28T04:00:00Z', capacity: 5 },
      a: LEADER,
    },
  );
  const activityId = activity.data!.createTeamActivity.id;
  await api.gql(
    `mutation ($x: ID!, $r: ID!, $a: ActorInput!) { signUpForActivity(activityId: $x, registrationId: $r, actor: $a) { activityId } }`,
    { x: activityId, r: registrationId, a: VOLUNTEER },
  );
  const attended = await api.gql(
    `mutation ($x: ID!, $r: ID!, $a: ActorInput!) {
      recordAttendance(activityId: $x, registrationId: $r, attended: true, hours: 3, actor: $a) { hours }
    }`,
    {
      x: activityId,
      r: registrationId,
      a: LEADER,
    },
  );
  expect(attended.errors).toBeUndefined();
}

async function evaluate(
  registrationId: string,
  period: string,
  evaluator: 'UNIT' | 'COMMUNITY',
  rating: number,
  comment: string,
): Promise<void> {
  const res = await api.gql(
    `mutation ($r: ID!, $p: String!, $e: Evaluator!, $n: Int!, $a: ActorInput, $c: String) {
      evaluateService(registrationId: $r, period: $p, evaluator: $e, rating: $n, actor: $a, comment: $c) { name }
    }`,
    {
      r: registrationId,
      p: period,
      e: evaluator,
      n: rating,
      a: evaluator === 'COMMUNITY' ? LEADER : { role: 'DEPARTMENT', name: '区税务局' },
      c: comment,
    },
  );
  expect(res.errors).toBeUndefined();
}

function download(authorization: string | null, query: string): Promise<Response> {
  return fetch(`${api.url}/exports/service-evaluations.csv?${query}`, { headers: authorization ? { authorization } : {} });
}

describe('the dual-evaluation sheet as CSV (双评议表)', () => {
  it('downloads UTF-8 with a BOM, bilingual headers, RFC 4180 quoting and CRLF; formulas are neutralised', async () => {
    const zhang = await register('MEMBER', 'Zhang, "Sam"', '区税务局');
    const li = await register('VOLUNTEER', '李四', null);
    await serveThreeHours(zhang);
    const period = new Date().toISOString().slice(0, 7);
    await evaluate(zhang, period, 'UNIT', 4, 'on time,\nreliable');
    await evaluate(zhang, period, 'COMMUNITY', 5, '=1+1');

    const res = await download(api.adminToken, `communityId=${COMMUNITY_1}&period=${period}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="service-evaluations-${period}.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(
      '\uFEFF登记编号 registrationId,姓名 name,单位 unit,期间 period,服务时长 hours,' +
        '单位评议 unitRating,单位意见 unitComment,社区评议 communityRating,社区意见 communityComment\r\n' +
        `${zhang},"Zhang, ""Sam""",区税务局,${period},3,4,"on time,\nreliable",5,'=1+1\r\n` +
        `${li},李四,,${period},0,,,,\r\n`,
    );
  });

  it(
    'a leader exports the communities inside their grids only; ' + 'anonymous is 401, other roles 403, bad arguments 400 naming the field',
    async () => {
      const query = `communityId=${COMMUNITY_1}&period=2026-11`;
      const anonymous = await download(null, query);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toHaveProperty('error');

      const leader = await api.userToken({ login: 'export-leader-c1', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
      expect((await download(leader, query)).status).toBe(200);
      const elsewhere = await api.userToken({ login: 'export-leader-c2', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
      expect((await download(elsewhere, query)).status).toBe(403);
      // A leader of one small grid does not lead the whole community.
      const below = await api.userToken({ login: 'export-leader-small', role: 'GRID_LEADER', gridCodes: [SMALL_1] });
      expect((await download(below, query)).status).toBe(403);
      const volunteer = await api.userToken({ login: 'export-volunteer', role: 'VOLUNTEER' });
      expect((await download(volunteer, query)).status).toBe(403);
      const operator = await api.userToken({ login: 'export-operator', role: 'OPERATOR' });
      expect((await download(operator, query)).status).toBe(200);

      const badPeriod = await download(api.adminToken, `communityId=${COMMUNITY_1}&period=2026-13`);
      expect(badPeriod.status).toBe(400);
      expect(await badPeriod.json()).toMatchObject({ field: 'period' });
      const noPeriod = await download(leader, `communityId=${COMMUNITY_1}`);
      expect(noPeriod.status).toBe(400);
      expect(await noPeriod.json()).toMatchObject({ field: 'period' });
      const badCommunity = await download(api.adminToken, 'communityId=not-an-id&period=2026-11');
      expect(badCommunity.status).toBe(400);
      expect(await badCommunity.json()).toMatchObject({ field: 'communityId' });
    },
  );
});
