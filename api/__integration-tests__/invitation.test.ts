import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

/** 邀请注册: a leader gives a resident a code; the resident makes their own account with it, once, before it expires. */
const SMALL_1 = '3301060010010010001';
const SMALL_2 = '3301060010010010002';
const RESIDENT = stableId(`${SMALL_1}/household/0/resident/1`);
const ELSEWHERE = stableId(`${SMALL_2}/household/0/resident/0`);

let api: TestApi;
let leader: string;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  leader = await api.userToken({ login: 'leader-s1', role: 'GRID_LEADER', gridCodes: [SMALL_1] });
});
afterAll(() => api.close());

type Errors = { extensions?: Record<string, unknown> }[] | undefined;
const INVITE = `mutation ($id: ID!, $role: InvitedRole, $days: Int) {
  inviteResident(residentId: $id, role: $role, days: $days) { code role residentName expiresAt } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) {
  signUpWithInvitation(input: $input) { accessToken user { id login role displayName } } }`;

async function invite(auth: string, id: string, vars: Record<string, unknown> = {}) {
  return api.gqlAs<{ inviteResident: { code: string; role: string; residentName: string; expiresAt: string } }>(auth, INVITE, {
    id,
    ...vars,
  });
}
async function signUp(code: string, login: string, password = 'my-own-password-1') {
  return api.gqlAs<{
    signUpWithInvitation: { accessToken: string; user: { id: string; login: string; role: string; displayName: string } };
  }>(null, SIGN_UP, { input: { code, login, password } });
}
const accounts = async () => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n as number;

it('lets a resident make their own account with the code their leader gave, signed in at once; the code works once', async () => {
  const given = await invite(leader, RESIDENT, { role: 'VOLUNTEER' });
  expect(given.errors).toBeUndefined();
  const { code, residentName, expiresAt } = given.data!.inviteResident;
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
  const [{ name }] = await api.db.dataSource.query(`SELECT name FROM resident WHERE id = $1`, [RESIDENT]);
  expect(residentName).toBe(name);
  expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  // Only the code's hash is stored.
  expect(JSON.stringify(await api.db.dataSource.query(`SELECT * FROM invitation`))).not.toContain(code);

  // Typed as a person would: lower case, without the dash.
  const made = await signUp(code.toLowerCase().replace('-', ' '), 'wang-volunteer');
  expect(made.errors).toBeUndefined();
  expect(made.data!.signUpWithInvitation.user).toMatchObject({ login: 'wang-volunteer', role: 'VOLUNTEER', displayName: name });
  const [account] = await api.db.dataSource.query(`SELECT resident_id FROM app_user WHERE id = $1`, [
    made.data!.signUpWithInvitation.user.id,
  ]);
  expect(account.resident_id).toBe(RESIDENT);
  const me = await api.gqlAs<{ me: { login: string } }>(`Bearer ${made.data!.signUpWithInvitation.accessToken}`, `{ me { login } }`);
  expect(me.data!.me.login).toBe('wang-volunteer');

  const before = await accounts();
  const again = await signUp(code, 'someone-else');
  expect((again.errors as Errors)?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  expect(await accounts()).toBe(before);
});

it('refuses an expired or unknown code, a taken login and a short password, writing nothing', async () => {
  const { code } = (await invite(api.adminToken, stableId(`${SMALL_1}/household/1/resident/0`))).data!.inviteResident;
  const before = await accounts();
  expect(((await signUp(code, 'test-admin')).errors as Errors)?.[0].extensions).toMatchObject({ field: 'input.login' });
  expect(((await signUp(code, 'short-pw', 'x')).errors as Errors)?.[0].extensions).toMatchObject({ field: 'input.password' });
  expect(((await signUp('ABCDE-FGHJK', 'nobody')).errors as Errors)?.[0].extensions).toMatchObject({ field: 'input.code' });
  await api.db.dataSource.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
  expect(((await signUp(code, 'too-late')).errors as Errors)?.[0].extensions).toMatchObject({ field: 'input.code' });
  expect(await accounts()).toBe(before);
  expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM invitation WHERE used_at IS NOT NULL`))[0].n).toBe(1);
});

it('lets a leader invite only the residents of their grids, and nobody else invite at all', async () => {
  const outside = await invite(leader, ELSEWHERE);
  expect((outside.errors as Errors)?.[0].extensions?.code).toBe('NOT_FOUND');
  const resident = await api.userToken({ login: 'plain-resident', role: 'RESIDENT', residentId: RESIDENT });
  expect(((await invite(resident, RESIDENT)).errors as Errors)?.[0].extensions?.code).toBe('FORBIDDEN');
  const operator = await api.userToken({ login: 'operator', role: 'OPERATOR' });
  expect(((await invite(operator, RESIDENT)).errors as Errors)?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(((await invite(leader, RESIDENT, { days: 90 })).errors as Errors)?.[0].extensions).toMatchObject({ field: 'days' });
});
