import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';

process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
let compoundLeader: string;
let staff: string;
let company: string;
let otherCompany: string;
let committee: string;
const COMPOUND = '330106001001001';
const OTHER_COMPOUND = '330106001001002';
/** A point in the compound's first small grid. */
const POINT = { lng: 120.102, lat: 30.255 };

interface CaseView {
  id: string;
  version: number;
  status: string;
  organizationId: string | null;
  timeline: { type: string; actorRole: string; data: Record<string, unknown> }[];
}
const CASE_FIELDS = `id version status organizationId timeline { type actorRole data }`;

async function createOrg(gridCode: string, kind: string, name: string): Promise<string> {
  const res = await api.gql<{ createOrganization: { id: string } }>(
    `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    { input: { gridId: stableId(gridCode), kind, name } },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createOrganization.id;
}

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  compoundLeader = await api.userToken({ login: 'disp-compound', role: 'GRID_LEADER', gridCodes: [COMPOUND] });
  // Unpublished: the small grid's leader would not see it, the dispatch still finds it serving the case's grid.
  company = await createOrg(COMPOUND, 'PROPERTY_COMPANY', '绿城物业');
  otherCompany = await createOrg(OTHER_COMPOUND, 'PROPERTY_COMPANY', '二期物业');
  committee = await createOrg(COMPOUND, 'OWNERS_COMMITTEE', '一期业委会');
  staff = await api.userToken({ login: 'disp-staff', role: 'ORGANIZATION_STAFF', organizationId: company });
}, 120_000);
afterAll(async () => {
  await api.close();
});

let keySeq = 0;
async function filedCase(category = 'PROPERTY'): Promise<CaseView> {
  const reported = await api.gql<{ reportCase: { case: CaseView } }>(
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { ${CASE_FIELDS} } } }`,
    { input: { clientKey: `disp-${keySeq++}`, category, source: 'RESIDENT', ...POINT, description: '电梯故障三天无人修' } },
  );
  expect(reported.errors).toBeUndefined();
  const c = reported.data!.reportCase.case;
  const filed = await api.gqlAs<{ fileCase: CaseView }>(
    compoundLeader,
    `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { ${CASE_FIELDS} } }`,
    { id: c.id, v: c.version },
  );
  expect(filed.errors).toBeUndefined();
  return filed.data!.fileCase;
}
const dispatch = (who: string, c: CaseView, vars: Record<string, unknown>) =>
  api.gqlAs<{ dispatchCase: CaseView }>(
    who,
    `mutation ($id: ID!, $v: Int!, $o: ID, $l: ID, $d: ID) {
      dispatchCase(id: $id, version: $v, organizationId: $o, leaderId: $l, departmentId: $d) { ${CASE_FIELDS} }
    }`,
    { id: c.id, v: c.version, ...vars },
  );

describe('organisations as dispatch targets (物业公司)', () => {
  it('a compound’s property case goes to its property company, whose staff see it in their inbox and work it', async () => {
    const c = await filedCase();
    const other = await filedCase();
    const sent = await dispatch(compoundLeader, c, { o: company });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.dispatchCase).toMatchObject({ status: 'DISPATCHED', organizationId: company });
    expect(sent.data!.dispatchCase.timeline.at(-1)).toMatchObject({
      type: 'DISPATCHED',
      data: { organizationId: company, organizationName: '绿城物业' },
    });

    const me = await api.gqlAs<{ me: { role: string; organizationName: string } }>(staff, `{ me { role organizationName } }`);
    expect(me.data!.me).toEqual({ role: 'ORGANIZATION_STAFF', organizationName: '绿城物业' });
    // The company's staff are told (事件派遣给我), in their own notifications; nobody else is: not the small grid's leaders.
    const told = await api.gqlAs<{ notifications: { nodes: { kind: string; subjectId: string }[] } }>(
      staff,
      `{ notifications(first: 20) { nodes { kind subjectId } } }`,
    );
    expect(told.errors).toBeUndefined();
    expect(told.data!.notifications.nodes).toEqual([{ kind: 'CASE_DISPATCHED', subjectId: c.id }]);
    const recipients: { login: string }[] = await api.db.dataSource.query(
      `SELECT u.login FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.subject_id = $1 AND n.kind = 'CASE_DISPATCHED'`,
      [c.id],
    );
    expect(recipients).toEqual([{ login: 'disp-staff' }]);
    const inbox = await api.gqlAs<{ cases: { nodes: { id: string }[]; totalCount: number } }>(
      staff,
      `{ cases(first: 50) { totalCount nodes { id } } }`,
    );
    expect(inbox.errors).toBeUndefined();
    expect(inbox.data!.cases.nodes).toEqual([{ id: c.id }]);
    expect(inbox.data!.cases.totalCount).toBe(1);
    // Nothing else: not the other case, of the registry only their own organisation, not the grids.
    const away = await api.gqlAs<{ case: unknown; organizations: { nodes: unknown[] }; grid: unknown }>(
      staff,
      `query ($id: ID!, $g: ID!) { case(id: $id) { id } organizations { nodes { id } } grid(id: $g) { id } }`,
      { id: other.id, g: stableId(COMPOUND) },
    );
    expect(away.data).toEqual({ case: null, organizations: { nodes: [{ id: company }] }, grid: null });
    // The raw table under row-level security, as the staff's database role: one row.
    const [{ n }] = await api.db.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL ROLE sg_department`);
      await m.query(`SELECT set_config('sg.organization_id', $1, true), set_config('sg.scopes', '{}', true)`, [company]);
      return m.query(`SELECT count(*)::int AS n FROM "case"`);
    });
    expect(n).toBe(1);

    const started = await api.gqlAs<{ startCase: CaseView }>(
      staff,
      `mutation ($id: ID!, $v: Int!) { startCase(id: $id, version: $v) { ${CASE_FIELDS} } }`,
      { id: c.id, v: sent.data!.dispatchCase.version },
    );
    expect(started.errors).toBeUndefined();
    const handled = await api.gqlAs<{ handleCase: CaseView }>(
      staff,
      `mutation ($id: ID!, $v: Int!) { handleCase(id: $id, version: $v, feedback: "已更换电梯主板") { ${CASE_FIELDS} } }`,
      { id: c.id, v: started.data!.startCase.version },
    );
    expect(handled.errors).toBeUndefined();
    expect(handled.data!.handleCase.status).toBe('HANDLED');
    expect(handled.data!.handleCase.timeline.at(-1)).toMatchObject({ type: 'HANDLED', actorRole: 'DEPARTMENT' });
    // The staff may not act on the case they do not see.
    const notTheirs = await api.gqlAs(staff, `mutation ($id: ID!, $v: Int!) { startCase(id: $id, version: $v) { id } }`, {
      id: other.id,
      v: other.version,
    });
    expect(notTheirs.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a company not serving the case’s grid, an organisation of another kind, a non-property case; writes nothing', async () => {
    const c = await filedCase();
    const dispute = await filedCase('DISPUTE');
    const count = async () => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM case_event`))[0].n;
    const before = await count();
    for (const [target, vars] of [
      [c, { o: otherCompany }],
      [c, { o: committee }],
      [c, { o: 'not-an-id' }],
      [c, { o: company, d: stableId('any department') }],
      [dispute, { o: company }],
    ] as const) {
      const res = await dispatch(compoundLeader, target, vars);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    }
    expect(await count()).toBe(before);
    const [row] = await api.db.dataSource.query(`SELECT status, organization_id FROM "case" WHERE id = $1`, [c.id]);
    expect(row).toEqual({ status: 'FILED', organization_id: null });
  });
});
