import 'reflect-metadata';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

// The periodic sweeps share the counted DataSource: off, so that no tick lands inside a counted window.
process.env.CASE_SWEEP_MS = '0';

/*
 * The wall's party layer (partyMap) and the central households' links (setCentralHouseholdLinks) on the fixture street:
 * 2 communities × 2 compounds × 2 small grids, 2 households per small grid (8 per community), every grid covered.
 */

const W = '330106001001';
const E = '330106001002';
const W11 = `${W}0010001`;
const MAP = `query ($g: ID) { partyMap(gridId: $g) {
  grids { gridId level status organizationName secretaryName leaderName partyMembers }
  centralHouseholds { id householdId name lng lat linkedHouseholds }
  servicePosts { id name kind lng lat }
} }`;
const LINK = `mutation ($id: ID!, $ids: [ID!]!) { setCentralHouseholdLinks(organizationId: $id, householdIds: $ids) {
  id linkedHouseholds { id } } }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, read by path in each test
type Answer = GraphQLResponse<Record<string, any>>;

let api: TestApi;
const grid: Record<string, string> = {};
const household = (small: string, h: number) => stableId(`${small}/household/${h}`);
const westHouseholds = ['0010001', '0010002', '0020001', '0020002'].flatMap((s) => [household(`${W}${s}`, 0), household(`${W}${s}`, 1)]);
const eastHousehold = household(`${E}0010001`, 0);
let central: string;

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  for (const { id, code } of await api.db.dataSource.query(`SELECT id, code FROM grid`)) grid[code] = id;
  await api.db.dataSource.query(`UPDATE resident SET is_party_member = false WHERE household_id = $1`, [westHouseholds[1]]);
  const create = (householdId: string) =>
    admin(`mutation ($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { id parent { level } } }`, {
      input: { level: 'CENTRAL_HOUSEHOLD', householdId, name: '张居民中心户' },
    });
  const refused = await create(westHouseholds[1]);
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.householdId' });
  await api.db.dataSource.query(`UPDATE resident SET is_party_member = true WHERE household_id = $1`, [westHouseholds[0]]);
  const made = await create(westHouseholds[0]);
  expect(made.errors).toBeUndefined();
  expect(made.data!.createPartyOrganization.parent).toEqual({ level: 'BUILDING_GROUP' });
  central = made.data!.createPartyOrganization.id;
  await api.db.dataSource.query(
    `INSERT INTO party_service_post (street_id, grid_id, name, kind, point, hours)
     SELECT street_id, id, '红色1平米', 'RED_SQUARE_METRE', ST_PointOnSurface(geom), '9:00-17:00' FROM grid WHERE code = $1`,
    [W11],
  );
}, 120_000);
afterAll(() => api.close());

const admin = (query: string, variables?: Record<string, unknown>) => api.gql(query, variables) as Promise<Answer>;

describe('partyMap', () => {
  it('answers every grid with its coverage, the central households and service posts in one request', async () => {
    const res = await admin(MAP);
    expect(res.errors).toBeUndefined();
    const map = res.data!.partyMap;
    expect(map.grids).toHaveLength(14);
    expect(new Set(map.grids.map((g: { status: string }) => g.status))).toEqual(new Set(['COVERED']));
    const w11 = map.grids.find((g: { gridId: string }) => g.gridId === grid[W11]);
    expect(w11).toMatchObject({ level: 'SMALL', leaderName: expect.any(String), organizationName: expect.any(String) });
    expect(w11.partyMembers).toBeGreaterThanOrEqual(1);
    // Every grid's party members, at every level, are those of its whole subtree (counted here directly).
    const counted: { id: string; n: number }[] = await api.db.dataSource.query(
      `SELECT g.id, (SELECT count(*)::int FROM resident r
                      WHERE r.grid_path <@ g.path AND (r.is_party_member OR r.is_in_service_party_member)) AS n FROM grid g`,
    );
    const expected = new Map(counted.map((c) => [c.id, c.n]));
    for (const g of map.grids as { gridId: string; partyMembers: number }[])
      expect([g.gridId, g.partyMembers]).toEqual([g.gridId, expected.get(g.gridId)]);
    expect(new Set(map.grids.map((g: { level: string }) => g.level))).toEqual(new Set(['LARGE', 'MEDIUM', 'SMALL']));
    expect(map.centralHouseholds).toEqual([
      expect.objectContaining({ id: central, householdId: westHouseholds[0], linkedHouseholds: 0, lng: expect.any(Number) }),
    ]);
    expect(map.servicePosts).toEqual([expect.objectContaining({ name: '红色1平米', kind: 'RED_SQUARE_METRE' })]);
  });

  it('colours a grid by what it lacks: no leader, then neither', async () => {
    const [{ id: leader }] = await api.db.dataSource.query(`SELECT id FROM grid_leader WHERE grid_id = $1 AND role = 'LEADER'`, [
      grid[`${E}0020002`],
    ]);
    const ended = await admin(`mutation ($id: ID!) { endGridLeader(id: $id) { until } }`, { id: leader });
    expect(ended.errors).toBeUndefined();
    const status = async () =>
      (await admin(MAP, { g: grid[E] })).data!.partyMap.grids.find((g: { gridId: string }) => g.gridId === grid[`${E}0020002`]).status;
    expect(await status()).toBe('NO_LEADER');
    const [{ id: org }] = await api.db.dataSource.query(`SELECT id FROM party_organization WHERE grid_id = $1`, [grid[`${E}0020002`]]);
    expect((await admin(`mutation ($id: ID!) { dissolvePartyOrganization(id: $id) { id } }`, { id: org })).errors).toBeUndefined();
    expect(await status()).toBe('NEITHER');
  });

  it('a leader sees their subtree only; a resident is refused', async () => {
    const leader = await api.userToken({ login: 'map-leader-w', role: 'GRID_LEADER', gridCodes: [W] });
    const mine = await api.gqlAs(leader, MAP);
    expect(mine.errors).toBeUndefined();
    expect((mine.data as Answer['data'])!.partyMap.grids).toHaveLength(7);
    const resident = await api.userToken({
      login: 'map-resident',
      role: 'RESIDENT',
      residentId: stableId(`${W11}/household/0/resident/0`),
    });
    const refused = await api.gqlAs(resident, MAP);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('setCentralHouseholdLinks', () => {
  const bad = async (ids: string[], field: string, who?: string) => {
    const res = (await (who ? api.gqlAs(who, LINK, { id: central, ids }) : admin(LINK, { id: central, ids }))) as Answer;
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM central_household_link`);
    expect(n).toBe(0);
  };

  it('refuses too few, too many, unknown, duplicate, its own and another community’s households; writes nothing', async () => {
    await bad(westHouseholds.slice(1, 5), 'householdIds');
    await bad([...westHouseholds.slice(1), ...Array.from({ length: 9 }, (_, i) => stableId(`nothing/${i}`))], 'householdIds');
    await bad([...westHouseholds.slice(1, 5), stableId('nothing')], 'householdIds');
    await bad([...westHouseholds.slice(1, 5), westHouseholds[1]], 'householdIds');
    await bad(westHouseholds.slice(0, 5), 'householdIds');
    await bad([...westHouseholds.slice(1, 5), eastHousehold], 'householdIds');
    const [{ id: notCentral }] = await api.db.dataSource.query(`SELECT id FROM party_organization WHERE grid_id = $1`, [grid[W11]]);
    const res = await admin(LINK, { id: notCentral, ids: westHouseholds.slice(1, 6) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
  });

  it('sets and replaces the links; the household and the map show them', async () => {
    const res = await admin(LINK, { id: central, ids: westHouseholds.slice(1, 6) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.setCentralHouseholdLinks.linkedHouseholds).toHaveLength(5);
    const again = await admin(LINK, { id: central, ids: westHouseholds.slice(1, 8) });
    expect(again.data!.setCentralHouseholdLinks.linkedHouseholds).toHaveLength(7);
    const seen = await admin(`query ($id: ID!) { household(id: $id) { centralHousehold { id name } } }`, { id: westHouseholds[3] });
    expect(seen.data!.household.centralHousehold).toEqual({ id: central, name: '张居民中心户' });
    const own = await admin(`query ($id: ID!) { household(id: $id) { linkedHouseholds { id } } }`, { id: westHouseholds[0] });
    expect(own.data!.household.linkedHouseholds).toHaveLength(7);
    expect((await admin(MAP)).data!.partyMap.centralHouseholds[0].linkedHouseholds).toBe(7);
  });

  it('partyCoverage counts the street committee and the central households (linked 5 to 15 or not)', async () => {
    const res = await admin(`{ partyCoverage { streetCommittee streetCommitteeSecretary centralHouseholds centralHouseholdsLinked } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.partyCoverage).toMatchObject({ streetCommittee: true, centralHouseholds: 1, centralHouseholdsLinked: 1 });
    const east = await admin(`query ($g: ID) { partyCoverage(gridId: $g) { streetCommittee centralHouseholds } }`, { g: grid[E] });
    expect(east.data!.partyCoverage).toEqual({ streetCommittee: true, centralHouseholds: 0 });
  });

  it('reads a page of households with their central household and links in a fixed number of statements', async () => {
    const q = (first: number) => `{ households(first: ${first}) { nodes { id centralHousehold { name } linkedHouseholds { id } } } }`;
    const count = async (first: number) => {
      api.db.counter.reset();
      const res = await admin(q(first));
      expect(res.errors).toBeUndefined();
      return api.db.counter.count;
    };
    // Every household of the street (16, one central with 7 linked): the page, then one batch per loader
    // (links, organisations, own organisation, linked households) — not one per row.
    expect(await count(16)).toBeLessThanOrEqual(8);
  });

  it('the community’s leader may edit them; another community’s leader may not', async () => {
    const west = await api.userToken({ login: 'link-leader-w', role: 'GRID_LEADER', gridCodes: [W] });
    const ok = (await api.gqlAs(west, LINK, { id: central, ids: westHouseholds.slice(1, 6) })) as Answer;
    expect(ok.errors).toBeUndefined();
    const east = await api.userToken({ login: 'link-leader-e', role: 'GRID_LEADER', gridCodes: [E] });
    const no = (await api.gqlAs(east, LINK, { id: central, ids: westHouseholds.slice(2, 7) })) as Answer;
    expect(no.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM central_household_link`);
    expect(n).toBe(5);
  });
});
