import 'reflect-metadata';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

const W = '330106001001';
const W1 = `${W}001`;
const LOGIN = `mutation ($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken refreshToken } }`;
const REFRESH = `mutation ($t: String!) { refresh(refreshToken: $t) { accessToken user { role gridIds } } }`;
const CREATE_ORG = `mutation ($input: CreatePartyOrganizationInput!) {
  createPartyOrganization(input: $input) { id level name secretaryName parent { level } grid { code } } }`;
const UPDATE_ORG = `mutation ($id: ID!, $input: UpdatePartyOrganizationInput!) {
  updatePartyOrganization(id: $id, input: $input) { secretaryName } }`;
const DISSOLVE = `mutation ($id: ID!) { dissolvePartyOrganization(id: $id) { id } }`;
const APPOINT = `mutation ($input: AppointGridLeaderInput!) { appointGridLeader(input: $input) { id name role since until } }`;
const END = `mutation ($id: ID!, $until: String) { endGridLeader(id: $id, until: $until) { until } }`;
const COMPOUND = `query ($id: ID!) {
  grid(id: $id) { code children { code } leaders { name role } partyOrganization { name secretaryName } } }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, read by path in each test
type Answer = GraphQLResponse<Record<string, any>>;

let api: TestApi;
const grid: Record<string, string> = {};
/** Residents of the compound W1: a party member (the secretary), a non-member (breaks the rule), a party member (the leader). */
let secretary: { id: string; name: string };
let outsider: { id: string; name: string };
let leader: { id: string; name: string };

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  for (const { id, code } of await api.db.dataSource.query(`SELECT id, code FROM grid`)) grid[code] = id;
  const people: { id: string; name: string }[] = await api.db.dataSource.query(
    `SELECT r.id, r.name FROM resident r JOIN grid g ON r.grid_path <@ g.path WHERE g.code = $1 ORDER BY r.id LIMIT 3`,
    [`${W1}0001`],
  );
  [secretary, outsider, leader] = people;
  const set = (id: string, member: boolean) =>
    api.db.dataSource.query(
      `UPDATE resident SET is_party_member = $2, is_in_service_party_member = false, is_owners_committee_head = false WHERE id = $1`,
      [id, member],
    );
  await set(secretary.id, true);
  await set(outsider.id, false);
  await set(leader.id, true);
});
afterAll(() => api.close());

const admin = (query: string, variables?: Record<string, unknown>) => api.gql(query, variables) as Promise<Answer>;
const orgOf = async (code: string) =>
  (
    await api.db.dataSource.query(
      `SELECT o.id FROM party_organization o JOIN grid g ON g.id = o.grid_id
     WHERE g.code = $1 AND o.level <> 'CENTRAL_HOUSEHOLD' AND o.dissolved_at IS NULL`,
      [code],
    )
  )[0]?.id as string | undefined;
const snapshot = async () =>
  (
    await api.db.dataSource.query(`SELECT (SELECT count(*) FROM grid_leader)::int AS leaders,
     (SELECT count(*) FROM grid_leader WHERE until IS NULL)::int AS serving, (SELECT count(*) FROM user_grid)::int AS grids,
     (SELECT count(*) FROM account_audit)::int AS audit, (SELECT string_agg(role, ',' ORDER BY login) FROM app_user) AS roles,
     (SELECT count(*) FROM party_organization WHERE dissolved_at IS NULL)::int AS orgs`)
  )[0];

describe('the street admin builds a compound’s party branch and appoints its leader by the rule', () => {
  it('dissolves the compound’s old branch (its groups first) and creates a new one aligned to the compound', async () => {
    const old = (await orgOf(W1))!;
    expect((await admin(DISSOLVE, { id: old })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    for (const small of [`${W1}0001`, `${W1}0002`]) expect((await admin(DISSOLVE, { id: await orgOf(small) })).errors).toBeUndefined();
    expect((await admin(DISSOLVE, { id: old })).errors).toBeUndefined();

    const wrongLevel = await admin(CREATE_ORG, { input: { level: 'BUILDING_GROUP', gridId: grid[W1], name: '第一小区党支部' } });
    expect(wrongLevel.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.level' });
    const made = await admin(CREATE_ORG, { input: { level: 'COMPOUND_BRANCH', gridId: grid[W1], name: '第一小区为民服务党支部' } });
    expect(made.errors).toBeUndefined();
    expect(made.data!.createPartyOrganization).toMatchObject({
      level: 'COMPOUND_BRANCH',
      parent: { level: 'COMMUNITY' },
      grid: { code: W1 },
    });
    const again = await admin(CREATE_ORG, { input: { level: 'COMPOUND_BRANCH', gridId: grid[W1], name: '重复' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridId' });
  });

  it('appoints a party member of the compound as the branch secretary, and refuses a non-member', async () => {
    const id = (await orgOf(W1))!;
    const refused = await admin(UPDATE_ORG, { id, input: { secretaryId: outsider.id } });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.secretaryId',
      rule: 'SECRETARY_PARTY_MEMBER',
    });
    const appointed = await admin(UPDATE_ORG, { id, input: { secretaryId: secretary.id } });
    expect(appointed.data!.updatePartyOrganization.secretaryName).toBe(secretary.name);
  });

  it('refuses a medium-grid leader who breaks the rule, naming it, and writes nothing', async () => {
    const before = await snapshot();
    const refused = await admin(APPOINT, { input: { gridId: grid[W1], residentId: outsider.id, role: 'LEADER', since: '2026-12-01' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.residentId', rule: 'MEDIUM_GRID_LEADER' });
    expect(refused.errors?.[0].message).toContain('party member living in the compound or the head of its owners’ committee');
    const badDate = await admin(APPOINT, { input: { gridId: grid[W1], residentId: leader.id, role: 'LEADER', since: '2026-02-30' } });
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.since' });
    expect(await snapshot()).toEqual(before);
  });

  it('accepts one who meets it; the leader’s account leads the compound from its next refresh, until the post ends', async () => {
    const account = await admin(`mutation ($input: CreateUserInput!) { createUser(input: $input) { password } }`, {
      input: { login: 'w1-leader', displayName: leader.name, role: 'RESIDENT', residentId: leader.id, reason: '居民账号' },
    });
    const session = (await api.gqlAs(null, LOGIN, { l: 'w1-leader', p: account.data!.createUser.password })) as Answer;
    const before = (await api.gqlAs(`Bearer ${session.data!.login.accessToken}`, COMPOUND, { id: grid[W1] })) as Answer;
    expect(before.data!.grid.children).toEqual([{ code: `${W1}0001` }]); // a resident sees the grids around their home

    const appointed = await admin(APPOINT, { input: { gridId: grid[W1], residentId: leader.id, role: 'LEADER', since: '2026-12-01' } });
    expect(appointed.errors).toBeUndefined();
    expect(appointed.data!.appointGridLeader).toMatchObject({ name: leader.name, role: 'LEADER', since: '2026-12-01', until: null });
    const [previous] = await api.db.dataSource.query(
      `SELECT until::text FROM grid_leader WHERE grid_id = $1 AND role = 'LEADER' AND resident_id IS DISTINCT FROM $2`,
      [grid[W1], leader.id],
    );
    expect(previous.until).toBe('2026-12-01'); // replaced from that day

    const refreshed = (await api.gqlAs(null, REFRESH, { t: session.data!.login.refreshToken })) as Answer;
    expect(refreshed.data!.refresh.user).toEqual({ role: 'GRID_LEADER', gridIds: [grid[W1]] });
    const after = (await api.gqlAs(`Bearer ${refreshed.data!.refresh.accessToken}`, COMPOUND, { id: grid[W1] })) as Answer;
    expect(after.data!.grid).toEqual({
      code: W1,
      children: [{ code: `${W1}0001` }, { code: `${W1}0002` }],
      leaders: [{ name: leader.name, role: 'LEADER' }],
      partyOrganization: { name: '第一小区为民服务党支部', secretaryName: secretary.name },
    });

    const ended = await admin(END, { id: appointed.data!.appointGridLeader.id, until: '2026-12-31' });
    expect(ended.data!.endGridLeader.until).toBe('2026-12-31');
    const [row] = await api.db.dataSource.query(
      `SELECT role, (SELECT count(*)::int FROM user_grid WHERE user_id = u.id) AS grids FROM app_user u WHERE login = 'w1-leader'`,
    );
    expect(row).toEqual({ role: 'RESIDENT', grids: 0 });
  });

  it('is the street admins’ alone', async () => {
    const leaderToken = await api.userToken({ login: 'secretary-w', role: 'GRID_LEADER', gridCodes: [W] });
    const before = await snapshot();
    const tried = (await api.gqlAs(leaderToken, APPOINT, { input: { gridId: grid[W1], residentId: leader.id, role: 'LEADER' } })) as Answer;
    expect(tried.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });
});
