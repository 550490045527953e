import ExcelJS from 'exceljs';
import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { jwtSecret } from '../src/platform/config';
import { signLink } from '../src/platform/identity/signed-link';
import { COMMUNITY_1, count, LEADER, register, SMALL_1 } from './service-fixture';

// 双评议 from the unit's side and 双报告: a work unit rates its registered members' month through a
// signed link (no account) or its own account, and receives the month's report of their hours and
// both ratings, in GraphQL and as XLSX. Every number below is computed by hand from the rows inserted.
// Members are listed by name in the database's order (乙 U+4E59 before 甲 U+7532).
let api: TestApi;
let unitId: string;
let unitAccount: string;
let memberA: string;
let memberB: string;
let outsider: string;
let leader: string;
const MONTH = '2026-11';

const SHEET = `query ($t: String!) {
  unitEvaluationSheet(token: $t) {
    unitId unitName communityName month expiresAt totalHours unitRated communityRated
    members { registrationId name hours unitRating unitComment communityRating communityComment }
  }
}`;
const RATE = `mutation ($t: String!, $r: ID!, $n: Int!, $c: String) {
  evaluateServiceByLink(token: $t, registrationId: $r, rating: $n, comment: $c) { name unitRating unitComment communityRating hours }
}`;
const LINK = `mutation ($u: ID!, $m: String!, $d: Int) {
  unitEvaluationLink(unitId: $u, month: $m, days: $d) { token unitName month expiresAt }
}`;

