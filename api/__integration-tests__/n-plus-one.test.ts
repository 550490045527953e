import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

// 5 communities × 5 compounds × 2 small grids = 50 small grids, 50 buildings, 100 households, 200 residents.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet({ large: 5, medium: 5, small: 2 }));
});
afterAll(() => api.close());

const NESTED = `query ($first: Int!) {
  grids(level: SMALL, first: $first) {
    nodes {
      code
      parent { code parent { code } }
      counts { residents }
      leaders { name }
      partyOrganization { name }
      buildings { name grid { code } households { room residents { name household { room } } } }
    }
  }
}`;

async function statementsFor(first: number): Promise<{ statements: number; residents: number }> {
  api.db.counter.reset();
  const res = await api.gql<{ grids: { nodes: { buildings: { households: { residents: unknown[] }[] }[] }[] } }>(NESTED, { first });
  expect(res.errors).toBeUndefined();
  const residents = res.data!.grids.nodes.flatMap((g) => g.buildings.flatMap((b) => b.households.flatMap((h) => h.residents))).length;
  return { statements: api.db.counter.count, residents };
}

describe('statement count of a nested query', () => {
  it('does not grow with the number of rows (50 grids → buildings → households → residents)', async () => {
    const small = await statementsFor(2);
    const large = await statementsFor(50);
    expect(small.residents).toBe(8);
    expect(large.residents).toBe(200);
    expect(large.statements).toBe(small.statements);
    // page, parents (2 levels), counts, leaders, party orgs, building ids + rows, households, residents.
    expect(large.statements).toBeLessThanOrEqual(12);
  });
});

describe('totalCount', () => {
  const page = (withTotal: boolean) => `{ households(first: 20) { nodes { id } ${withTotal ? 'totalCount' : ''} } }`;
  async function statements(query: string): Promise<{ statements: number; body: Record<string, unknown> }> {
    api.db.counter.reset();
    const res = await api.gql<{ households: Record<string, unknown> }>(query);
    expect(res.errors).toBeUndefined();
    return { statements: api.db.counter.count, body: res.data!.households };
  }

  it('is counted only when the query selects it: one statement fewer without it', async () => {
    const without = await statements(page(false));
    const withTotal = await statements(page(true));
    expect(without.body.totalCount).toBeUndefined();
    expect(withTotal.body.totalCount).toBe(100);
    expect(withTotal.statements).toBe(without.statements + 1);
  });

  it('is counted once however often the query names it', async () => {
    const once = await statements(page(true));
    const aliased = await statements('{ households(first: 20) { a: totalCount b: totalCount nodes { id } } }');
    expect(aliased.body).toMatchObject({ a: 100, b: 100 });
    expect(aliased.statements).toBe(once.statements);
  });
});

describe('grid counts', () => {
  const countsOf = async (selection: string) => {
    api.db.counter.reset(true);
    const res = await api.gql<{ grids: { nodes: { counts: Record<string, number> }[] } }>(
      `{ grids(level: LARGE, first: 5) { nodes { counts { ${selection} } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const sql = api.db.counter.statements.filter((s) => s.includes('count(*)')).join('\n');
    return { counts: res.data!.grids.nodes.map((n) => n.counts), sql };
  };

  it('computes only the counts a query asks for, each over the indexed grid path', async () => {
    const one = await countsOf('buildings');
    expect(one.counts).toEqual(Array(5).fill({ buildings: 10 }));
    expect(one.sql).toContain('FROM building b WHERE b.grid_path <@ t.path');
    for (const table of ['resident', 'household', 'grid c']) expect(one.sql).not.toContain(`FROM ${table}`);
    const all = await countsOf('children buildings households residents');
    expect(all.counts).toEqual(Array(5).fill({ children: 5, buildings: 10, households: 20, residents: 40 }));
    expect(all.sql).not.toMatch(/JOIN/);
  });

  it('answers aliases and fragments alike', async () => {
    const { counts } = await countsOf('b: buildings ... on GridCounts { residents }');
    expect(counts).toEqual(Array(5).fill({ b: 10, residents: 40 }));
  });
});
