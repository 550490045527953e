import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

process.env.CASE_SWEEP_MS = '0';
process.env.OPEN311_API_KEYS = 'key-one, key-two';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

/** GeoReport v2 field lists (https://wiki.open311.org/GeoReport_v2). */
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

const get = async (path: string, apiKey: string | null = 'key-one') => {
  const keyed =
    path.startsWith('requests') && apiKey ? `${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(apiKey)}` : path;
  const res = await fetch(`${api.url}/open311/v2/${keyed}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>[] & Record<string, unknown> };
};
const post = async (form: Record<string, string>) => {
  const res = await fetch(`${api.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>[] };
};

describe('Open311 GeoReport v2', () => {
  it('lists services (the case categories) with the spec fields', async () => {
    const { status, body } = await get('services.json');
    expect(status).toBe(200);
    expect(body).toHaveLength(8);
    for (const s of body) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
    expect(body[0]).toMatchObject({ service_code: 'ENVIRONMENT', service_name: '环境卫生', metadata: false, type: 'realtime' });
  });

  it('answers a service definition, and 404 with the error list for an unknown code', async () => {
    expect(await get('services/DISPUTE.json')).toEqual({ status: 200, body: { service_code: 'DISPUTE', attributes: [] } });
    const missing = await get('services/NOPE.json');
    expect(missing.status).toBe(404);
    expect(missing.body[0]).toEqual({ code: 404, description: expect.stringMatching(/NOPE/) });
  });

  it('takes a request with an api_key, routes it, and serves it back with the spec fields', async () => {
    const refused = await post({ service_code: 'ENVIRONMENT', lat: '30.255', long: '120.102', description: '垃圾' });
    expect(refused.status).toBe(403);
    expect(refused.body[0]).toMatchObject({ code: 403 });

    const created = await post({
      api_key: 'key-two',
      service_code: 'ENVIRONMENT',
      lat: '30.255',
      long: '120.102',
      description: '垃圾堆放',
      address_string: '示例路111号',
      first_name: '王',
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body[0]).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    const id = created.body[0].service_request_id as string;

    const one = await get(`requests/${id}.json`);
    expect(one.status).toBe(200);
    expect(one.body).toHaveLength(1);
    expect(Object.keys(one.body[0]).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(one.body[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'ENVIRONMENT',
      service_name: '环境卫生',
      lat: 30.255,
      long: 120.102,
      address: '示例路111号',
    });
    expect(new Date(one.body[0].requested_datetime as string).toISOString()).toBe(one.body[0].requested_datetime);

    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('maps closed statuses to closed and filters by status, service_code, dates, bbox and page', async () => {
    const made = await post({ api_key: 'key-one', service_code: 'DISPUTE', lat: '30.265', long: '120.115', description: '邻里噪音' });
    const id = made.body[0].service_request_id as string;
    const [{ version }] = await api.db.dataSource.query(`SELECT version FROM "case" WHERE id = $1`, [id]);
    const rejected = await api.gql(
      `mutation ($id: ID!, $v: Int!) {
        rejectCase(id: $id, version: $v, actor: {role: COMMAND_CENTRE, name: "值班"}, reason: "已调解") { status }
      }`,
      { id, v: version },
    );
    expect(rejected.errors).toBeUndefined();

    const closed = await get('requests.json?status=closed');
    expect(closed.body.map((r) => r.service_request_id)).toContain(id);
    expect(closed.body.every((r) => r.status === 'closed')).toBe(true);
    expect(closed.body.find((r) => r.service_request_id === id)).toMatchObject({ status_notes: '已调解' });
    const open = await get('requests.json?status=open');
    expect(open.body.map((r) => r.service_request_id)).not.toContain(id);

    expect((await get('requests.json?service_code=DISPUTE')).body.every((r) => r.service_code === 'DISPUTE')).toBe(true);
    const inBox = await get('requests.json?bbox=120.11,30.26,120.12,30.27');
    expect(inBox.body.map((r) => r.service_request_id)).toEqual([id]);
    const future = new Date(Date.now() + 3600e3).toISOString();
    expect((await get(`requests.json?start_date=${future}`)).body).toEqual([]);
    const page1 = await get('requests.json?page_size=1&page=1');
    const page2 = await get('requests.json?page_size=1&page=2');
    expect(page1.body).toHaveLength(1);
    expect(page2.body).toHaveLength(1);
    expect(page1.body[0].service_request_id).not.toBe(page2.body[0].service_request_id);
    expect((await get('requests.json?page_size=9999')).status).toBe(400);
    expect((await get('requests.json?status=pending')).status).toBe(400);
  });

  it('answers 400 with the reason for a point outside every grid, writing nothing', async () => {
    const res = await post({ api_key: 'key-one', service_code: 'OTHER', lat: '31.2', long: '121.5', description: 'x' });
    expect(res.status).toBe(400);
    expect(res.body[0].description).toMatch(/no small grid/);
  });
});

describe('Open311 keys', () => {
  it('reads requests only with a key: an Open311 key or a department key with the Case scope', async () => {
    expect((await get('requests.json', null)).status).toBe(403);
    expect((await get('requests.json', 'wrong')).status).toBe(403);
    const gridOnly = await api.gql<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "g", department: "住建局", scopes: ["Grid"] }) { key } }`,
    );
    expect((await get('requests.json', gridOnly.data!.createApiKey.key)).status).toBe(403);
    const cases = await api.gql<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "c", department: "城管局", scopes: ["Case"] }) { key } }`,
    );
    const ok = await get('requests.json', cases.data!.createApiKey.key);
    expect(ok.status).toBe(200);
    expect(Array.isArray(ok.body)).toBe(true);
  });
});
