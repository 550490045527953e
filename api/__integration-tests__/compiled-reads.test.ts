import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { compiledReads } from '../src/platform/graphql/compiled-read';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

// The periodic sweeps share the counted DataSource: off, so that no tick lands inside a counted window.
process.env.CASE_SWEEP_MS = '0';

// Compiled reads (issue #15): a page's nodes built as JSON in the page's own statement. Each
// query below is answered twice, compiled and through the resolvers (the kill switch off), by
// each kind of caller: the answers must be the same, errors included.
const LARGE_WEST = '330106001001';
const SMALL_WEST = '3301060010010010001';
const HOME_RESIDENT = stableId(`${SMALL_WEST}/household/0/resident/0`);

let api: TestApi;
let communityId: string;
const as: Record<string, string> = {};
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  as.admin = api.adminToken;
  as.operator = await api.userToken({ login: 'operator', role: 'OPERATOR' });
  as.leader = await api.userToken({ login: 'leader', role: 'GRID_LEADER', gridCodes: [LARGE_WEST] });
  as.smallLeader = await api.userToken({ login: 'small-leader', role: 'GRID_LEADER', gridCodes: [SMALL_WEST] });
  as.resident = await api.userToken({ login: 'resident', role: 'RESIDENT', residentId: HOME_RESIDENT });
  // A department that may read cases but not grids: every case's grid is hidden from it.
  const key = await api.gql<{ createApiKey: { key: string } }>(
    `mutation { createApiKey(input: { name: "cases only", department: "城管", scopes: ["Case"], ratePerMinute: 10000 }) { key } }`,
  );
  as.casesOnly = `ApiKey ${key.data!.createApiKey.key}`;
  const community = await api.gql<{ grid: { id: string } }>(`{ grid(code: "${LARGE_WEST}") { id } }`);
  communityId = community.data!.grid.id;
  const points = [
    [120.102, 30.252],
    [120.107, 30.252],
    [120.102, 30.2525],
    [120.1075, 30.2515],
  ];
  for (const [i, [lng, lat]] of points.entries()) {
    const res = await api.gql(
      `mutation ($input: ReportCaseInput!, $actor: ActorInput!) { reportCase(input: $input, actor: $actor) { created } }`,
      {
        input: {
          clientKey: `compiled-${i}`,
          category: i % 2 ? 'OTHER' : 'ENVIRONMENT',
          source: 'GRID_PATROL',
          lng,
          lat,
          description: `案件${i}`,
        },
        actor: { role: 'GRID_LEADER', name: '网格长' },
      },
    );
    expect(res.errors).toBeUndefined();
  }
});
afterAll(() => {
  compiledReads.enabled = true;
  return api.close();
});

async function both(who: string, query: string, variables?: Record<string, unknown>) {
  compiledReads.enabled = true;
  api.db.counter.reset(true);
  const compiled = await api.gqlAs(as[who], query, variables);
  const statements = [...api.db.counter.statements];
  compiledReads.enabled = false;
  const resolved = await api.gqlAs(as[who], query, variables);
  compiledReads.enabled = true;
  return { compiled, resolved, statements };
}

