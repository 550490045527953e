import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

// Photos of this file's reports land here (read by every request's CaseService).
const STORAGE = mkdtempSync(join(tmpdir(), 'sg-hardening-photos-'));
process.env.STORAGE_DIR = STORAGE;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

async function post(
  body: unknown,
  raw?: string,
): Promise<{ status: number; json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null }> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: api.adminToken },
    body: raw ?? JSON.stringify(body),
  });
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

describe('client mistakes on the development server', () => {
  const ask = async (authorization: string | null, body: unknown) => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
  };

  it.each([
    ['a wrong password', null, { query: `mutation { login(login: "test-admin", password: "wrong") { accessToken } }` }, 'UNAUTHENTICATED'],
    ['a malformed Authorization header', 'Token abc', { query: '{ streets { code } }' }, 'UNAUTHENTICATED'],
    ['an expired or forged token', 'Bearer not.a.jwt', { query: '{ streets { code } }' }, 'UNAUTHENTICATED'],
    ['a field that does not exist', undefined, { query: '{ streets { nope } }' }, 'GRAPHQL_VALIDATION_FAILED'],
  ])('answer %s with a message and a code, without a stack trace', async (_, authorization, body, code) => {
    const { json } = await ask(authorization === undefined ? api.adminToken : authorization, body);
    expect(json.errors).toHaveLength(1);
    expect(json.errors![0].message.length).toBeGreaterThan(0);
    expect(json.errors![0].extensions?.code).toBe(code);
    expect(json.errors![0].extensions).not.toHaveProperty('stacktrace');
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
    const shape = await post({
      query: `query ($g: GeoJSON) { grids(intersects: $g) { totalCount } }`,
      variables: { g: { type: 'Polygon', coordinates: 'nope' } },
    });
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

const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { created case { id } } }`;
const reportInput = (over: Record<string, unknown> = {}) => ({
  clientKey: `hardening-${Math.random()}`,
  category: 'ENVIRONMENT',
  source: 'RESIDENT',
  lng: 120.102,
  lat: 30.255,
  description: '积水',
  ...over,
});

describe('idempotency keys belong to their reporter', () => {
  it('makes a new case for another caller’s key, and answers each reporter’s retry with their own case', async () => {
    const residentWest = await api.userToken({
      login: 'key-west',
      role: 'RESIDENT',
      residentId: stableId('3301060010010010001/household/0/resident/0'),
    });
    const residentEast = await api.userToken({
      login: 'key-east',
      role: 'RESIDENT',
      residentId: stableId('3301060010020020002/household/1/resident/1'),
    });
    // The leader of the community where the first case lies: they can see it.
    const leader = await api.userToken({ login: 'key-leader', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
    type Reported = { reportCase: { created: boolean; case: { id: string } } };
    const input = reportInput({ clientKey: 'shared-key' });

    const first = await api.gqlAs<Reported>(residentWest, REPORT, { input });
    expect(first.data!.reportCase.created).toBe(true);
    const other = await api.gqlAs<Reported>(residentEast, REPORT, { input });
    expect(other.errors).toBeUndefined();
    expect(other.data!.reportCase.created).toBe(true);
    expect(other.data!.reportCase.case.id).not.toBe(first.data!.reportCase.case.id);
    const seen = await api.gqlAs<Reported>(leader, REPORT, { input });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.reportCase.created).toBe(true);
    expect(seen.data!.reportCase.case.id).not.toBe(first.data!.reportCase.case.id);

    const retry = await api.gqlAs<Reported>(residentWest, REPORT, { input });
    expect(retry.data!.reportCase).toEqual({ created: false, case: { id: first.data!.reportCase.case.id } });
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM "case" WHERE client_key = 'shared-key'`);
    expect(n).toBe(3);
  });
});

describe('bad input never becomes a 500', () => {
  it.each([
    ['a NUL byte', 'a\u0000b'],
    ['text blank after trimming (zero-width spaces)', '\u200b \u200b\ufeff'],
  ])('refuses %s in a text field with BAD_USER_INPUT naming the field', async (_name, bad) => {
    for (const field of ['description', 'clientKey', 'address']) {
      const { status, json } = await post({ query: REPORT, variables: { input: reportInput({ [field]: bad }) } });
      expect(status).toBe(200);
      expect(json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }
    const search = await post({ query: `query ($s: String) { residents(search: $s) { totalCount } }`, variables: { s: bad } });
    expect(search.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    const key = await post({
      query: `mutation ($n: String!) { createApiKey(input: { name: $n, department: "x", scopes: ["Grid"] }) { key } }`,
      variables: { n: bad },
    });
    expect(key.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('answers a malformed JSON body with a JSON 400: no HTML, no stack', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: api.adminToken },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.text();
    expect(JSON.parse(body).errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(body).not.toMatch(/<html|at JSON\.parse|node_modules/i);
  });

  it('answers parse and validation failures with 400, not 500', async () => {
    const syntax = await post({ query: '{ streets { ' });
    expect(syntax.status).toBe(400);
    expect(syntax.json!.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
    const tokens = await post({ query: `{ ${'streets { code } '.repeat(1500)}}` });
    expect(tokens.status).toBe(400);
    const unknown = await post({ query: '{ streets { nmae } }' });
    expect(unknown.status).toBe(400);
    expect(unknown.json!.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('refuses GeoJSON nested 100,000 deep before anything recurses over it', async () => {
    const deep = '['.repeat(100_000) + '1' + ']'.repeat(100_000);
    const asVariable = await post(
      null,
      `{"query":"query ($g: GeoJSON) { grids(intersects: $g) { totalCount } }","variables":{"g":{"type":"Polygon","coordinates":${deep}}}}`,
    );
    expect(asVariable.status).toBe(400);
    expect(asVariable.json!.errors![0]).toMatchObject({
      message: expect.stringMatching(/nested deeper than 20/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const imported = await post(
      null,
      `{"query":"mutation ($g: JSON!) { importGrids(geojson: $g) { features } }","variables":{"g":{"type":"FeatureCollection",` +
        `"features":[{"type":"Feature","properties":{"code":"330106001003","name":"x"},` +
        `"geometry":{"type":"Polygon","coordinates":${deep}}}]}}}`,
    );
    expect(imported.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'geojson', geoReason: 'TOO_DEEP' });
  });

  it('leaves no photo file behind when a report is refused after its photos were read', async () => {
    const photo = Buffer.from('a photo that must not be kept').toString('base64');
    const files = () => readdirSync(STORAGE, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).length;
    const badCategory = await post({ query: REPORT, variables: { input: reportInput({ category: 'NO_SUCH_CATEGORY', photos: [photo] }) } });
    expect(badCategory.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.category' });
    const nowhere = await post({ query: REPORT, variables: { input: reportInput({ lng: 100, lat: 10, photos: [photo] }) } });
    expect(nowhere.json!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lng' });
    expect(files()).toBe(0);
    // Accepted, the same photo is stored (so the directory above is the one in use).
    const accepted = await post({ query: REPORT, variables: { input: reportInput({ photos: [photo] }) } });
    expect(accepted.json!.errors).toBeUndefined();
    expect(files()).toBe(1);
  });
});
