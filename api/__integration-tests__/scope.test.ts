import { SignJWT } from 'jose';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { signAccessToken, upsertUser } from '../src/platform/identity';
import { jwtSecret } from '../src/platform/config';
import { startTestApi, type TestApi } from './harness';

// The fixture street: communities 330106001001 (west) and 330106001002 (east), each with
// 2 compounds of 2 small grids; one building, 2 households, 2 residents per small grid.
const LARGE_WEST = '330106001001';
const SMALL_WEST = '3301060010010010001';
const HOME_RESIDENT = stableId(`${SMALL_WEST}/household/0/resident/0`);
const HOME_HOUSEHOLD = stableId(`${SMALL_WEST}/household/0`);
const OTHER_RESIDENT = stableId('3301060010020020002/household/1/resident/1');
const OTHER_HOUSEHOLD = stableId('3301060010020020002/household/1');

let api: TestApi;
const as: Record<string, string | null> = {};
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  as.admin = api.adminToken;
  as.operator = await api.userToken({ login: 'operator', role: 'OPERATOR' });
  as.leaderLarge = await api.userToken({ login: 'leader-large', role: 'GRID_LEADER', gridCodes: [LARGE_WEST] });
  as.leaderSmall = await api.userToken({ login: 'leader-small', role: 'GRID_LEADER', gridCodes: [SMALL_WEST] });
  as.resident = await api.userToken({ login: 'resident', role: 'RESIDENT', residentId: HOME_RESIDENT });
  const key = await api.gql<{ createApiKey: { key: string } }>(
    `mutation {
      createApiKey(input: { name: "grid sync", department: "住建局", scopes: ["Street", "Grid", "Building"], ratePerMinute: 1000 }) { key }
    }`,
  );
  as.department = `ApiKey ${key.data!.createApiKey.key}`;
  as.anonymous = null;
});
afterAll(() => api.close());

type Who = 'admin' | 'operator' | 'leaderLarge' | 'leaderSmall' | 'resident' | 'department';

async function count(who: Who, query: string, variables?: Record<string, unknown>): Promise<number> {
  const res = await api.gqlAs<Record<string, { totalCount: number }>>(as[who], query, variables);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data!)[0].totalCount;
}