const QUERIES: [string, string][] = [
  [
    'households with building and residents',
    `{ households(first: 20) { totalCount pageInfo { hasNextPage endCursor }
        nodes { __typename id unit room address size tags version updatedAt buildingId
                building { id name address floors units gridId updatedAt }
                residents { id name birthYear gender relation isPartyMember isVolunteer householdId updatedAt } } } }`,
  ],
  [
    'aliases, fragments and a nested household',
    `fragment R on Resident { name household { room building { name } } }
     { households(first: 7, tags: []) { nodes { a: id ... on Household { room } residents { ...R } } } }`,
  ],
  [
    'a building with its households and their residents',
    `{ households(first: 3) { nodes { building { name households { room residents { name } } } } } }`,
  ],
  [
    'cases with their grid and its parents',
    `{ cases(first: 50, order: NEWEST) { totalCount
        nodes { id status category priority source description reportedAt dueAt closedAt gridId
                grid { code name level areaM2 parent { code parent { code } } } } } }`,
  ],
  [
    "a community's tree with its subtree counts",
    `{ grid(code: "${LARGE_WEST}") { code name level areaM2 version counts { children buildings households residents }
        children { code parentId counts { buildings } children { code counts { buildings residents } parent { code } } } } }`,
  ],
  [
    'a small grid by code, with its parents',
    `{ grid(code: "${SMALL_WEST}") { id code parent { code parent { code name } } counts { households } } }`,
  ],
  [
    'residents by name, with their household and building',
    `{ residents(first: 10, search: "张") { totalCount
        nodes { id name birthYear isVolunteer household { room building { name grid { code } } } } } }`,
  ],
  [
    "buildings of a community's subtree, with households",
    `query ($grid: ID) { buildings(first: 5, gridId: $grid) { nodes { id name floors grid { code } households { room size } } } }`,
  ],
  [
    'medium grids with shapes, counts and parents, a second page',
    `{ grids(level: MEDIUM, first: 2, after: "MzMwMTA2MDAxMDAxMDAx") { totalCount pageInfo { endCursor hasNextPage }
        nodes { id code name geometry labelPoint areaM2 counts { buildings residents } parent { code } } } }`,
  ],
  ['cases, urgent first', `{ cases(first: 3, order: URGENT) { pageInfo { endCursor hasNextPage } nodes { id status grid { code } } } }`],
  [
    "the map's click: the grids at a point with their counts and current leaders (the web's GridAt)",
    `{ gridAt(lng: 120.102, lat: 30.252) { id code name level areaM2 counts { buildings households residents }
        leaders { id name role since until gridId } } }`,
  ],
  [
    'the grids at a point, with shapes and counts',
    `{ gridAt(lng: 120.102, lat: 30.252) { id code name level geometry labelPoint counts { buildings households } parent { code } } }`,
  ],
];

