import 'reflect-metadata';
import { fixtureStreet } from '../src/seed/fixture-street';
import { jwtSecret } from '../src/platform/config';
import { AuthService } from '../src/platform/identity';
import { startTestApi, startTestApiOn, type GraphQLResponse, type TestApi } from './harness';

// The periodic sweeps share the counted DataSource: off, so that no tick lands inside a counted window.
process.env.CASE_SWEEP_MS = '0';

// The verified caller is cached for the token's lifetime (AuthService): a warm token costs no
// statement, and a change of the account — by a mutation, or by plain SQL as the CLI does — is
// heard (NOTIFY sg_user_changed, delivered at commit) and takes effect on the next request after
// the notification arrives: `soon` allows it 2 s (on a quiet machine it is well under a millisecond).
const W = '330106001001';
const ROLE = `mutation ($id: ID!, $role: Role!, $g: [ID!]!, $r: String!) {
  changeUserRole(id: $id, role: $role, gridIds: $g, reason: $r) { role gridCodes } }`;
const DISABLE = `mutation ($id: ID!, $d: Boolean!, $r: String!) { setUserDisabled(id: $id, disabled: $d, reason: $r) { id disabled } }`;
const HOUSEHOLDS = `{ households(first: 1) { totalCount } }`;

type Answer = GraphQLResponse<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

let api: TestApi;
let leader: string;
let leaderId: string;
const grid: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  for (const { id, code } of await api.db.dataSource.query(`SELECT id, code FROM grid`)) grid[code] = id;
  leader = await api.userToken({ login: 'cache-leader', role: 'GRID_LEADER', gridCodes: [`${W}001`] });
  [{ id: leaderId }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'cache-leader'`);
});
afterAll(() => api.close());

const as = (token: string, query: string, variables?: Record<string, unknown>) => api.gqlAs(token, query, variables) as Promise<Answer>;
const households = async (token: string) => {
  const res = await as(token, HOUSEHOLDS);
  expect(res.errors).toBeUndefined();
  return res.data!.households.totalCount as number;
};
/** `check` until it passes, for at most 2 s. */
async function soon(check: () => Promise<void>): Promise<void> {
  const until = Date.now() + 2000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((ok) => setTimeout(ok, 10));
    }
  }
}
const statements = async (token: string, query: string) => {
  api.db.counter.reset(true);
  const res = await as(token, query);
  return { res, count: api.db.counter.count, sql: [...api.db.counter.statements] };
};

describe('the verified caller', () => {
  it('costs one statement on a cold token and none on a warm one', async () => {
    const token = await api.userToken({ login: 'cache-cold', role: 'STREET_ADMIN' });
    const cold = await statements(token, '{ __typename }');
    expect(cold.res.errors).toBeUndefined();
    expect(cold.count).toBe(1);
    const warm = await statements(token, '{ __typename }');
    expect(warm.res.data).toEqual({ __typename: 'Query' });
    expect(warm.count).toBe(0);
    // A read on a warm token sends only its own statements: none of them loads the caller.
    const read = await statements(token, HOUSEHOLDS);
    expect(read.sql.some((s) => s.includes('FROM app_user'))).toBe(false);
  });

  it('takes a change of grids and of role by mutation into account once the notification arrives', async () => {
    const admin = await households(api.adminToken);
    const compound = await households(leader);
    expect(compound).toBeGreaterThan(0);
    expect(compound).toBeLessThan(admin);
    expect((await statements(leader, '{ __typename }')).count).toBe(0);

    const wider = await api.gql(ROLE, { id: leaderId, role: 'GRID_LEADER', g: [grid[W]], r: '扩大网格' });
    expect(wider.errors).toBeUndefined();
    await soon(async () => expect(await households(leader)).toBeGreaterThan(compound));

    const promoted = await api.gql(ROLE, { id: leaderId, role: 'STREET_ADMIN', g: [], r: '调任' });
    expect(promoted.errors).toBeUndefined();
    await soon(async () => expect(await households(leader)).toBe(admin));
  });

  it('refuses a disabled account once heard, whether disabled by mutation or by SQL (the CLI)', async () => {
    const token = await api.userToken({ login: 'cache-disabled', role: 'GRID_LEADER', gridCodes: [`${W}001`] });
    const [{ id }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'cache-disabled'`);
    expect((await as(token, '{ __typename }')).errors).toBeUndefined();
    expect((await statements(token, '{ __typename }')).count).toBe(0);

    const refused = async () => expect((await as(token, '{ __typename }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(DISABLE, { id, d: true, r: '离职' })).errors).toBeUndefined();
    await soon(refused);

    await api.db.dataSource.query(`UPDATE app_user SET disabled = false WHERE id = $1`, [id]);
    await soon(async () => expect((await as(token, '{ __typename }')).errors).toBeUndefined());
    await soon(async () => expect((await statements(token, '{ __typename }')).count).toBe(0));
    await api.db.dataSource.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [id]);
    await soon(refused);
  });

  it('takes a change of grids by SQL (user_grid) into account once the notification arrives', async () => {
    const token = await api.userToken({ login: 'cache-sql', role: 'GRID_LEADER', gridCodes: [`${W}001`] });
    const [{ id }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'cache-sql'`);
    const before = await households(token);
    expect((await statements(token, '{ __typename }')).count).toBe(0);
    await api.db.dataSource.query(`UPDATE user_grid SET grid_id = $2 WHERE user_id = $1`, [id, grid[W]]);
    await soon(async () => expect(await households(token)).toBeGreaterThan(before));
  });
});

describe('a change heard after the load that saw it', () => {
  // A notification arrives some time after its commit: before, while or after the next load of the caller. A load
  // whose snapshot saw the change is cached whenever the notification arrives (it was not: the caller was loaded
  // again on the next request, and on a busy machine a test expecting a warm token found one statement).
  it('keeps the caller loaded after the change, in whichever order the load and the notification arrive', async () => {
    const leaders: { id: string; token: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const token = await api.userToken({ login: `cache-order-${i}`, role: 'GRID_LEADER', gridCodes: [`${W}001`] });
      const [{ id }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = $1`, [`cache-order-${i}`]);
      leaders.push({ id, token });
    }
    const pathOf = async (code: string) => (await api.db.dataSource.query(`SELECT path::text FROM grid WHERE code = $1`, [code]))[0].path;
    const [wide, narrow] = [await pathOf(W), await pathOf(`${W}001`)];
    const auth = new AuthService(api.db.dataSource, jwtSecret());
    try {
      await auth.start();
      const loads: number[] = [];
      for (const { id, token } of leaders) {
        // Committed: its notification is on its way to the listener.
        await api.db.dataSource.query(`UPDATE user_grid SET grid_id = $2 WHERE user_id = $1`, [id, grid[W]]);
        api.db.counter.reset(true);
        const first = await auth.viewerFrom(token);
        const second = await auth.viewerFrom(token);
        expect([first, second].map((v) => v.kind === 'user' && v.gridPaths)).toEqual([[wide], [wide]]);
        loads.push(api.db.counter.count);
      }
      expect(loads).toEqual(leaders.map(() => 1));
      // A change committed after the load still drops the caller once heard.
      const [{ id, token }] = leaders;
      await api.db.dataSource.query(`UPDATE user_grid SET grid_id = $2 WHERE user_id = $1`, [id, grid[`${W}001`]]);
      await soon(async () => {
        const viewer = await auth.viewerFrom(token);
        expect(viewer.kind === 'user' && viewer.gridPaths).toEqual([narrow]);
      });
    } finally {
      await auth.stop();
    }
  });
});

