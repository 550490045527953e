import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

async function post(body: unknown, raw?: string): Promise<{ status: number; json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null }> {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: api.adminToken }, body: raw ?? JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (e.g. 413 from the body parser)
  }
  return { status: res.status, json };
}

async function residentCount(): Promise<number> {
  const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM resident`);
  return n;
}

describe('limits on what one request may ask', () => {
  it('refuses a query nested deeper than the limit', async () => {
    let selection = 'code';
    for (let i = 0; i < 15; i++) selection = `parent { ${selection} }`;
    const { json } = await post({ query: `{ grids(first: 1) { nodes { ${selection} } } }` });
    expect(json!.data).toBeUndefined();
    expect(json!.errors![0].message).toMatch(/depth/i);
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: grids(first: 1) { totalCount }`).join(' ');
    const { json } = await post({ query: `{ ${aliases} }` });
    expect(json!.data).toBeUndefined();
    expect(json!.errors![0].message).toMatch(/alias/i);
  });

  it('refuses batched requests', async () => {
    const { status, json } = await post([{ query: '{ streets { code } }' }, { query: '{ streets { code } }' }]);
    expect(status).toBe(400);
    expect(JSON.stringify(json ?? '')).not.toContain('330106001');
  });

  it('refuses a body over 2 MB', async () => {
    const big = JSON.stringify({ query: `{ streets { code } }`, variables: { pad: 'x'.repeat(3 * 1024 * 1024) } });
    const { status } = await post(null, big);
    expect(status).toBe(413);
  });
});

describe('injection strings in every filter', () => {
  const evil = [`'; DROP TABLE resident; --`, `%' OR '1'='1`, `\\'; SELECT pg_sleep(5); --`, `<script>alert(1)</script>`, `$1`];

  it.each(evil)('treats %j as data: no match, no error leak, nothing changed', async (s) => {
    const before = await residentCount();
    const byName = await post({ query: `query ($s: String) { residents(search: $s) { totalCount } }`, variables: { s } });
    expect(byName.json!.data).toEqual({ residents: { totalCount: 0 } });
    const byCode = await post({ query: `query ($c: String) { grid(code: $c) { id } }`, variables: { c: s } });
    expect(byCode.json!.data).toEqual({ grid: null });
    const byCursor = await post({ query: `query ($a: String) { grids(after: $a) { totalCount } }`, variables: { a: s } });
    expect(byCursor.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await residentCount()).toBe(before);
  });

  it('refuses malformed spatial arguments with the field named', async () => {
    const bbox = await post({ query: `{ grids(bbox: [120.2, 30, 120.1, 31]) { totalCount } }` });
    expect(bbox.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bbox' });
    const near = await post({ query: `{ buildings(near: { lng: 120.1, lat: 30.25, meters: 1e9 }) { totalCount } }` });
    expect(near.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'near.meters' });
    const shape = await post({ query: `query ($g: GeoJSON) { grids(intersects: $g) { totalCount } }`, variables: { g: { type: 'Polygon', coordinates: 'nope' } } });
    expect(shape.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'intersects' });
  });
});

describe('malformed ids', () => {
  it('finds nothing for a non-uuid id and refuses a malformed filter id as bad input', async () => {
    const byId = await post({ query: `{ grid(id: "not-a-uuid") { code } building(id: "1") { name } }` });
    expect(byId.json!.errors).toBeUndefined();
    expect(byId.json!.data).toEqual({ grid: null, building: null });
    const byFilter = await post({ query: `{ buildings(gridId: "zzz") { totalCount } }` });
    expect(byFilter.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(byFilter.json!.errors![0].message).not.toMatch(/syntax|uuid =|SELECT/);
  });
});

describe('huge and malformed geometries', () => {
  it('refuses a polygon over the vertex limit before it reaches the database, and writes nothing', async () => {
    const ring: number[][] = [];
    const n = 120_000;
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ring.push([120.105 + 0.001 * Math.cos(a), 30.255 + 0.001 * Math.sin(a)]);
    }
    ring.push(ring[0]);
    const before = (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM grid`))[0].n;
    const { status, json } = await post({
      query: `mutation ($g: GeoJSON!) { createGrid(input: { code: "330106001003", name: "巨", level: LARGE, geometry: $g }) { id } }`,
      variables: { g: { type: 'Polygon', coordinates: [ring] } },
    });
    // Over 2 MB the body parser refuses it (413); under, the vertex limit does (BAD_USER_INPUT).
    if (status === 413) expect(json!.errors![0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    else expect(json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.geometry' });
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM grid`))[0].n).toBe(before);
  });

  it.each([
    ['a string', '"POLYGON((0 0,1 0,1 1,0 0))"'],
    ['an unknown type', '{ "type": "Circle", "coordinates": [0, 0] }'],
    ['rings that are not arrays', '{ "type": "Polygon", "coordinates": [1, 2, 3] }'],
    ['latitudes beyond 90', '{ "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 95], [0, 0]]] }'],
    ['too few positions', '{ "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]] }'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, geometry) => {
    const { json } = await post({
      query: `mutation ($g: GeoJSON!) { createGrid(input: { code: "330106001003", name: "x", level: LARGE, geometry: $g }) { id } }`,
      variables: { g: JSON.parse(geometry) },
    });
    expect(json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(json!.data ?? null).toBeNull();
  });
});