interface Sheet {
  unitName: string;
  communityName: string;
  month: string;
  expiresAt: string | null;
  totalHours: number;
  unitRated: number;
  communityRated: number;
  members: { registrationId: string; name: string; hours: number; unitRating: number | null; communityRating: number | null }[];
}

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  leader = await api.userToken({ login: 'unit-leader', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
  unitAccount = await api.userToken({ login: 'unit-account', role: 'VOLUNTEER' });
  const [{ id: unitUser }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'unit-account'`);
  // The unit (区税务局) registered with community 1, owned by its account; two members point to it, a third does not.
  [{ id: unitId }] = await api.db.dataSource.query(
    `INSERT INTO service_registration (kind, name, unit_name, community_id, location, skills, radius_m, weekly_capacity, user_id)
     VALUES ('UNIT', '区税务局机关党委', '区税务局', $1, ST_SetSRID(ST_MakePoint(120.1, 30.2), 4326), '{}', 1000, 0, $2) RETURNING id`,
    [COMMUNITY_1, unitUser],
  );
  memberA = await register(api, '甲党员');
  memberB = await register(api, '乙党员');
  outsider = await register(api, '丙党员');
  await api.db.dataSource.query(`UPDATE service_registration SET unit_id = $1 WHERE id = ANY($2::uuid[])`, [unitId, [memberA, memberB]]);
  // Hours: A 2.5 + 1.5 in November (and 3 in October, not counted), B 1.25, the outsider 10 (not the unit's).
  await api.db.dataSource.query(
    `INSERT INTO service_record (registration_id, hours, at) VALUES
       ($1, 2.5, '2026-11-03T02:00:00Z'), ($1, 1.5, '2026-11-29T02:00:00Z'), ($1, 3, '2026-10-20T02:00:00Z'),
       ($2, 1.25, '2026-11-10T02:00:00Z'), ($3, 10, '2026-11-10T02:00:00Z')`,
    [memberA, memberB, outsider],
  );
});
afterAll(() => api.close());

async function link(who: string, month = MONTH, days?: number) {
  return api.gqlAs<{ unitEvaluationLink: { token: string; unitName: string; month: string; expiresAt: string } }>(who, LINK, {
    u: unitId,
    m: month,
    d: days,
  });
}

describe('the unit’s side of the dual evaluation (双评议) and its monthly report (双报告)', () => {
  it('a community leader hands out a signed link; without signing in the unit sees its members’ month and rates them', async () => {
    const issued = await link(leader, MONTH, 7);
    expect(issued.errors).toBeUndefined();
    const { token, expiresAt } = issued.data!.unitEvaluationLink;
    expect(issued.data!.unitEvaluationLink).toMatchObject({ unitName: '区税务局', month: MONTH });
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const sheet = await api.gqlAs<{ unitEvaluationSheet: Sheet }>(null, SHEET, { t: token });
    expect(sheet.errors).toBeUndefined();
    expect(sheet.data!.unitEvaluationSheet).toMatchObject({
      unitName: '区税务局',
      month: MONTH,
      expiresAt,
      totalHours: 5.25,
      unitRated: 0,
      communityRated: 0,
    });
    expect(sheet.data!.unitEvaluationSheet.members.map((m) => [m.name, m.hours])).toEqual([
      ['乙党员', 1.25],
      ['甲党员', 4],
    ]);

    const eventsBefore = await count(api, 'service_event');
    const rated = await api.gqlAs<{ evaluateServiceByLink: { unitRating: number; unitComment: string; hours: number } }>(null, RATE, {
      t: token,
      r: memberA,
      n: 5,
      c: '  工作积极 ',
    });
    expect(rated.errors).toBeUndefined();
    expect(rated.data!.evaluateServiceByLink).toMatchObject({ unitRating: 5, unitComment: '工作积极', hours: 4 });
    expect((await api.gqlAs(null, RATE, { t: token, r: memberB, n: 3 })).errors).toBeUndefined();
    // Rating again replaces the unit's rating.
    expect((await api.gqlAs(null, RATE, { t: token, r: memberB, n: 4 })).errors).toBeUndefined();
    // The community rates A as before (its leader, in the app).
    const community = await api.gqlAs(
      leader,
      `mutation ($r: ID!, $a: ActorInput) {
        evaluateService(registrationId: $r, period: "${MONTH}", evaluator: COMMUNITY, rating: 4, actor: $a) { name }
      }`,
      { r: memberA, a: LEADER },
    );
    expect(community.errors).toBeUndefined();

    const after = (await api.gqlAs<{ unitEvaluationSheet: Sheet }>(null, SHEET, { t: token })).data!.unitEvaluationSheet;
    expect(after.members.map((m) => [m.name, m.unitRating, m.communityRating])).toEqual([
      ['乙党员', 4, null],
      ['甲党员', 5, 4],
    ]);
    expect(after).toMatchObject({ unitRated: 2, communityRated: 1 });
    const events = await api.db.dataSource.query(
      `SELECT actor_role, actor_name, data->>'rating' AS rating FROM service_event
        WHERE type = 'EVALUATED' AND subject_id = $1 ORDER BY id`,
      [memberB],
    );
    expect(events).toEqual([
      { actor_role: 'DEPARTMENT', actor_name: '区税务局（评议链接）', rating: '3' },
      { actor_role: 'DEPARTMENT', actor_name: '区税务局（评议链接）', rating: '4' },
    ]);
    expect(await count(api, 'service_event')).toBe(eventsBefore + 4);
  });

  it('a link opens one unit and one month only, cannot be altered and expires; bad input writes nothing', async () => {
    const { token } = (await link(leader)).data!.unitEvaluationLink;
    const before = await count(api, 'service_evaluation');
    const refusal = async (vars: Record<string, unknown>) =>
      (await api.gqlAs(null, RATE, { t: token, r: memberA, n: 3, ...vars })).errors?.[0];
    expect((await refusal({ r: outsider }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registrationId' });
    expect((await refusal({ r: unitId }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registrationId' });
    expect((await refusal({ r: 'nope' }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registrationId' });
    expect((await refusal({ n: 6 }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rating' });
    expect((await refusal({ c: 'x'.repeat(1001) }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    // Another month: the body says so, and changing it breaks the signature.
    const [body, sig] = token.split('.');
    const fields = JSON.parse(Buffer.from(body, 'base64url').toString());
    expect(fields.slice(0, 2)).toEqual([unitId, MONTH]);
    const altered = `${Buffer.from(JSON.stringify([unitId, '2026-10', fields[2]])).toString('base64url')}.${sig}`;
    expect((await refusal({ t: altered }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', reason: 'invalid' });
    expect((await refusal({ t: `${token}x` }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', reason: 'invalid' });
    // Signed for another purpose with the same secret: not a rating link.
    const other = signLink(jwtSecret(), 'something-else', [unitId, MONTH], new Date(Date.now() + 60_000));
    expect((await refusal({ t: other }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', reason: 'invalid' });
    const expired = signLink(jwtSecret(), 'unit-evaluation', [unitId, MONTH], new Date(Date.now() - 1000));
    expect((await refusal({ t: expired }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', reason: 'expired' });
    const read = await api.gqlAs(null, SHEET, { t: expired });
    expect(read.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'expired' });
    expect(await count(api, 'service_evaluation')).toBe(before);
    // Without a token, the other fields stay closed to anonymous callers.
    const closed = await api.gqlAs(null, `{ unitReport(unitId: "${unitId}", month: "${MONTH}") { unitName } }`);
    expect(closed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('links are handed out by the unit’s community leaders (and admins); the days and the month are checked', async () => {
    expect((await link(api.adminToken)).errors).toBeUndefined();
    expect((await link(leader, '2026-13')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    expect((await link(leader, MONTH, 0)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
    expect((await link(leader, MONTH, 61)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
    const small = await api.userToken({ login: 'unit-small', role: 'GRID_LEADER', gridCodes: [SMALL_1] });
    expect((await link(small)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const operator = await api.userToken({ login: 'unit-operator', role: 'OPERATOR' });
    expect((await link(operator)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Who cannot see the unit at all is answered as for a unit that does not exist.
    const otherCommunity = await api.userToken({ login: 'unit-other', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
    const missing = await api.gqlAs(leader, LINK, { u: stableId('no such unit'), m: MONTH });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await link(otherCommunity)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('the unit’s own account reads its report and rates; leaders and staff read; the report comes as XLSX', async () => {
    const AS_UNIT = `mutation ($u: ID!, $r: ID!, $n: Int!) {
      evaluateServiceAsUnit(unitId: $u, month: "${MONTH}", registrationId: $r, rating: $n, comment: "按时参加") { name unitRating }
    }`;
    const mine = await api.gqlAs<{ evaluateServiceAsUnit: { unitRating: number } }>(unitAccount, AS_UNIT, { u: unitId, r: memberB, n: 2 });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.evaluateServiceAsUnit.unitRating).toBe(2);
    expect((await api.gqlAs(leader, AS_UNIT, { u: unitId, r: memberB, n: 5 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gqlAs(unitAccount, AS_UNIT, { u: unitId, r: outsider, n: 5 })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'registrationId',
    });

    const REPORT = `{
      unitReport(unitId: "${unitId}", month: "${MONTH}") { unitName totalHours unitRated communityRated members { name unitRating } }
    }`;
    for (const who of [unitAccount, leader, api.adminToken]) {
      const r = await api.gqlAs<{ unitReport: Sheet }>(who, REPORT);
      expect(r.errors).toBeUndefined();
      expect(r.data!.unitReport).toMatchObject({ unitName: '区税务局', totalHours: 5.25, unitRated: 2, communityRated: 1 });
      expect(r.data!.unitReport.members.map((m) => m.unitRating)).toEqual([2, 5]);
    }
    const volunteer = await api.userToken({ login: 'unit-volunteer', role: 'VOLUNTEER' });
    expect((await api.gqlAs(volunteer, REPORT)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const xlsx = async (res: Response) => {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="unit-report-${MONTH}.xlsx"`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('双报告')!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push(Array.from({ length: 6 }, (_, i) => row.getCell(i + 1).value ?? null)));
      return rows;
    };
    const expected = [
      ['区税务局 2026年11月 在职党员双报告', null, null, null, null, null],
      [
        `报到社区：${(await api.db.dataSource.query(`SELECT name FROM grid WHERE id = $1`, [COMMUNITY_1]))[0].name}`,
        null,
        null,
        null,
        null,
        null,
      ],
      ['姓名', '服务时长(小时)', '单位评议', '单位意见', '社区评议', '社区意见'],
      ['乙党员', 1.25, 2, '按时参加', null, null],
      ['甲党员', 4, 5, '工作积极', 4, null],
      ['合计', 5.25, 2, null, 1, null],
    ];
    const signedIn = await fetch(`${api.url}/unit-reports/${MONTH}.xlsx?unit=${unitId}`, { headers: { authorization: leader } });
    expect(await xlsx(signedIn)).toEqual(expected);
    const { token } = (await link(leader)).data!.unitEvaluationLink;
    const viaLink = await fetch(`${api.url}/unit-link/report.xlsx?token=${encodeURIComponent(token)}`);
    expect(await xlsx(viaLink)).toEqual(expected);

    const status = async (path: string, authorization?: string) =>
      (await fetch(`${api.url}${path}`, { headers: authorization ? { authorization } : {} })).status;
    expect(await status(`/unit-reports/${MONTH}.xlsx?unit=${unitId}`)).toBe(401);
    expect(await status(`/unit-reports/${MONTH}.xlsx?unit=${unitId}`, volunteer)).toBe(404);
    const small = await api.userToken({ login: 'unit-small-2', role: 'GRID_LEADER', gridCodes: [SMALL_1] });
    expect(await status(`/unit-reports/${MONTH}.xlsx?unit=${unitId}`, small)).toBe(403);
    const bad = await fetch(`${api.url}/unit-reports/2026-13.xlsx?unit=${unitId}`, { headers: { authorization: leader } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'month' });
    const badLink = await fetch(`${api.url}/unit-link/report.xlsx?token=x.y`);
    expect(badLink.status).toBe(400);
    expect(await badLink.json()).toMatchObject({ field: 'token' });
  });
});
