import { randomUUID } from 'node:crypto';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

/*
 * 物业公司等组织工作人员 — accounts of ORGANIZATION_STAFF made in the app (createUser with the
 * organisation): a street admin for any live organisation, a community's secretary for one of
 * their community; any other organisation, an archived one, a missing one, or an organisation
 * named for another role is BAD_USER_INPUT on input.organizationId and writes nothing. The
 * account signs in and sees the property case dispatched to its company, not another company's.
 */

process.env.CASE_SWEEP_MS = '0';

const COMMUNITY = '330106001001';
const OTHER_COMMUNITY = '330106001002';
const COMPOUND = '330106001001001';
const OTHER_COMPOUND = '330106001001002';
const FAR_COMPOUND = '330106001002001';
/** A point in each compound (the fixture's compounds split their community north to south). */
const POINT: Record<string, { lng: number; lat: number }> = {
  [COMPOUND]: { lng: 120.102, lat: 30.255 },
  [OTHER_COMPOUND]: { lng: 120.102, lat: 30.265 },
};

const CREATE = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { user { id login role organizationId organizationName } password }
}`;
const LOGIN = `mutation ($l: String!, $p: String!) {
  login(login: $l, password: $p) { accessToken user { role organizationId organizationName } }
}`;

interface Created {
  createUser: { user: { id: string; login: string; role: string; organizationId: string; organizationName: string }; password: string };
}

let api: TestApi;
let compoundLeader: string;
let secretary: string;
let otherSecretary: string;
let company: string;
let otherCompany: string;
let farCompany: string;
let archived: string;

async function createOrg(gridCode: string, kind: string, name: string): Promise<{ id: string; version: number }> {
  const res = await api.gql<{ createOrganization: { id: string; version: number } }>(
    `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id version } }`,
    { input: { gridId: stableId(gridCode), kind, name } },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createOrganization;
}

const counts = async () =>
  (
    await api.db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM account_audit) AS audits`,
    )
  )[0] as { users: number; audits: number };

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  compoundLeader = await api.userToken({ login: 'acct-compound', role: 'GRID_LEADER', gridCodes: [COMPOUND, OTHER_COMPOUND] });
  secretary = await api.userToken({ login: 'acct-secretary', role: 'GRID_LEADER', gridCodes: [COMMUNITY] });
  otherSecretary = await api.userToken({ login: 'acct-secretary2', role: 'GRID_LEADER', gridCodes: [OTHER_COMMUNITY] });
  company = (await createOrg(COMPOUND, 'PROPERTY_COMPANY', '绿城物业')).id;
  otherCompany = (await createOrg(OTHER_COMPOUND, 'PROPERTY_COMPANY', '二期物业')).id;
  farCompany = (await createOrg(FAR_COMPOUND, 'PROPERTY_COMPANY', '东苑物业')).id;
  const old = await createOrg(COMPOUND, 'PROPERTY_COMPANY', '旧物业');
  const gone = await api.gql(`mutation ($id: ID!, $v: Int!) { archiveOrganization(id: $id, version: $v) { id } }`, {
    id: old.id,
    v: old.version,
  });
  expect(gone.errors).toBeUndefined();
  archived = old.id;
}, 120_000);
afterAll(() => api.close());

