import { startTestApi, type GraphQLResponse, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';

/*
 * 议事协商 → 新案件: a 圆桌会 of compound W1 resolves "fix the broken streetlight", carried out as a CASE; its leader
 * reports that case right there (reportResolutionCase), and the resolution shows the case's number and
 * status, done once the case closes. Bad input and a resolution outside the reporter's compound write nothing.
 */

const COMPOUND_W1 = '330106001001001';
const COMPOUND_W2 = '330106001001002';
const W11 = '3301060010010010001';
const gridId = (code: string) => stableId(code);
const residentIn = (small: string, h: number, r: number) => stableId(`${small}/household/${h}/resident/${r}`);
/** A point in the small grid W11, inside compound W1. */
const AT = { lng: 120.102, lat: 30.255 };

let api: TestApi;
let leader: string;
let otherLeader: string;
let resident: string;
let consultationId: string;
let caseResolution: string;
let taskResolution: string;

const REPORT = `mutation ($r: ID!, $input: ReportCaseInput!) {
  reportResolutionCase(resolutionId: $r, input: $input) { created case { id number status } } }`;
const SHOW = `query ($id: ID!) {
  consultation(id: $id) { openResolutions resolutions { id carriedAs caseId caseNumber caseStatus done } } }`;
const report = ({ resolutionId = caseResolution, ...over }: Record<string, unknown> = {}) => ({
  r: resolutionId,
  input: {
    clientKey: 'streetlight-1',
    category: 'PUBLIC_FACILITY',
    source: 'GRID_PATROL',
    ...AT,
    description: '修复 3 号楼前损坏的路灯',
    ...over,
  },
});

function ok<T>(res: GraphQLResponse<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data!;
}
function refused(res: GraphQLResponse, code: string, field: string): void {
  expect(res.errors?.[0].extensions?.code).toBe(code);
  expect(res.errors?.[0].extensions?.field).toBe(field);
}
/** What a report writes: cases, their events, and the resolutions linked to a case. */
async function written(): Promise<string> {
  const [row] = await api.db.dataSource.query(
    `SELECT (SELECT count(*) FROM "case") || '/' || (SELECT count(*) FROM case_event) || '/' ||
            (SELECT count(*) FROM resolution WHERE case_id IS NOT NULL) AS f`,
  );
  return row.f;
}

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  leader = await api.userToken({ login: 'w1-leader', role: 'GRID_LEADER', gridCodes: [COMPOUND_W1] });
  otherLeader = await api.userToken({ login: 'w2-leader', role: 'GRID_LEADER', gridCodes: [COMPOUND_W2] });
  resident = await api.userToken({ login: 'w1-resident', role: 'RESIDENT', residentId: residentIn(W11, 0, 0) });
  const convened = ok(
    await api.gqlAs<{ conveneConsultation: { id: string; version: number; invitees: { id: string }[] } }>(
      leader,
      `mutation ($input: ConveneConsultationInput!) { conveneConsultation(input: $input) { id version invitees { id } } }`,
      {
        input: {
          gridId: gridId(COMPOUND_W1),
          kind: 'ROUND_TABLE',
          topic: '小区夜间照明',
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          address: '小区红色议事亭',
          invitees: [{ kind: 'RESIDENT', residentId: residentIn(W11, 0, 0), role: '业委会主任' }],
        },
      },
    ),
  ).conveneConsultation;
  consultationId = convened.id;
  ok(
    await api.gqlAs(
      leader,
      `mutation ($id: ID!, $v: Int!, $input: RecordConsultationInput!) { recordConsultation(id: $id, version: $v, input: $input) { id } }`,
      { id: consultationId, v: convened.version, input: { attended: convened.invitees.map((i) => i.id), minutes: '路灯坏了半个月' } },
    ),
  );
  const RESOLVE = `mutation ($c: ID!, $input: ResolutionInput!) {
    addResolution(consultationId: $c, input: $input) { resolutions { id text } } }`;
  const add = async (text: string, carriedAs: string) => {
    const { addResolution } = ok(
      await api.gqlAs<{ addResolution: { resolutions: { id: string; text: string }[] } }>(leader, RESOLVE, {
        c: consultationId,
        input: { text, carriedAs, ownerName: '物业', dueOn: '2027-01-31' },
      }),
    );
    return addResolution.resolutions.find((r) => r.text === text)!.id;
  };
  // A CASE resolution no longer has to name an existing case: its case is reported for it.
  caseResolution = await add('修复 3 号楼前损坏的路灯', 'CASE');
  taskResolution = await add('物业每月巡查路灯', 'TASK');
}, 120_000);
afterAll(() => api?.close());