describe('a compiled read answers what the resolvers answer', () => {
  const who = ['admin', 'operator', 'leader', 'smallLeader', 'resident', 'casesOnly'];
  it.each(QUERIES.flatMap(([name, query]) => who.map((w) => [name, w, query] as const)))('%s, as %s', async (_name, w, query) => {
    const { compiled, resolved, statements } = await both(w, query, { grid: communityId });
    expect(compiled).toEqual(resolved);
    // It was compiled: the page's statement built the nodes.
    expect(statements.filter((s) => s.includes('json_build_object'))).toHaveLength(1);
  });

  it('follows a cursor to the same next page', async () => {
    for (const order of ['OLDEST', 'NEWEST', 'URGENT']) {
      const page = `query ($after: String) {
        cases(first: 2, after: $after, order: ${order}) { pageInfo { endCursor } nodes { id grid { code } } } }`;
      const first = await both('admin', page);
      expect(first.compiled).toEqual(first.resolved);
      const after = (first.compiled.data as { cases: { pageInfo: { endCursor: string } } }).cases.pageInfo.endCursor;
      const second = await both('admin', page, { after });
      expect(second.compiled).toEqual(second.resolved);
      expect((second.compiled.data as { cases: { nodes: unknown[] } }).cases.nodes.length).toBeGreaterThan(0);
    }
  });

  it('answers null for a grid that does not exist, is hidden, or whose id is not an id', async () => {
    for (const [who, args] of [
      ['admin', 'code: "330106999999"'],
      ['admin', 'id: "not-an-id"'],
      ['admin', 'id: "00000000-0000-0000-0000-000000000000"'],
      ['smallLeader', 'code: "330106001002"'],
    ]) {
      const { compiled, resolved } = await both(who, `{ grid(${args}) { code children { code } } }`);
      expect(compiled).toEqual({ data: { grid: null } });
      expect(resolved).toEqual(compiled);
    }
  });

  it('answers NOT_FOUND for a hidden non-null relation, as the resolver does', async () => {
    const { compiled, resolved } = await both('casesOnly', '{ cases(first: 2) { nodes { id grid { code } } } }');
    expect(compiled.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(compiled).toEqual(resolved);
  });
});

describe('what compiles, in how many statements', () => {
  function nodes(res: GraphQLResponse): unknown[] {
    return (Object.values(res.data!)[0] as { nodes: unknown[] }).nodes;
  }

  it('a page of households with buildings and residents: one statement', async () => {
    const { compiled, statements } = await both('admin', QUERIES[0][1].replace('totalCount', ''));
    expect(nodes(compiled).length).toBe(16); // the fixture's households
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('json_build_object');
  });

  it("a community's tree to its small grids with their counts: one statement", async () => {
    const { compiled, statements } = await both('admin', QUERIES[4][1]);
    expect((compiled.data as { grid: { children: unknown[] } }).grid.children).toHaveLength(2);
    expect(statements).toHaveLength(1);
  });

  it('the grids at a point with their shapes: one statement that builds them', async () => {
    const { compiled, statements } = await both('admin', `{ gridAt(lng: 120.102, lat: 30.252) { id code name level geometry } }`);
    expect((compiled.data as { gridAt: { level: string }[] }).gridAt.map((g) => g.level)).toEqual(['SMALL', 'MEDIUM', 'LARGE']);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('json_build_object');
    expect(statements[0]).not.toMatch(/label_point|updated_at/);
  });

  it("the map's click, with counts and leaders, in one statement", async () => {
    const { compiled, statements } = await both('admin', QUERIES.find(([name]) => name.startsWith("the map's click"))![1]);
    const chain = (compiled.data as { gridAt: { leaders: { name: string }[] }[] }).gridAt;
    expect(chain).toHaveLength(3);
    expect(chain.flatMap((g) => g.leaders).length).toBeGreaterThan(0);
    expect(statements).toHaveLength(1);
  });

  it("a grid's building count is its subtree's, a small grid's by its id", async () => {
    const res = await api.gql<{ grids: { nodes: { code: string; level: string; counts: { buildings: number } }[] } }>(
      `{ grids(first: 200) { nodes { code level counts { buildings } } } }`,
    );
    const byPath: { code: string; n: number }[] = await api.db.dataSource.query(
      `SELECT g.code, (SELECT count(*) FROM building b WHERE b.grid_path <@ g.path)::int AS n FROM grid g`,
    );
    const counted = new Map(res.data!.grids.nodes.map((g) => [g.code, g.counts.buildings]));
    expect(counted.size).toBe(byPath.length);
    for (const { code, n } of byPath) expect([code, counted.get(code)]).toEqual([code, n]);
    expect(res.data!.grids.nodes.filter((g) => g.level === 'SMALL' && g.counts.buildings > 0).length).toBeGreaterThan(0);
    // The small grids' counts take the btree probe, the others the path's.
    const { statements } = await both('admin', `{ grids(first: 200) { nodes { code counts { buildings } } } }`);
    expect(statements[0]).toMatch(
      /CASE WHEN "g"\."level" = 'SMALL' THEN \(SELECT count\(\*\) FROM "building" \w+ WHERE \w+\.grid_id = "g"\."id"/,
    );
  });

  it('a page of cases with their grids: one statement, the grid only as selected', async () => {
    const { compiled, statements } = await both('leader', '{ cases(first: 50) { nodes { id grid { code } } } }');
    expect(nodes(compiled).length).toBeGreaterThan(0);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/ST_AsGeoJSON|"name"/);
  });

  it('a field a resolver computes (a masked phone, an audited personal read) is read by the resolvers', async () => {
    const query = `{ households(first: 2) { nodes { residents { name phone personal(reason: "核实身份") { phone } } } } }`;
    const before = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM personal_data_access`);
    const { compiled, resolved, statements } = await both('admin', query);
    expect(compiled).toEqual(resolved);
    expect(statements.some((s) => s.includes('json_build_object'))).toBe(false);
    const phones = (compiled.data as { households: { nodes: { residents: { phone: string }[] }[] } }).households.nodes.flatMap((h) =>
      h.residents.map((r) => r.phone),
    );
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((p) => p.includes('****'))).toBe(true);
    const after = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM personal_data_access`);
    expect(after[0].n).toBeGreaterThan(before[0].n);
  });

  it('the same field under two aliases is read by the resolvers', async () => {
    const query = `{ households(first: 2) { nodes { b: building { name } c: building { address } } } }`;
    const { compiled, resolved, statements } = await both('admin', query);
    expect(compiled).toEqual(resolved);
    expect(statements.some((s) => s.includes('json_build_object'))).toBe(false);
  });
});