let keySeq = 0;
/** A property case of `compound`, filed and dispatched to its company `organizationId`. */
async function dispatchedTo(compound: string, organizationId: string): Promise<string> {
  const reported = await api.gql<{ reportCase: { case: { id: string; version: number } } }>(
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`,
    {
      input: { clientKey: `acct-org-${keySeq++}`, category: 'PROPERTY', source: 'RESIDENT', ...POINT[compound], description: '楼道灯坏了' },
    },
  );
  expect(reported.errors).toBeUndefined();
  const c = reported.data!.reportCase.case;
  const filed = await api.gqlAs<{ fileCase: { version: number } }>(
    compoundLeader,
    `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { version } }`,
    { id: c.id, v: c.version },
  );
  expect(filed.errors).toBeUndefined();
  const sent = await api.gqlAs(
    compoundLeader,
    `mutation ($id: ID!, $v: Int!, $o: ID) { dispatchCase(id: $id, version: $v, organizationId: $o) { id } }`,
    {
      id: c.id,
      v: filed.data!.fileCase.version,
      o: organizationId,
    },
  );
  expect(sent.errors).toBeUndefined();
  return c.id;
}

describe('organisation staff accounts (createUser)', () => {
  it('refuses a missing, unknown, malformed or archived organisation, and an organisation for another role, writing nothing', async () => {
    const before = await counts();
    const base = { displayName: '物业小张', reason: '物业值班' };
    for (const input of [
      { ...base, login: 'org-none', role: 'ORGANIZATION_STAFF' },
      { ...base, login: 'org-unknown', role: 'ORGANIZATION_STAFF', organizationId: randomUUID() },
      { ...base, login: 'org-malformed', role: 'ORGANIZATION_STAFF', organizationId: 'not-an-id' },
      { ...base, login: 'org-archived', role: 'ORGANIZATION_STAFF', organizationId: archived },
      { ...base, login: 'org-resident', role: 'RESIDENT', organizationId: company },
      { ...base, login: 'org-dept', role: 'DEPARTMENT_STAFF', departmentId: randomUUID(), organizationId: company },
    ]) {
      const res = await api.gql(CREATE, { input });
      expect({ login: input.login, ext: res.errors?.[0].extensions }).toMatchObject({
        login: input.login,
        ext: { code: 'BAD_USER_INPUT', field: input.login === 'org-dept' ? 'input.departmentId' : 'input.organizationId' },
      });
    }
    // A department staff account names no organisation.
    const [{ id: sfs }] = await api.db.dataSource.query(`SELECT id FROM department WHERE code = 'SFS'`);
    const both = await api.gql(CREATE, {
      input: { ...base, login: 'org-dept2', role: 'DEPARTMENT_STAFF', departmentId: sfs, organizationId: company },
    });
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationId' });
    // A community's secretary only for an organisation of their community.
    const away = await api.gqlAs(otherSecretary, CREATE, {
      input: { ...base, login: 'org-away', role: 'ORGANIZATION_STAFF', organizationId: company },
    });
    expect(away.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationId' });
    expect(await counts()).toEqual(before);
  });

  it('is made by a street admin, signs in and sees the case dispatched to its company, not another company’s', async () => {
    const made = await api.gql<Created>(CREATE, {
      input: { login: 'lvcheng-zhang', displayName: '物业小张', role: 'ORGANIZATION_STAFF', organizationId: company, reason: '物业值班' },
    });
    expect(made.errors).toBeUndefined();
    expect(made.data!.createUser.user).toMatchObject({ role: 'ORGANIZATION_STAFF', organizationId: company, organizationName: '绿城物业' });
    const [audit] = await api.db.dataSource.query(`SELECT detail FROM account_audit WHERE user_id = $1 AND action = 'CREATED'`, [
      made.data!.createUser.user.id,
    ]);
    expect(audit.detail).toMatchObject({ role: 'ORGANIZATION_STAFF', organizationId: company });

    const signedIn = await api.gqlAs<{ login: { accessToken: string; user: Record<string, unknown> } }>(null, LOGIN, {
      l: 'lvcheng-zhang',
      p: made.data!.createUser.password,
    });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.login.user).toEqual({ role: 'ORGANIZATION_STAFF', organizationId: company, organizationName: '绿城物业' });
    const staff = `Bearer ${signedIn.data!.login.accessToken}`;

    const own = await dispatchedTo(COMPOUND, company);
    const others = await dispatchedTo(OTHER_COMPOUND, otherCompany);
    const inbox = await api.gqlAs<{ cases: { totalCount: number; nodes: { id: string }[] } }>(
      staff,
      `{ cases(first: 50) { totalCount nodes { id } } }`,
    );
    expect(inbox.errors).toBeUndefined();
    expect(inbox.data!.cases).toEqual({ totalCount: 1, nodes: [{ id: own }] });
    const notTheirs = await api.gqlAs<{ case: unknown }>(staff, `query ($id: ID!) { case(id: $id) { id } }`, { id: others });
    expect(notTheirs.data!.case).toBeNull();

    // The accounts list names the organisation; the account neither leaves the role nor does another become one.
    const listed = await api.gql<{ users: { nodes: { login: string; organizationName: string | null }[] } }>(
      `{ users(search: "lvcheng") { nodes { login organizationName } } }`,
    );
    expect(listed.data!.users.nodes).toEqual([{ login: 'lvcheng-zhang', organizationName: '绿城物业' }]);
    const change = await api.gql(`mutation ($id: ID!) { changeUserRole(id: $id, role: RESIDENT, reason: "x") { id } }`, {
      id: made.data!.createUser.user.id,
    });
    expect(change.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
  });

  it('is made by a community’s secretary for an organisation of their community, whom they then manage', async () => {
    const made = await api.gqlAs<Created>(secretary, CREATE, {
      input: { login: 'erqi-li', displayName: '二期小李', role: 'ORGANIZATION_STAFF', organizationId: otherCompany, reason: '物业值班' },
    });
    expect(made.errors).toBeUndefined();
    expect(made.data!.createUser.user).toMatchObject({ login: 'erqi-li', organizationId: otherCompany, organizationName: '二期物业' });
    const listed = await api.gqlAs<{ users: { nodes: { login: string; organizationName: string | null }[] } }>(
      secretary,
      `{ users(role: ORGANIZATION_STAFF) { nodes { login organizationName } } }`,
    );
    expect(listed.data!.users.nodes).toEqual([
      { login: 'erqi-li', organizationName: '二期物业' },
      { login: 'lvcheng-zhang', organizationName: '绿城物业' },
    ]);
    const reset = await api.gqlAs<{ resetUserPassword: { user: { login: string } } }>(
      secretary,
      `mutation ($id: ID!) { resetUserPassword(id: $id, reason: "忘记密码") { user { login } } }`,
      { id: made.data!.createUser.user.id },
    );
    expect(reset.errors).toBeUndefined();
    // The other community's secretary neither sees nor makes them.
    const hidden = await api.gqlAs<{ users: { nodes: unknown[] } }>(
      otherSecretary,
      `{ users(role: ORGANIZATION_STAFF) { nodes { login } } }`,
    );
    expect(hidden.data!.users.nodes).toEqual([]);
    const far = await api.gqlAs(secretary, CREATE, {
      input: { login: 'dongyuan-wu', displayName: '东苑小吴', role: 'ORGANIZATION_STAFF', organizationId: farCompany, reason: 'x' },
    });
    expect(far.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationId' });
    const mine = await api.gqlAs(otherSecretary, CREATE, {
      input: { login: 'dongyuan-wu', displayName: '东苑小吴', role: 'ORGANIZATION_STAFF', organizationId: farCompany, reason: 'x' },
    });
    expect(mine.errors).toBeUndefined();
  });
});