describe('a resolution carried out by reporting a new case', () => {
  it('a CASE resolution without its case waits for it, open', async () => {
    const { consultation } = ok(
      await api.gqlAs<{ consultation: { resolutions: Record<string, unknown>[] } }>(leader, SHOW, { id: consultationId }),
    );
    expect(consultation.resolutions.find((r) => r.id === caseResolution)).toMatchObject({
      carriedAs: 'CASE',
      caseId: null,
      caseNumber: null,
      caseStatus: null,
      done: false,
    });
  });

  it('bad input, another compound’s leader and a resident write nothing', async () => {
    const before = await written();
    refused(await api.gqlAs(leader, REPORT, report({ resolutionId: 'not-an-id' })), 'BAD_USER_INPUT', 'resolutionId');
    // An id nobody has: out of reach, as another compound's resolution is.
    refused(await api.gqlAs(leader, REPORT, report({ resolutionId: stableId('no such resolution') })), 'FORBIDDEN', 'resolutionId');
    refused(await api.gqlAs(leader, REPORT, report({ resolutionId: taskResolution })), 'BAD_USER_INPUT', 'resolutionId');
    // The resolution is fine, the report is not: the whole write is refused.
    refused(await api.gqlAs(leader, REPORT, report({ category: 'NO_SUCH_CATEGORY' })), 'BAD_USER_INPUT', 'input.category');
    refused(await api.gqlAs(leader, REPORT, report({ description: ' ' })), 'BAD_USER_INPUT', 'input.description');
    // Compound W2's leader does not keep W1's consultations, nor does a resident.
    refused(await api.gqlAs(otherLeader, REPORT, report()), 'FORBIDDEN', 'resolutionId');
    const byResident = await api.gqlAs(resident, REPORT, report({ source: 'RESIDENT' }));
    expect(byResident.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await written()).toBe(before);
  });

  it('the compound leader reports the case: the resolution shows its number and status, done when it closes', async () => {
    const before = await written();
    const { reportResolutionCase: reportCase } = ok(
      await api.gqlAs<{ reportResolutionCase: { created: boolean; case: { id: string; number: string; status: string } } }>(
        leader,
        REPORT,
        report(),
      ),
    );
    expect(reportCase.created).toBe(true);
    expect(reportCase.case.number).toMatch(/^\d{8}-\d{4}$/);
    const [b, e, r] = before.split('/').map(Number);
    expect(await written()).toBe(`${b + 1}/${e + 1}/${r + 1}`);
    const shown = async () =>
      ok(
        await api.gqlAs<{ consultation: { openResolutions: number; resolutions: Record<string, unknown>[] } }>(leader, SHOW, {
          id: consultationId,
        }),
      ).consultation;
    expect((await shown()).resolutions.find((x) => x.id === caseResolution)).toEqual({
      id: caseResolution,
      carriedAs: 'CASE',
      caseId: reportCase.case.id,
      caseNumber: reportCase.case.number,
      caseStatus: 'REPORTED',
      done: false,
    });
    // Residents see the published consultation's resolutions, but the case's number and status only if they see the case.
    const seen = ok(
      await api.gqlAs<{ case: { number: string } | null; consultation: { resolutions: Record<string, unknown>[] } }>(
        resident,
        `query ($c: ID!, $id: ID!) { case(id: $c) { number } consultation(id: $id) { resolutions { id caseNumber caseStatus } } }`,
        { c: reportCase.case.id, id: consultationId },
      ),
    );
    expect(seen.consultation.resolutions.find((x) => x.id === caseResolution)).toEqual({
      id: caseResolution,
      caseNumber: seen.case?.number ?? null,
      caseStatus: seen.case ? 'REPORTED' : null,
    });
    // A retry of the same report answers the same case; another report for the resolution is refused, writing nothing.
    const again = ok(await api.gqlAs<{ reportResolutionCase: { created: boolean; case: { id: string } } }>(leader, REPORT, report()));
    expect(again.reportResolutionCase).toMatchObject({ created: false, case: { id: reportCase.case.id } });
    const after = await written();
    refused(await api.gqlAs(leader, REPORT, report({ clientKey: 'streetlight-2' })), 'BAD_USER_INPUT', 'resolutionId');
    expect(await written()).toBe(after);
    // The closed loop's end (its steps are case.test.ts's): the case closes, the resolution is done.
    await api.db.dataSource.query(`UPDATE "case" SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [reportCase.case.id]);
    const closed = await shown();
    expect(closed.resolutions.find((x) => x.id === caseResolution)).toMatchObject({ caseStatus: 'CLOSED', done: true });
    expect(closed.openResolutions).toBe(1);
  });
});