describe('lists and counts follow the scope', () => {
  const cases: [Who, number, number, number][] = [
    // who, small grids, residents, buildings in the street's bbox
    ['admin', 8, 32, 8],
    ['operator', 8, 32, 8],
    ['leaderLarge', 4, 16, 4],
    ['leaderSmall', 1, 4, 1],
    ['resident', 1, 2, 1],
    ['department', 8, 0, 8],
  ];
  it.each(cases)('%s sees %i small grids, %i residents, %i buildings', async (who, grids, residents, buildings) => {
    expect(await count(who, `{ grids(level: SMALL) { totalCount } }`)).toBe(grids);
    expect(await count(who, `{ residents(first: 100) { totalCount } }`)).toBe(residents);
    expect(await count(who, `{ buildings(bbox: [120.09, 30.24, 120.13, 30.28]) { totalCount } }`)).toBe(buildings);
  });

  it('anonymous callers are refused, not answered empty', async () => {
    const res = await api.gqlAs(null, `{ grids { totalCount } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.data).toBeUndefined();
  });
});

describe('spatial searches and nested paths stop at the scope', () => {
  it('gridAt outside the leader’s subtree answers nothing; inside, only the subtree', async () => {
    const q = `query ($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { code } }`;
    const east = await api.gqlAs<{ gridAt: { code: string }[] }>(as.leaderLarge, q, { lng: 120.117, lat: 30.265 });
    expect(east.data!.gridAt).toEqual([]);
    const west = await api.gqlAs<{ gridAt: { code: string }[] }>(as.leaderSmall, q, { lng: 120.102, lat: 30.255 });
    expect(west.data!.gridAt.map((g) => g.code)).toEqual([SMALL_WEST]);
  });

  it('walking from an allowed grid to its parent or a sibling’s residents finds nothing', async () => {
    const res = await api.gqlAs<{
      grid: { parent: unknown; counts: { residents: number }; buildings: { households: { residents: { id: string }[] }[] }[] };
    }>(
      as.leaderSmall,
      `{ grid(code: "${SMALL_WEST}") { parent { code } counts { residents } buildings { households { residents { id } } } } }`,
    );
    expect(res.data!.grid.parent).toBeNull();
    expect(res.data!.grid.counts.residents).toBe(4);
    const ids = res.data!.grid.buildings.flatMap((b) => b.households.flatMap((h) => h.residents.map((r) => r.id)));
    expect(ids).toHaveLength(4);
    expect(ids).not.toContain(OTHER_RESIDENT);
  });

  it('a resident sees their household and the grids around it, nothing else', async () => {
    const own = await api.gqlAs<{ household: { residents: { id: string }[] } | null }>(
      as.resident,
      `{ household(id: "${HOME_HOUSEHOLD}") { residents { id } } }`,
    );
    expect(own.data!.household!.residents.map((r) => r.id)).toContain(HOME_RESIDENT);
    const other = await api.gqlAs<{ household: unknown; resident: unknown }>(
      as.resident,
      `{ household(id: "${OTHER_HOUSEHOLD}") { id } resident(id: "${OTHER_RESIDENT}") { id } }`,
    );
    expect(other.data).toEqual({ household: null, resident: null });
    const chain = await api.gqlAs<{ gridAt: { level: string }[] }>(as.resident, `{ gridAt(lng: 120.102, lat: 30.255) { level } }`);
    expect(chain.data!.gridAt.map((g) => g.level)).toEqual(['SMALL', 'MEDIUM', 'LARGE']);
  });

  it('federation _entities lookups by key obey the scope', async () => {
    const q = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { id } ... on Household { id } } }`;
    const reps = [
      { __typename: 'Resident', id: HOME_RESIDENT },
      { __typename: 'Resident', id: OTHER_RESIDENT },
      { __typename: 'Household', id: OTHER_HOUSEHOLD },
    ];
    const leader = await api.gqlAs<{ _entities: ({ id: string } | null)[] }>(as.leaderSmall, q, { reps });
    expect(leader.data!._entities).toEqual([{ id: HOME_RESIDENT }, null, null]);
    const department = await api.gqlAs<{ _entities: ({ id: string } | null)[] }>(as.department, q, { reps });
    expect(department.data!._entities).toEqual([null, null, null]);
  });
});

describe('personal data', () => {
  const q = `query ($id: ID!) { resident(id: $id) { phone personal(reason: "核实低保申请") { phone idNumber } } }`;

  it('is masked by default and revealed to an admin with a reason, and the read is audited', async () => {
    const res = await api.gql<{ resident: { phone: string; personal: { phone: string; idNumber: string } } }>(q, { id: HOME_RESIDENT });
    expect(res.data!.resident.phone).toMatch(/\*{4}/);
    expect(res.data!.resident.personal.phone).toMatch(/^138\d{8}$/);
    expect(res.data!.resident.personal.idNumber).toMatch(/^\d{17}[\dX]$/);
    const log = await api.gql<{ personalDataAccessLog: { actor: string; residentId: string; reason: string; fields: string[] }[] }>(
      `query ($id: ID) { personalDataAccessLog(residentId: $id) { actor residentId reason fields } }`,
      { id: HOME_RESIDENT },
    );
    expect(log.data!.personalDataAccessLog[0]).toEqual({
      actor: 'user:test-admin',
      residentId: HOME_RESIDENT,
      reason: '核实低保申请',
      fields: ['phone', 'idNumber'],
    });
  });

  it('is refused to a resident and to an operator, and the audit log to a leader', async () => {
    for (const who of ['resident', 'operator'] as const) {
      const res = await api.gqlAs<{ resident: unknown }>(as[who], q, { id: HOME_RESIDENT });
      expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const log = await api.gqlAs(as.leaderLarge, `{ personalDataAccessLog { id } }`);
    expect(log.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('writes follow the scope too', () => {
  const square = (w: number, s: number, e: number, n: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  });
  const create = `mutation ($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }`;

  it('a small-grid leader adds a building in their grid but not in another', async () => {
    const [own, other] = await Promise.all(
      [SMALL_WEST, '3301060010020010001'].map(
        async (code) => (await api.gql<{ grid: { id: string } }>(`{ grid(code: "${code}") { id } }`)).data!.grid.id,
      ),
    );
    const ok = await api.gqlAs(as.leaderSmall, create, {
      input: {
        gridId: own,
        name: '车棚',
        address: '示例路1号',
        floors: 1,
        units: 1,
        footprint: square(120.1001, 30.2501, 120.1002, 30.2502),
      },
    });
    expect(ok.errors).toBeUndefined();
    const refused = await api.gqlAs(as.leaderSmall, create, {
      input: { gridId: other, name: '越权', address: 'x', floors: 1, units: 1, footprint: square(120.1101, 30.2501, 120.1102, 30.2502) },
    });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM building WHERE name = '越权'`);
    expect(n).toBe(0);
  });

  it('only a street admin shapes grids or creates keys', async () => {
    const grid = await api.gqlAs(
      as.leaderLarge,
      `mutation {
        createGrid(
          input: { code: "330106001003", name: "x", level: LARGE, geometry: { type: "Polygon", coordinates: [[[0,0],[1,0],[1,1],[0,0]]] } }
        ) { id }
      }`,
    );
    expect(grid.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const key = await api.gqlAs(
      as.department,
      `mutation { createApiKey(input: { name: "x", department: "x", scopes: ["Grid"] }) { key } }`,
    );
    expect(key.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('credentials', () => {
  it('signs in, refreshes once, and rate-limits failed sign-ins', async () => {
    await api.db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'wang', displayName: '王', password: 'correct horse', role: 'OPERATOR' }),
    );
    const login = `mutation ($p: String!) { login(login: "wang", password: $p) { accessToken refreshToken user { role } } }`;
    const ok = await api.gqlAs<{ login: { accessToken: string; refreshToken: string; user: { role: string } } }>(null, login, {
      p: 'correct horse',
    });
    expect(ok.data!.login.user.role).toBe('OPERATOR');
    const me = await api.gqlAs<{ me: { login: string } }>(`Bearer ${ok.data!.login.accessToken}`, `{ me { login } }`);
    expect(me.data!.me.login).toBe('wang');
    const refresh = `mutation ($t: String!) { refresh(refreshToken: $t) { accessToken } }`;
    expect((await api.gqlAs(null, refresh, { t: ok.data!.login.refreshToken })).errors).toBeUndefined();
    expect((await api.gqlAs(null, refresh, { t: ok.data!.login.refreshToken })).errors![0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    for (let i = 0; i < 5; i++) {
      const bad = await api.gqlAs(null, login, { p: `wrong ${i}` });
      expect(bad.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const locked = await api.gqlAs(null, login, { p: 'correct horse' });
    expect(locked.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses expired, forged and revoked credentials with 401', async () => {
    const [{ id }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'operator'`);
    const expired = await signAccessToken(id, 'OPERATOR', jwtSecret(), -10);
    const forged = await new SignJWT({ role: 'STREET_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setIssuer('streetgrid')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-our-secret'));
    for (const token of [expired, forged, 'not.a.jwt']) {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ streets { code } }' }),
      });
      expect(res.status).toBe(401);
    }
    const keys = await api.gql<{ apiKeys: { id: string; department: string }[] }>(`{ apiKeys { id department } }`);
    await api.gql(`mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: keys.data!.apiKeys[0].id });
    const revoked = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: as.department! },
      body: JSON.stringify({ query: '{ streets { code } }' }),
    });
    expect(revoked.status).toBe(401);
  });
});

describe('cases follow the scope', () => {
  const report = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`;
  const input = (key: string, lng: number, lat: number) => ({
    clientKey: key,
    category: 'ENVIRONMENT',
    source: 'RESIDENT',
    lng,
    lat,
    description: '垃圾桶满溢',
  });
  let west: { id: string; version: number };
  let east: { id: string; version: number };
  beforeAll(async () => {
    const w = await api.gqlAs<{ reportCase: { case: { id: string; version: number } } }>(as.resident, report, {
      input: input('scope-west', 120.102, 30.255),
    });
    expect(w.errors).toBeUndefined();
    west = w.data!.reportCase.case;
    const e = await api.gqlAs<{ reportCase: { case: { id: string; version: number } } }>(as.operator, report, {
      input: input('scope-east', 120.117, 30.265),
    });
    east = e.data!.reportCase.case;
    // The first key was revoked above; a new one with the same scopes.
    const key = await api.gql<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "grid sync 2", department: "住建局", scopes: ["Grid"] }) { key } }`,
    );
    as.department = `ApiKey ${key.data!.createApiKey.key}`;
  });

  it('a leader lists the cases of their subtree; a resident the ones they reported; a department without Case nothing', async () => {
    const ids = async (who: Who) =>
      (await api.gqlAs<{ cases: { nodes: { id: string }[] } }>(as[who], `{ cases(first: 100) { nodes { id } } }`)).data!.cases.nodes.map(
        (c) => c.id,
      );
    expect(await ids('admin')).toEqual(expect.arrayContaining([west.id, east.id]));
    expect(await ids('leaderLarge')).toEqual([west.id]);
    expect(await ids('resident')).toEqual([west.id]);
    expect(await ids('department')).toEqual([]);
  });

  it('acts only in roles the account holds, and only on cases it can see', async () => {
    const file = `mutation ($id: ID!, $v: Int!, $a: ActorInput) { fileCase(id: $id, version: $v, actor: $a) { status } }`;
    const asCentre = await api.gqlAs(as.leaderLarge, file, { id: west.id, v: west.version, a: { role: 'COMMAND_CENTRE', name: '冒名' } });
    expect(asCentre.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const outOfScope = await api.gqlAs(as.leaderLarge, file, { id: east.id, v: east.version, a: { role: 'GRID_LEADER', name: 'x' } });
    expect(outOfScope.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const ok = await api.gqlAs<{ fileCase: { status: string } }>(as.leaderLarge, file, {
      id: west.id,
      v: west.version,
      a: { role: 'GRID_LEADER', name: '冒名' },
    });
    expect(ok.data!.fileCase.status).toBe('FILED');
    const timeline = await api.gql<{ case: { timeline: { actorName: string }[] } }>(
      `query ($id: ID!) { case(id: $id) { timeline { actorName } } }`,
      { id: west.id },
    );
    expect(timeline.data!.case.timeline.map((e) => e.actorName)).toEqual(['resident', 'leader-large']);
  });
});

describe('tiles follow the scope', () => {
  // The z16 tile at (120.102, 30.252): the leader's small grid and its neighbours.
  const tile = async (auth: string | null) => {
    const res = await fetch(`${api.url}/tiles/grids/16/54631/26985.mvt`, { headers: auth ? { authorization: auth } : {} });
    return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
  };

  it('refuses anonymous callers and gives a leader a smaller tile than the street admin', async () => {
    expect((await tile(null)).status).toBe(401);
    expect((await tile('Bearer forged')).status).toBe(401);
    const admin = await tile(as.admin);
    const leader = await tile(as.leaderSmall);
    expect(admin.status).toBe(200);
    expect(leader.status).toBe(200);
    expect(leader.bytes).toBeLessThan(admin.bytes);
  });
});

describe('admin operations', () => {
  it('refuses importGrids to anyone but a street admin', async () => {
    const q = `mutation { importGrids(geojson: { type: "FeatureCollection", features: [] }) { crs } }`;
    for (const who of ['operator', 'leaderLarge'] as const) {
      const res = await api.gqlAs(as[who], q);
      expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
