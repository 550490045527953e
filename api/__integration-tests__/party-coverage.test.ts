import 'reflect-metadata';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

/*
 * 全覆盖 on the fixture street (fixture-street.ts): 2 communities (LARGE) × 2 compounds (MEDIUM) × 2 small grids = 14 grids,
 * each with a live organisation of its kind and a current LEADER; only the community organisations have a secretary,
 * so the 4 compound branches and 8 building groups lack one.
 */

const W = '330106001001';
const E = '330106001002';
const W1 = `${W}001`;
const W11 = `${W1}0001`;
const W12 = `${W1}0002`;
const COVERAGE = `query ($gridId: ID, $first: Int) { partyCoverage(gridId: $gridId, first: $first) {
  gridId gridCount coverageRate leaderRate
  levels { level grids withOrganization withLeader organizationsWithoutSecretary }
  gridsWithoutOrganization { totalCount nodes { gridCode gridName gridLevel organizationId } }
  gridsWithoutLeader { totalCount nodes { gridCode gridLevel } }
  organizationsWithoutSecretary { totalCount nodes { gridCode gridLevel organizationName organizationLevel } }
} }`;
const END = `mutation ($id: ID!) { endGridLeader(id: $id) { until } }`;
const DISSOLVE = `mutation ($id: ID!) { dissolvePartyOrganization(id: $id) { id } }`;

interface Level {
  level: string;
  grids: number;
  withOrganization: number;
  withLeader: number;
  organizationsWithoutSecretary: number;
}
interface Coverage {
  gridId: string | null;
  gridCount: number;
  coverageRate: number | null;
  leaderRate: number | null;
  levels: Level[];
  gridsWithoutOrganization: { totalCount: number; nodes: { gridCode: string; gridName: string; gridLevel: string }[] };
  gridsWithoutLeader: { totalCount: number; nodes: { gridCode: string; gridLevel: string }[] };
  organizationsWithoutSecretary: { totalCount: number; nodes: { gridCode: string; organizationLevel: string }[] };
}

let api: TestApi;
const grid: Record<string, string> = {};
const smalls = [`${W}0010001`, `${W}0010002`, `${W}0020001`, `${W}0020002`, `${E}0010001`, `${E}0010002`, `${E}0020001`, `${E}0020002`];
const mediums = [`${W}001`, `${W}002`, `${E}001`, `${E}002`];

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  for (const { id, code } of await api.db.dataSource.query(`SELECT id, code FROM grid`)) grid[code] = id;
});
afterAll(() => api.close());

