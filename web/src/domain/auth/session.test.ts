import { AuthError, AuthSession, authFetch, isOwnTileUrl, loginErrorKey } from './session';

const user = { id: 'u1', login: 'operator', displayName: '值班员', role: 'OPERATOR', gridIds: [] };

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('AuthSession', () => {
  afterEach(() => jest.useRealTimers());

  it('signs in, refreshes once for concurrent callers, and signs out when the refresh is refused', async () => {
    jest.useFakeTimers();
    let n = 0;
    const fetchImpl = jest.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { query: string };
      if (body.query.includes('login(')) return json({ data: { login: { accessToken: 'a0', refreshToken: 'r0', expiresIn: 900, user } } });
      n += 1;
      if (n === 1) return json({ data: { refresh: { accessToken: 'a1', refreshToken: 'r1', expiresIn: 900, user } } });
      return json({ errors: [{ message: 'used', extensions: { code: 'UNAUTHENTICATED' } }] }, 401);
    });
    const session = new AuthSession(undefined, fetchImpl as typeof fetch, '/graphql', () => 0);
    await session.login('operator', 'pw');
    expect(session.tokenNow()).toBe('a0');
    const [a, b] = await Promise.all([session.refresh(), session.refresh()]);
    expect(a?.accessToken).toBe('a1');
    expect(b).toBe(a);
    expect(n).toBe(1);
    await session.refresh();
    expect(session.current()).toBeNull();
  });

  it('reports a wrong password as UNAUTHENTICATED and a dead network as NETWORK', async () => {
    const refused = new AuthSession(undefined, (async () =>
      json({ errors: [{ message: 'wrong', extensions: { code: 'UNAUTHENTICATED' } }] }, 401)) as typeof fetch);
    const error = await refused.login('x', 'y').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(loginErrorKey(error)).toBe('auth.errors.invalid');
    const offline = new AuthSession(undefined, (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    expect(loginErrorKey(await offline.login('x', 'y').catch((e: unknown) => e))).toBe('auth.errors.network');
  });
});

describe('authFetch', () => {
  it('adds the bearer token, and on a 401 refreshes once and retries once', async () => {
    let token = 'old';
    const session = {
      accessToken: async () => token,
      refresh: jest.fn(async () => {
        token = 'new';
        return { accessToken: 'new', refreshToken: 'r', expiresAt: 0, user: { ...user, role: 'OPERATOR' as const } };
      }),
    };
    const seen: string[] = [];
    const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      seen.push(auth);
      return new Response('{}', { status: auth === 'Bearer new' ? 200 : 401 });
    }) as typeof fetch;
    const response = await authFetch(session, fetchImpl)('/graphql', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(session.refresh).toHaveBeenCalledTimes(1);
  });
});

describe('isOwnTileUrl', () => {
  const origin = 'http://127.0.0.1:4000';
  it('is true only for /tiles/ on the app origin', () => {
    expect(isOwnTileUrl(`${origin}/tiles/grids/12/1/2.mvt`, origin)).toBe(true);
    expect(isOwnTileUrl('/tiles/buildings/15/1/2.mvt', origin)).toBe(true);
    expect(isOwnTileUrl('https://tiles.example.com/tiles/1/2/3.mvt', origin)).toBe(false);
    expect(isOwnTileUrl(`${origin}/graphql`, origin)).toBe(false);
  });
});
