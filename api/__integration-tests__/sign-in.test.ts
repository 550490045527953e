import { upsertUser } from '../src/platform/identity';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApiOn, type TestApi } from './harness';

// Client addresses come from X-Forwarded-For, which the API believes from a proxy on loopback
// (TRUST_PROXY=loopback), as it would from nginx in front of it.
const OWNER = '198.51.100.7';
const ATTACKER = '203.0.113.9';
const LOGIN = `mutation ($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken refreshToken } }`;
const REFRESH = `mutation ($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  data?: Record<string, { accessToken: string; refreshToken: string }>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApiOn({ config: { trustProxy: 'loopback' } }, fixtureStreet());
});
afterAll(() => api.close());

async function from(address: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ...((await res.json()) as object) };
}

async function account(login: string): Promise<void> {
  await api.db.dataSource.transaction((m) => upsertUser(m, { login, displayName: login, password: 'correct horse', role: 'OPERATOR' }));
}

const signIn = (address: string, login: string, password: string) => from(address, LOGIN, { l: login, p: password });
const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code;

describe('failed sign-ins are throttled per account and per client address', () => {
  it('locks the login from the address that guessed, and not the owner elsewhere', async () => {
    await account('li');
    for (let i = 0; i < 5; i++) expect(code(await signIn(ATTACKER, 'li', `guess ${i}`))).toBe('UNAUTHENTICATED');
    const locked = await signIn(ATTACKER, 'li', 'correct horse');
    expect(locked.status).toBe(429);
    expect(code(locked)).toBe('RATE_LIMITED');
    expect(locked.errors![0].extensions!.retryAfter).toBeGreaterThan(800);
    expect(Number(locked.retryAfter)).toBeGreaterThan(800);

    const owner = await signIn(OWNER, 'li', 'correct horse');
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.login.accessToken).toBeTruthy();
  });

  it('locks an address that sprays passwords over many logins, not the accounts', async () => {
    const sprayer = '203.0.113.20';
    for (let a = 0; a < 10; a++) {
      await account(`spray-${a}`);
      for (let i = 0; i < 3; i++) expect(code(await signIn(sprayer, `spray-${a}`, `guess ${i}`))).toBe('UNAUTHENTICATED');
    }
    await account('spray-next');
    // 30 failures from the address, none more than 3 for one login: the address is locked…
    expect(code(await signIn(sprayer, 'spray-next', 'correct horse'))).toBe('RATE_LIMITED');
    // …while the accounts sign in from elsewhere.
    expect((await signIn(OWNER, 'spray-0', 'correct horse')).errors).toBeUndefined();
  });

  it('slows a guess spread over many addresses, but lets the owner’s own client through', async () => {
    await account('zhao');
    expect((await signIn(OWNER, 'zhao', 'correct horse')).errors).toBeUndefined();
    // 11 addresses, one wrong password each: past 10 failures the account makes unknown clients wait (2 s, then 4, 8, …).
    for (let i = 0; i < 11; i++) expect(code(await signIn(`192.0.2.${i + 1}`, 'zhao', 'guess'))).toBe('UNAUTHENTICATED');
    const stranger = await signIn('192.0.2.200', 'zhao', 'correct horse');
    expect(code(stranger)).toBe('RATE_LIMITED');
    expect(stranger.errors![0].extensions!.retryAfter).toBeGreaterThanOrEqual(1);
    const owner = await signIn(OWNER, 'zhao', 'correct horse');
    expect(owner.errors).toBeUndefined();
  });

  it('refuses a login with a NUL byte as bad input, not a 500', async () => {
    const answer = await signIn(OWNER, 'li\u0000', 'x');
    expect(answer.status).toBe(200);
    expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'login' });
  });
});

describe('refresh tokens', () => {
  it('revokes the whole family when a refresh token is used a second time', async () => {
    await account('chen');
    const first = (await signIn(OWNER, 'chen', 'correct horse')).data!.login;
    const other = (await signIn(OWNER, 'chen', 'correct horse')).data!.login; // another device: its own family
    const second = (await from(OWNER, REFRESH, { t: first.refreshToken })).data!.refresh;
    const third = (await from(OWNER, REFRESH, { t: second.refreshToken })).data!.refresh;

    // A thief replays the first token: refused, and every token of its family with it.
    const replay = await from(ATTACKER, REFRESH, { t: first.refreshToken });
    expect(code(replay)).toBe('UNAUTHENTICATED');
    expect(replay.errors![0].message).toMatch(/already used/);
    const afterwards = await from(OWNER, REFRESH, { t: third.refreshToken });
    expect(code(afterwards)).toBe('UNAUTHENTICATED');

    // The other device's family is untouched.
    const otherRefresh = await from(OWNER, REFRESH, { t: other.refreshToken });
    expect(otherRefresh.errors).toBeUndefined();
    const [{ live }] = await api.db.dataSource.query(
      `SELECT count(*) FILTER (WHERE t.revoked_at IS NULL)::int AS live
         FROM refresh_token t JOIN app_user u ON u.id = t.user_id WHERE u.login = 'chen'`,
    );
    expect(live).toBe(1);
  });
});