describe('the listener of a process that starts under load', () => {
  // createApp starts the listener beside the schema's build, which holds the event loop for about 2 s, longer on a
  // busy machine; the probe's wait must not run out while its notification waits to be read (the cache was then off
  // for the life of the process: every request loaded its caller).
  it('trusts the notifications even when the event loop was held past the wait for its probe', async () => {
    const auth = new AuthService(api.db.dataSource, jwtSecret());
    try {
      const started = auth.start();
      // The schema's build on a busy machine: the thread held for 2.5 s.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_500);
      await started;
      const token = await api.userToken({ login: 'cache-busy-start', role: 'STREET_ADMIN' });
      const loads: number[] = [];
      for (let i = 0; i < 2; i++) {
        api.db.counter.reset(true);
        await auth.viewerFrom(token);
        loads.push(api.db.counter.count);
      }
      expect(loads).toEqual([1, 0]);
    } finally {
      await auth.stop();
    }
  });
});

describe('the verified caller where notifications do not arrive (the embedded database)', () => {
  // PGlite is one backend session behind pglite-socket: a NOTIFY sent on the pool's connection never
  // reaches the listener's. The listener's probe finds that out at start, and the cache stays off.
  let embedded: TestApi;
  beforeAll(async () => {
    embedded = await startTestApiOn({ embedded: true }, fixtureStreet());
  });
  afterAll(() => embedded?.close());

  it('loads the caller on every request, so a disabled account is refused on the very next one', async () => {
    const token = await embedded.userToken({ login: 'emb-leader', role: 'GRID_LEADER', gridCodes: [`${W}001`] });
    const [{ id }] = await embedded.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'emb-leader'`);
    for (let i = 0; i < 2; i++) {
      embedded.db.counter.reset(true);
      expect((await embedded.gqlAs(token, '{ __typename }')).errors).toBeUndefined();
      expect(embedded.db.counter.count).toBe(1);
    }
    await embedded.db.dataSource.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [id]);
    expect((await embedded.gqlAs(token, '{ __typename }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
