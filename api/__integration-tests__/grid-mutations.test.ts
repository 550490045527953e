import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  // One community only, so the east half of the street (lng 120.11–120.12) is free for new grids.
  const street = fixtureStreet({ large: 1 });
  street.street.geometry = {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [120.1, 30.25],
          [120.12, 30.25],
          [120.12, 30.27],
          [120.1, 30.27],
          [120.1, 30.25],
        ],
      ],
    ],
  };
  api = await startTestApi(street);
});
afterAll(() => api.close());

const CREATE = `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id code level areaM2 version parent { code } } }`;
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

async function gridCount(): Promise<number> {
  const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM grid`);
  return n;
}

describe('createGrid', () => {
  it('creates a large grid inside the street, computing its area', async () => {
    const res = await api.gql<{ createGrid: { code: string; areaM2: number; version: number } }>(CREATE, {
      input: { code: '330106001002', name: '新社区', level: 'LARGE', geometry: square(120.11, 30.25, 120.12, 30.27) },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createGrid).toMatchObject({ code: '330106001002', version: 1 });
    expect(res.data!.createGrid.areaM2).toBeGreaterThan(2.0e6);
  });

  it('refuses a self-intersecting polygon with the reason, and writes nothing', async () => {
    const before = await gridCount();
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [120.111, 30.251],
          [120.119, 30.259],
          [120.119, 30.251],
          [120.111, 30.259],
          [120.111, 30.251],
        ],
      ],
    };
    const res = await api.gql(CREATE, { input: { code: '330106001002001', name: '蝴蝶', level: 'MEDIUM', geometry: bowtie } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.geometry' });
    expect(res.errors![0].message).toMatch(/crosses itself/);
    expect(res.errors![0].extensions).toMatchObject({ geoReason: 'SELF_INTERSECTION' });
    const [lng, lat] = res.errors![0].extensions!.location as number[];
    expect(lng).toBeCloseTo(120.115, 9);
    expect(lat).toBeCloseTo(30.255, 9);
    expect(await gridCount()).toBe(before);
  });

  it("answers PostGIS's ST_IsValidReason for what only the database catches", async () => {
    const before = await gridCount();
    const holeOutside = {
      type: 'Polygon',
      coordinates: [
        [
          [120.111, 30.251],
          [120.115, 30.251],
          [120.115, 30.255],
          [120.111, 30.255],
          [120.111, 30.251],
        ],
        [
          [120.116, 30.256],
          [120.116, 30.257],
          [120.117, 30.257],
          [120.117, 30.256],
          [120.116, 30.256],
        ],
      ],
    };
    const res = await api.gql(CREATE, { input: { code: '330106001002001', name: '洞', level: 'MEDIUM', geometry: holeOutside } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.geometry', geoReason: 'INVALID' });
    expect(res.errors![0].message).toMatch(/Hole lies outside shell/);
    expect(await gridCount()).toBe(before);
  });

  it('refuses a child that sticks out of its parent', async () => {
    const res = await api.gql(CREATE, {
      input: { code: '330106001002001', name: '越界', level: 'MEDIUM', geometry: square(120.105, 30.25, 120.115, 30.26) },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.geometry' });
    expect(res.errors![0].message).toMatch(/outside its parent/);
  });

  it('refuses an overlap with a grid of the same level, naming it and the area', async () => {
    const ok = await api.gql(CREATE, {
      input: { code: '330106001002001', name: '南区', level: 'MEDIUM', geometry: square(120.11, 30.25, 120.12, 30.26) },
    });
    expect(ok.errors).toBeUndefined();
    const res = await api.gql(CREATE, {
      input: { code: '330106001002002', name: '重叠', level: 'MEDIUM', geometry: square(120.11, 30.255, 120.12, 30.265) },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.geometry', overlapsCode: '330106001002001' });
    expect(res.errors![0].extensions!.overlapM2 as number).toBeGreaterThan(5e5);
  });

  it('accepts a sibling that only shares an edge', async () => {
    const res = await api.gql(CREATE, {
      input: { code: '330106001002002', name: '北区', level: 'MEDIUM', geometry: square(120.11, 30.26, 120.12, 30.27) },
    });
    expect(res.errors).toBeUndefined();
  });

  it('refuses a duplicate code, a code of the wrong level, and an unclosed ring', async () => {
    const dup = await api.gql(CREATE, {
      input: { code: '330106001002', name: 'x', level: 'LARGE', geometry: square(120.11, 30.25, 120.12, 30.27) },
    });
    expect(dup.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const wrongLevel = await api.gql(CREATE, {
      input: { code: '330106001002', name: 'x', level: 'SMALL', geometry: square(120.11, 30.25, 120.12, 30.27) },
    });
    expect(wrongLevel.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const unclosed = {
      type: 'Polygon',
      coordinates: [
        [
          [120.11, 30.25],
          [120.12, 30.25],
          [120.12, 30.26],
          [120.11, 30.26],
        ],
      ],
    };
    const open = await api.gql(CREATE, { input: { code: '3301060010020010001', name: 'x', level: 'SMALL', geometry: unclosed } });
    expect(open.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.geometry' });
  });
});

describe('updateGrid', () => {
  it('renames with the current version and answers CONFLICT for a stale one', async () => {
    const { data } = await api.gql<{ grid: { id: string; version: number } }>(`{ grid(code: "330106001002001") { id version } }`);
    const update = `mutation ($id: ID!, $input: UpdateGridInput!) { updateGrid(id: $id, input: $input) { name version } }`;
    const first = await api.gql<{ updateGrid: { name: string; version: number } }>(update, {
      id: data!.grid.id,
      input: { name: '南苑', version: data!.grid.version },
    });
    expect(first.data!.updateGrid).toEqual({ name: '南苑', version: data!.grid.version + 1 });
    const stale = await api.gql(update, { id: data!.grid.id, input: { name: '旧名', version: data!.grid.version } });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
    const after = await api.gql<{ grid: { name: string } }>(`{ grid(code: "330106001002001") { name } }`);
    expect(after.data!.grid.name).toBe('南苑');
  });

  it('refuses a new boundary that would leave a child outside', async () => {
    const { data } = await api.gql<{ grid: { id: string; version: number } }>(`{ grid(code: "330106001001") { id version } }`);
    const res = await api.gql(`mutation ($id: ID!, $input: UpdateGridInput!) { updateGrid(id: $id, input: $input) { version } }`, {
      id: data!.grid.id,
      input: { geometry: square(120.1, 30.25, 120.11, 30.26), version: data!.grid.version },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.geometry' });
    expect(res.errors![0].message).toMatch(/child grid 330106001001002/);
  });
});

describe('buildings, households and residents', () => {
  it('creates a building inside a small grid, a household and a resident, and refuses bad personal data', async () => {
    const small = await api.gql<{ grid: { id: string } }>(`{ grid(code: "3301060010010010001") { id } }`);
    const b = await api.gql<{ createBuilding: { id: string; grid: { code: string } } }>(
      `mutation ($input: CreateBuildingInput!) { createBuilding(input: $input) { id grid { code } } }`,
      {
        input: {
          gridId: small.data!.grid.id,
          name: '新楼',
          address: '示例路9号',
          floors: 5,
          units: 2,
          footprint: square(120.1001, 30.2501, 120.1002, 30.2502),
        },
      },
    );
    expect(b.errors).toBeUndefined();
    const h = await api.gql<{ createHousehold: { id: string; address: string } }>(
      `mutation ($input: CreateHouseholdInput!) { createHousehold(input: $input) { id address } }`,
      { input: { buildingId: b.data!.createBuilding.id, unit: 1, room: '202', size: 1, tags: ['DISABLED'] } },
    );
    expect(h.data!.createHousehold.address).toBe('示例路9号 1单元 202室');
    const badUnit = await api.gql(`mutation ($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }`, {
      input: { buildingId: b.data!.createBuilding.id, unit: 3, room: '202', size: 1 },
    });
    expect(badUnit.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.unit' });
    const createResident = `mutation ($input: CreateResidentInput!) { createResident(input: $input) { id phone } }`;
    const base = { householdId: h.data!.createHousehold.id, name: '赵六', gender: 'MALE', birthYear: 1960, relation: 'HOUSEHOLDER' };
    const badId = await api.gql(createResident, { input: { ...base, idNumber: '330106196001011234' } });
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    expect(badId.errors![0].message).not.toContain('330106196001011234');
    const ok = await api.gql<{ createResident: { phone: string } }>(createResident, { input: { ...base, phone: '13900001111' } });
    expect(ok.data!.createResident.phone).toBe('139****1111');
  });

  it('refuses a building outside its small grid and one placed in a medium grid', async () => {
    const small = await api.gql<{ grid: { id: string } }>(`{ grid(code: "3301060010010010001") { id } }`);
    const medium = await api.gql<{ grid: { id: string } }>(`{ grid(code: "330106001001001") { id } }`);
    const mutation = `mutation ($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }`;
    const outside = await api.gql(mutation, {
      input: {
        gridId: small.data!.grid.id,
        name: 'x',
        address: 'x',
        floors: 1,
        units: 1,
        footprint: square(120.108, 30.251, 120.109, 30.252),
      },
    });
    expect(outside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.footprint' });
    const wrongLevel = await api.gql(mutation, {
      input: {
        gridId: medium.data!.grid.id,
        name: 'x',
        address: 'x',
        floors: 1,
        units: 1,
        footprint: square(120.1001, 30.2501, 120.1002, 30.2502),
      },
    });
    expect(wrongLevel.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridId' });
  });
});
