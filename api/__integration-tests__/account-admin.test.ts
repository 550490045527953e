import 'reflect-metadata';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

const W = '330106001001';
const E = '330106001002';
const LOGIN = `mutation ($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken refreshToken user { gridIds } } }`;
const REFRESH = `mutation ($t: String!) { refresh(refreshToken: $t) { accessToken } }`;
const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { password user { id login role gridCodes disabled } } }`;
const DISABLE = `mutation ($id: ID!, $d: Boolean!, $r: String!) { setUserDisabled(id: $id, disabled: $d, reason: $r) { id disabled } }`;
const RESET = `mutation ($id: ID!, $r: String!) { resetUserPassword(id: $id, reason: $r) { password user { login } } }`;
const ROLE = `mutation ($id: ID!, $role: Role!, $g: [ID!]!, $r: String!) {
  changeUserRole(id: $id, role: $role, gridIds: $g, reason: $r) { role gridCodes } }`;
const USERS = `query ($s: String, $role: Role, $first: Int, $after: String) {
  users(search: $s, role: $role, first: $first, after: $after) { totalCount nodes { login } pageInfo { hasNextPage endCursor } } }`;

type Answer = GraphQLResponse<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

let api: TestApi;
let communityLeader: string;
let compoundLeader: string;
const grid: Record<string, string> = {};
let westResident: string;
let eastResident: string;

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  for (const { id, code } of await api.db.dataSource.query(`SELECT id, code FROM grid`)) grid[code] = id;
  const resident = async (code: string) =>
    (
      await api.db.dataSource.query(
        `SELECT r.id FROM resident r JOIN grid g ON r.grid_path <@ g.path WHERE g.code = $1 ORDER BY r.id LIMIT 1`,
        [code],
      )
    )[0].id;
  westResident = await resident(`${W}0010001`);
  eastResident = await resident(`${E}0010001`);
  communityLeader = await api.userToken({ login: 'secretary-w', role: 'GRID_LEADER', gridCodes: [W] });
  compoundLeader = await api.userToken({ login: 'leader-w1', role: 'GRID_LEADER', gridCodes: [`${W}001`] });
});
afterAll(() => api.close());

const asAdmin = (query: string, variables?: Record<string, unknown>) => api.gql(query, variables) as Promise<Answer>;
const as = (token: string, query: string, variables?: Record<string, unknown>) => api.gqlAs(token, query, variables) as Promise<Answer>;
const signIn = (login: string, password: string) => api.gqlAs(null, LOGIN, { l: login, p: password }) as Promise<Answer>;
const error = (a: Answer) => ({ code: a.errors?.[0]?.extensions?.code, field: a.errors?.[0]?.extensions?.field });
const written = async () =>
  (
    await api.db.dataSource.query(`SELECT (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM account_audit)::int AS audit,
     (SELECT count(*) FROM user_grid)::int AS grids, (SELECT count(*) FROM refresh_token WHERE revoked_at IS NULL)::int AS live`)
  )[0];

describe('a street admin manages accounts over GraphQL', () => {
  it('creates a grid leader with a generated password shown once, who signs in; the audit log says who and why', async () => {
    const made = await asAdmin(CREATE, {
      input: { login: 'Zhang.Wei', displayName: '张伟', role: 'GRID_LEADER', gridIds: [grid[`${W}001`]], reason: '新任中网格长' },
    });
    expect(made.errors).toBeUndefined();
    expect(made.data!.createUser.user).toMatchObject({ login: 'zhang.wei', role: 'GRID_LEADER', gridCodes: [`${W}001`], disabled: false });
    const password = made.data!.createUser.password;
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await signIn('zhang.wei', password)).data!.login.user.gridIds).toEqual([grid[`${W}001`]]);

    const [row] = await api.db.dataSource.query(
      `SELECT actor, actor_user_id, action, reason, detail FROM account_audit WHERE detail->>'login' = 'zhang.wei'`,
    );
    expect(row).toMatchObject({ actor: 'user:test-admin', action: 'CREATED', reason: '新任中网格长' });
    expect(row.actor_user_id).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(password);
  });

  it('lists accounts by login, filtered by role and search, in pages', async () => {
    const leaders = await asAdmin(USERS, { role: 'GRID_LEADER', first: 2 });
    expect(leaders.data!.users.totalCount).toBe(3);
    expect(leaders.data!.users.nodes.map((n: { login: string }) => n.login)).toEqual(['leader-w1', 'secretary-w']);
    const next = await asAdmin(USERS, { role: 'GRID_LEADER', first: 2, after: leaders.data!.users.pageInfo.endCursor });
    expect(next.data!.users.nodes).toEqual([{ login: 'zhang.wei' }]);
    expect(next.data!.users.pageInfo.hasNextPage).toBe(false);
    expect((await asAdmin(USERS, { s: '张' })).data!.users.nodes).toEqual([{ login: 'zhang.wei' }]);
  });

  it('answers bad input with the field and writes nothing', async () => {
    const before = await written();
    const input = { login: 'li', displayName: '李', role: 'RESIDENT', reason: '入住' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ login: '-x' }, 'BAD_USER_INPUT', 'input.login'],
      [{ login: 'zhang.wei' }, 'BAD_USER_INPUT', 'input.login'],
      [{ displayName: ' \u200b ' }, 'BAD_USER_INPUT', 'input.displayName'],
      [{ reason: '' }, 'BAD_USER_INPUT', 'input.reason'],
      [{ password: 'short' }, 'BAD_USER_INPUT', 'input.password'],
      [{ role: 'GRID_LEADER' }, 'BAD_USER_INPUT', 'input.gridIds'],
      [{ gridIds: [grid[W]] }, 'BAD_USER_INPUT', 'input.gridIds'],
      [{ role: 'GRID_LEADER', gridIds: ['00000000-0000-4000-8000-000000000000'] }, 'BAD_USER_INPUT', 'input.gridIds.0'],
      [{ residentId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT', 'input.residentId'],
      [{ role: 'OPERATOR', residentId: westResident }, 'BAD_USER_INPUT', 'input.residentId'],
    ];
    for (const [change, code, field] of cases)
      expect([change, error(await asAdmin(CREATE, { input: { ...input, ...change } }))]).toEqual([change, { code, field }]);
    const admin = (await asAdmin(`{ me { id } }`)).data!.me.id;
    expect(error(await asAdmin(DISABLE, { id: admin, d: true, r: 'x' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'disabled' });
    expect(error(await asAdmin(ROLE, { id: admin, role: 'OPERATOR', g: [], r: 'x' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await written()).toEqual(before);
  });

  it('a role change ends the account’s sign-ins; the new scope comes with the next sign-in', async () => {
    const id = await idOf('zhang.wei');
    const reset = await asAdmin(RESET, { id, r: '忘记密码' });
    const password = reset.data!.resetUserPassword.password;
    const session = await signIn('zhang.wei', password);
    const changed = await asAdmin(ROLE, { id, role: 'GRID_LEADER', g: [grid[`${W}0010001`]], r: '调整为小网格长' });
    expect(changed.data!.changeUserRole).toEqual({ role: 'GRID_LEADER', gridCodes: [`${W}0010001`] });
    expect(error((await api.gqlAs(null, REFRESH, { t: session.data!.login.refreshToken })) as Answer).code).toBe('UNAUTHENTICATED');
    expect((await signIn('zhang.wei', password)).data!.login.user.gridIds).toEqual([grid[`${W}0010001`]]);
  });

  it('disable ends sign-ins and refuses the password; enable and a reset let the owner back in', async () => {
    const id = await idOf('zhang.wei');
    const password = (await asAdmin(RESET, { id, r: '重置' })).data!.resetUserPassword.password;
    const session = await signIn('zhang.wei', password);
    expect((await asAdmin(DISABLE, { id, d: true, r: '离职' })).data!.setUserDisabled.disabled).toBe(true);
    expect(error((await api.gqlAs(null, REFRESH, { t: session.data!.login.refreshToken })) as Answer).code).toBe('UNAUTHENTICATED');
    expect(error(await signIn('zhang.wei', password)).code).toBe('UNAUTHENTICATED');
    await asAdmin(DISABLE, { id, d: false, r: '返岗' });
    expect((await signIn('zhang.wei', password)).errors).toBeUndefined();
    const actions = await api.db.dataSource.query(`SELECT action FROM account_audit WHERE user_id = $1 ORDER BY id`, [id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'CREATED',
      'PASSWORD_RESET',
      'ROLE_CHANGED',
      'PASSWORD_RESET',
      'DISABLED',
      'ENABLED',
    ]);
  });
});

describe('a community’s large-grid leader manages the accounts of their community only', () => {
  it('lists their own and their community’s accounts, no one else’s', async () => {
    await asAdmin(CREATE, {
      input: { login: 'east-resident', displayName: '东', role: 'RESIDENT', residentId: eastResident, reason: 'x' },
    });
    const seen = (await as(communityLeader, USERS)).data!.users.nodes.map((n: { login: string }) => n.login);
    expect(seen).toEqual(['leader-w1', 'secretary-w', 'zhang.wei']);
  });

  it('creates a resident account for a resident of the community, and may disable it', async () => {
    const made = await as(communityLeader, CREATE, {
      input: { login: 'west-resident', displayName: '西', role: 'RESIDENT', residentId: westResident, reason: '居民申请' },
    });
    expect(made.errors).toBeUndefined();
    const id = made.data!.createUser.user.id;
    expect((await as(communityLeader, DISABLE, { id, d: true, r: '搬走' })).data!.setUserDisabled.disabled).toBe(true);
    const [row] = await api.db.dataSource.query(`SELECT actor FROM account_audit WHERE user_id = $1 AND action = 'DISABLED'`, [id]);
    expect(row.actor).toBe('user:secretary-w');
  });

  it('reads back the changes it made, and only those; the street admin reads every change', async () => {
    const CHANGES = `query ($u: ID) { accountChanges(userId: $u) { actor action login reason } }`;
    const own = (await as(communityLeader, CHANGES)).data!.accountChanges;
    expect(own).toEqual([
      { actor: 'user:secretary-w', action: 'DISABLED', login: 'west-resident', reason: '搬走' },
      { actor: 'user:secretary-w', action: 'CREATED', login: 'west-resident', reason: '居民申请' },
    ]);
    const all = (await asAdmin(CHANGES, { u: await idOf('zhang.wei') })).data!.accountChanges;
    expect(all.map((c: { action: string }) => c.action)).toEqual([
      'ENABLED',
      'DISABLED',
      'PASSWORD_RESET',
      'ROLE_CHANGED',
      'PASSWORD_RESET',
      'CREATED',
    ]);
    expect((await as(compoundLeader, CHANGES)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('is refused outside the community, above its own level and for staff roles; nothing is written', async () => {
    const before = await written();
    const eastInput = { login: 'e2', displayName: '东', role: 'RESIDENT', residentId: eastResident, reason: 'x' };
    expect(error(await as(communityLeader, CREATE, { input: eastInput }))).toEqual({ code: 'FORBIDDEN', field: 'input.residentId' });
    const staff = { login: 'boss', displayName: '王', role: 'STREET_ADMIN', reason: 'x' };
    expect(error(await as(communityLeader, CREATE, { input: staff })).code).toBe('FORBIDDEN');
    const peer = { login: 'peer', displayName: '同级', role: 'GRID_LEADER', gridIds: [grid[W]], reason: 'x' };
    expect(error(await as(communityLeader, CREATE, { input: peer })).code).toBe('FORBIDDEN');
    const east = await idOf('east-resident');
    expect(error(await as(communityLeader, DISABLE, { id: east, d: true, r: 'x' })).code).toBe('NOT_FOUND');
    const self = await idOf('secretary-w');
    expect(error(await as(communityLeader, RESET, { id: self, r: 'x' })).code).toBe('FORBIDDEN');
    const promote = await as(communityLeader, ROLE, { id: await idOf('leader-w1'), role: 'OPERATOR', g: [], r: 'x' });
    expect(error(promote).code).toBe('FORBIDDEN');
    expect(error(await as(compoundLeader, USERS)).code).toBe('FORBIDDEN');
    expect(error(await as(compoundLeader, CREATE, { input: { ...eastInput, residentId: westResident } })).code).toBe('FORBIDDEN');
    expect(await written()).toEqual(before);
  });
});

async function idOf(login: string): Promise<string> {
  return (await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = $1`, [login]))[0].id;
}
