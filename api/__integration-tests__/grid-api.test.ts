import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

// The fixture street: 2 communities side by side from lng 120.10 (0.01° each), each with
// 2 compounds stacked from lat 30.25 (0.01° each), each with 2 small grids (0.005° wide).
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const GRID_AT = `query ($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { code level name } }`;

describe('gridAt', () => {
  it('answers the chain SMALL → MEDIUM → LARGE for a point inside a small grid', async () => {
    // Second community (lng 120.11–120.12), second compound (lat 30.26–30.27), second small grid (lng 120.115–120.12).
    const res = await api.gql<{ gridAt: { code: string; level: string }[] }>(GRID_AT, { lng: 120.117, lat: 30.265 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.gridAt.map((g) => [g.level, g.code])).toEqual([
      ['SMALL', '3301060010020020002'],
      ['MEDIUM', '330106001002002'],
      ['LARGE', '330106001002'],
    ]);
  });

  it('answers an empty list outside the street', async () => {
    const res = await api.gql<{ gridAt: unknown[] }>(GRID_AT, { lng: 121, lat: 31 });
    expect(res.data!.gridAt).toEqual([]);
  });

  it('refuses a latitude out of range, naming the argument', async () => {
    const res = await api.gql(GRID_AT, { lng: 120, lat: 91 });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lat' });
  });
});

describe('grids and nested fields', () => {
  it('walks a grid to its parent, children, buildings, households and residents with masked personal data', async () => {
    const res = await api.gql<{ grid: Record<string, unknown> }>(`{
      grid(code: "330106001001001") {
        level name areaM2 geometry
        parent { code }
        children { code level }
        counts { children buildings households residents }
        leaders { name role }
        partyOrganization { level name parent { level } }
        buildings { name households { unit residents { name phone idNumber household { id } } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const grid = res.data!.grid as {
      level: string;
      areaM2: number;
      geometry: { type: string };
      parent: { code: string };
      children: { code: string }[];
      counts: Record<string, number>;
      leaders: { role: string }[];
      partyOrganization: { level: string; parent: { level: string } };
      buildings: { households: { residents: { phone: string; idNumber: string }[] }[] }[];
    };
    expect(grid.level).toBe('MEDIUM');
    expect(grid.geometry.type).toBe('MultiPolygon');
    // 0.01° × 0.01° at 30.25° N ≈ 1113 m × 962 m.
    expect(grid.areaM2).toBeGreaterThan(1.0e6);
    expect(grid.areaM2).toBeLessThan(1.1e6);
    expect(grid.parent.code).toBe('330106001001');
    expect(grid.children.map((c) => c.code)).toEqual(['3301060010010010001', '3301060010010010002']);
    expect(grid.counts).toEqual({ children: 2, buildings: 2, households: 4, residents: 8 });
    expect(grid.leaders[0].role).toBe('LEADER');
    expect(grid.partyOrganization).toMatchObject({ level: 'COMPOUND_BRANCH', parent: { level: 'COMMUNITY' } });
    const resident = grid.buildings[0].households[0].residents[0];
    expect(resident.phone).toMatch(/^138\*{4}\d{4}$/);
    expect(resident.idNumber).toMatch(/^330106\*{8}[\dX]{4}$/);
  });

  it('pages through grids of a level with a cursor and a total', async () => {
    const q = `query ($after: String) {
      grids(level: SMALL, first: 3, after: $after) { nodes { code } totalCount pageInfo { hasNextPage endCursor } }
    }`;
    type Page = { grids: { nodes: { code: string }[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const codes: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: { data?: Page } = await api.gql<Page>(q, { after });
      codes.push(...res.data!.grids.nodes.map((n) => n.code));
      expect(res.data!.grids.totalCount).toBe(8);
      if (!res.data!.grids.pageInfo.hasNextPage) break;
      after = res.data!.grids.pageInfo.endCursor;
    }
    expect(codes).toHaveLength(8);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(8);
  });

  it('filters grids by bbox and by an intersecting geometry', async () => {
    const byBBox = await api.gql<{ grids: { nodes: { code: string }[] } }>(
      `{ grids(level: LARGE, bbox: [120.101, 30.251, 120.102, 30.252]) { nodes { code } } }`,
    );
    expect(byBBox.data!.grids.nodes.map((n) => n.code)).toEqual(['330106001001']);
    const line = {
      type: 'Polygon',
      coordinates: [
        [
          [120.109, 30.255],
          [120.111, 30.255],
          [120.111, 30.256],
          [120.109, 30.256],
          [120.109, 30.255],
        ],
      ],
    };
    const byShape = await api.gql<{ grids: { nodes: { code: string }[] } }>(
      `query ($g: GeoJSON) { grids(level: LARGE, intersects: $g) { nodes { code } } }`,
      { g: line },
    );
    expect(byShape.data!.grids.nodes.map((n) => n.code)).toEqual(['330106001001', '330106001002']);
  });

  it('refuses a page larger than the maximum', async () => {
    const res = await api.gql(`query ($first: Int) { grids(first: $first) { totalCount } }`, { first: 100000 });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('buildings, households, residents', () => {
  it('finds buildings near a point and in a grid subtree', async () => {
    const near = await api.gql<{ buildings: { totalCount: number } }>(
      `{ buildings(near: { lng: 120.10125, lat: 30.2525, meters: 300 }) { totalCount } }`,
    );
    expect(near.data!.buildings.totalCount).toBeGreaterThanOrEqual(1);
    const large = await api.gql<{ grid: { id: string } }>(`{ grid(code: "330106001001") { id } }`);
    const inGrid = await api.gql<{ buildings: { totalCount: number } }>(`query ($id: ID) { buildings(gridId: $id) { totalCount } }`, {
      id: large.data!.grid.id,
    });
    expect(inGrid.data!.buildings.totalCount).toBe(4);
  });

  it('filters households by tag', async () => {
    const res = await api.gql<{ households: { totalCount: number; nodes: { tags: string[] }[] } }>(
      `{ households(tags: [ELDERLY_ALONE], first: 100) { totalCount nodes { tags } } }`,
    );
    expect(res.data!.households.totalCount).toBe(8);
    expect(res.data!.households.nodes.every((h) => h.tags.includes('ELDERLY_ALONE'))).toBe(true);
  });

  it('searches residents by name prefix and treats LIKE wildcards literally', async () => {
    const res = await api.gql<{ residents: { totalCount: number } }>(`{ residents(search: "张") { totalCount } }`);
    expect(res.data!.residents.totalCount).toBe(16);
    const wild = await api.gql<{ residents: { totalCount: number } }>(`{ residents(search: "%") { totalCount } }`);
    expect(wild.data!.residents.totalCount).toBe(0);
  });

  it('lists the party chain down to a small grid', async () => {
    const small = await api.gql<{ grid: { id: string } }>(`{ grid(code: "3301060010010010001") { id } }`);
    const res = await api.gql<{ partyOrganizations: { level: string }[] }>(
      `query ($id: ID!) { partyOrganizations(gridId: $id) { level } }`,
      { id: small.data!.grid.id },
    );
    expect(res.data!.partyOrganizations.map((o) => o.level)).toEqual([
      'STREET_COMMITTEE',
      'COMMUNITY',
      'COMPOUND_BRANCH',
      'BUILDING_GROUP',
    ]);
  });
});