async function coverage(
  auth: string | null,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<{ partyCoverage: Coverage }>> {
  return api.gqlAs<{ partyCoverage: Coverage }>(auth, COVERAGE, variables);
}
async function asAdmin(variables: Record<string, unknown> = {}): Promise<Coverage> {
  const res = await coverage(api.adminToken, variables);
  expect(res.errors).toBeUndefined();
  return res.data!.partyCoverage;
}
const level = (grids: number, withOrganization: number, withLeader: number, organizationsWithoutSecretary: number) => ({
  grids,
  withOrganization,
  withLeader,
  organizationsWithoutSecretary,
});
const codes = (list: { nodes: { gridCode: string }[] }) => list.nodes.map((n) => n.gridCode);

describe('partyCoverage on the fixture street', () => {
  it('counts every level: all grids covered, the compound branches and building groups without a secretary', async () => {
    const c = await asAdmin();
    expect(c).toMatchObject({ gridId: null, gridCount: 14, coverageRate: 1, leaderRate: 1 });
    expect(c.levels).toEqual([
      { level: 'LARGE', ...level(2, 2, 2, 0) },
      { level: 'MEDIUM', ...level(4, 4, 4, 4) },
      { level: 'SMALL', ...level(8, 8, 8, 8) },
    ]);
    expect(c.gridsWithoutOrganization).toEqual({ totalCount: 0, nodes: [] });
    expect(c.gridsWithoutLeader).toEqual({ totalCount: 0, nodes: [] });
    // LARGE first, then by code: the compounds, then the small grids.
    expect(c.organizationsWithoutSecretary.totalCount).toBe(12);
    expect(codes(c.organizationsWithoutSecretary)).toEqual([...mediums, ...smalls]);
    expect(c.organizationsWithoutSecretary.nodes[0]).toMatchObject({ gridLevel: 'MEDIUM', organizationLevel: 'COMPOUND_BRANCH' });
  });

  it('lists only the first N gaps, with the full count', async () => {
    const c = await asAdmin({ first: 3 });
    expect(codes(c.organizationsWithoutSecretary)).toEqual(mediums.slice(0, 3));
    expect(c.organizationsWithoutSecretary.totalCount).toBe(12);
    expect((await coverage(api.adminToken, { first: 0 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('answers a subtree: the compound W1 with its two small grids', async () => {
    const c = await asAdmin({ gridId: grid[W1] });
    expect(c).toMatchObject({ gridId: grid[W1], gridCount: 3, coverageRate: 1 });
    expect(c.levels).toEqual([
      { level: 'LARGE', ...level(0, 0, 0, 0) },
      { level: 'MEDIUM', ...level(1, 1, 1, 1) },
      { level: 'SMALL', ...level(2, 2, 2, 2) },
    ]);
    expect(codes(c.organizationsWithoutSecretary)).toEqual([W1, W11, W12]);
  });

  it('an ended leader and a dissolved organisation show as gaps, exactly', async () => {
    expect((await api.gql(END, { id: stableId(`${W11}/leader`) })).errors).toBeUndefined();
    let c = await asAdmin();
    expect(c.levels[2]).toEqual({ level: 'SMALL', ...level(8, 8, 7, 8) });
    expect(c.levels.slice(0, 2).map((l) => l.withLeader)).toEqual([2, 4]);
    expect(c.gridsWithoutLeader).toEqual({ totalCount: 1, nodes: [{ gridCode: W11, gridLevel: 'SMALL' }] });
    expect(c.leaderRate).toBeCloseTo(13 / 14);
    expect(c.coverageRate).toBe(1);

    expect((await api.gql(DISSOLVE, { id: stableId(`${W12}/party`) })).errors).toBeUndefined();
    c = await asAdmin();
    expect(c.levels[2]).toEqual({ level: 'SMALL', ...level(8, 7, 7, 7) });
    expect(c.gridsWithoutOrganization).toEqual({
      totalCount: 1,
      nodes: [{ gridCode: W12, gridName: '1号小区2号楼网格', gridLevel: 'SMALL', organizationId: null }],
    });
    expect(c.organizationsWithoutSecretary.totalCount).toBe(11);
    expect(codes(c.organizationsWithoutSecretary)).not.toContain(W12);
    expect(c.coverageRate).toBeCloseTo(13 / 14);
    // The other community is untouched.
    const east = await asAdmin({ gridId: grid[E] });
    expect(east).toMatchObject({ gridCount: 7, coverageRate: 1, leaderRate: 1 });
  });

  it('a grid leader sees only their subtree; another community is out of reach', async () => {
    const leader = await api.userToken({ login: 'cov-leader-w', role: 'GRID_LEADER', gridCodes: [W] });
    const mine = await coverage(leader);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.partyCoverage).toMatchObject({ gridCount: 7, gridsWithoutLeader: { totalCount: 1 } });
    expect(mine.data!.partyCoverage.levels.map((l) => l.grids)).toEqual([1, 2, 4]);
    expect(codes(mine.data!.partyCoverage.gridsWithoutOrganization)).toEqual([W12]);
    const east = await coverage(leader, { gridId: grid[E] });
    expect(east.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'gridId' });

    const compound = await api.userToken({ login: 'cov-leader-w1', role: 'GRID_LEADER', gridCodes: [W1] });
    const small = (await coverage(compound)).data!.partyCoverage;
    expect(small.gridCount).toBe(3);
    expect(small.levels.map((l) => l.grids)).toEqual([0, 1, 2]);
  });

  it('residents and unknown grids are refused', async () => {
    const resident = await api.userToken({
      login: 'cov-resident',
      role: 'RESIDENT',
      residentId: stableId(`${W11}/household/0/resident/1`),
    });
    expect((await coverage(resident)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await coverage(null)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unknown = await coverage(api.adminToken, { gridId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridId' });
  });
});
