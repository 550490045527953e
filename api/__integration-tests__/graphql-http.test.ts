import { gzipSync } from 'node:zlib';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

// POST /graphql is answered before express (api/src/platform/graphql/http.ts), GET /graphql by
// express: both must take the same caller and refuse bad bodies alike, as JSON with their status.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

async function send(init: { method?: string; search?: string; headers?: Record<string, string>; body?: string }) {
  const res = await fetch(`${api.url}/graphql${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', authorization: api.adminToken, ...init.headers },
    body: init.body,
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: JSON.parse(text) as Record<string, unknown> };
}

const errorOf = (body: Record<string, unknown>) => (body.errors as { message: string; extensions: { code: string } }[])[0];

describe('POST /graphql before express', () => {
  it('answers a query as the signed-in caller, as GET through express does', async () => {
    const query = '{ grid(code: "330106001001") { code children { code } } }';
    const post = await send({ body: JSON.stringify({ query }) });
    const get = await send({
      method: 'GET',
      search: `?query=${encodeURIComponent(query)}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(post.status).toBe(200);
    expect(post.type).toMatch(/^application\/(graphql-response\+)?json/);
    expect((post.body.data as { grid: { children: unknown[] } }).grid.children).toHaveLength(2);
    expect(get.body).toEqual(post.body);
    // Without a token the caller is anonymous: a signed-in read is refused.
    const anonymous = await send({ body: JSON.stringify({ query }), headers: { authorization: '' } });
    expect(errorOf(anonymous.body).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST, as JSON', async () => {
    const res = await send({ body: '{ "query": ' });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/json/);
    expect(errorOf(res.body).extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a JSON body that is not an object with 400 BAD_REQUEST, as express.json does', async () => {
    for (const body of ['"{ __typename }"', 'null', '42']) {
      const res = await send({ body });
      expect([body, res.status]).toEqual([body, 400]);
      expect(errorOf(res.body).extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('reads UTF-8 JSON in any spelling of its type, and a gzipped body through express.json', async () => {
    const query = '{ grid(code: "330106001001") { name } }';
    const upper = await send({ body: JSON.stringify({ query }), headers: { 'content-type': 'application/json; Charset=UTF-8' } });
    expect(upper.status).toBe(200);
    expect((upper.body.data as { grid: { name: string } }).grid.name).toMatch(/\p{Script=Han}/u);
    const gzipped = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: api.adminToken },
      body: gzipSync(JSON.stringify({ query })),
    });
    expect(gzipped.status).toBe(200);
    expect(await gzipped.json()).toEqual(upper.body);
  });

  it('answers a body over 2 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await send({ body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } }) });
    expect(res.status).toBe(413);
    expect(errorOf(res.body).extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown charset with 415', async () => {
    const res = await send({
      body: JSON.stringify({ query: '{ __typename }' }),
      headers: { 'content-type': 'application/json; charset=latin1' },
    });
    expect(res.status).toBe(415);
    expect(errorOf(res.body).extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a document nested too deep before the parser sees it', async () => {
    const deep = '{ a'.repeat(100) + ' }'.repeat(100);
    const res = await send({ body: JSON.stringify({ query: deep }) });
    expect(res.status).toBe(400);
    expect(errorOf(res.body).message).toMatch(/nest/i);
  });

  it('leaves other paths and methods to express', async () => {
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);
    const other = await fetch(`${api.url}/graphql-not`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(other.status).toBe(404); // express's; Apollo would answer 400 for a body without a query
  });
});
