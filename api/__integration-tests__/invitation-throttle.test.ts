import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApiOn, type TestApi } from './harness';

// Wrong invitation codes are throttled per client address like failed sign-ins (sign-in.test.ts): the address comes
// from X-Forwarded-For, believed from a proxy on loopback (TRUST_PROXY=loopback).
const GUESSER = '203.0.113.77';
const NEIGHBOUR = '198.51.100.21';
const SMALL_1 = '3301060010010010001';
const SIGN_UP = `mutation ($input: SignUpInput!) { signUpWithInvitation(input: $input) { accessToken } }`;
const INVITE = `mutation ($id: ID!) { inviteResident(residentId: $id) { code } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  data?: { signUpWithInvitation: { accessToken: string } | null };
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApiOn({ config: { trustProxy: 'loopback' } }, fixtureStreet());
});
afterAll(() => api.close());

async function signUp(address: string, code: string, login: string): Promise<Answer> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: SIGN_UP, variables: { input: { code, login, password: 'my-own-password-1' } } }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ...((await res.json()) as object) };
}
const invite = async (household: number, resident = 0) =>
  (await api.gql<{ inviteResident: { code: string } }>(INVITE, { id: stableId(`${SMALL_1}/household/${household}/resident/${resident}`) }))
    .data!.inviteResident.code;

it('refuses an address after 10 wrong codes (RATE_LIMITED, retryAfter), even with a right one; others and later are not', async () => {
  const right = await invite(0);
  for (let i = 0; i < 10; i++) {
    const wrong = await signUp(GUESSER, `ABCDE-FGH${String(i).padStart(2, '2')}`.slice(0, 11), `guess-${i}`);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  }
  const limited = await signUp(GUESSER, right, 'guesser');
  expect(limited.status).toBe(429);
  expect(limited.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  expect(Number(limited.retryAfter)).toBeGreaterThan(0);
  expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE login = 'guesser'`))[0].n).toBe(0);

  // Another client is not held back by the guesser.
  const neighbour = await signUp(NEIGHBOUR, right, 'neighbour');
  expect(neighbour.errors).toBeUndefined();
  expect(neighbour.data!.signUpWithInvitation!.accessToken).toEqual(expect.any(String));

  // After the window (15 minutes) the guesser's address may try again.
  await api.db.dataSource.query(`UPDATE login_failure SET at = at - interval '16 minutes' WHERE address = $1`, [GUESSER]);
  const later = await signUp(GUESSER, await invite(1), 'later');
  expect(later.errors).toBeUndefined();
});

it('does not count a right code that fails for another reason (a taken login)', async () => {
  const code = await invite(0, 1);
  for (let i = 0; i < 12; i++) {
    const taken = await signUp('192.0.2.5', code, 'test-admin');
    expect(taken.errors?.[0].extensions).toMatchObject({ field: 'input.login' });
  }
});
