import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApiOn, type TestApi } from './harness';
import { fixtureStreet } from '../src/seed/fixture-street';

// GET /metrics (Prometheus text): GraphQL requests by operation, the database pool, subscribers, sweep runs;
// without METRICS_TOKEN for loopback peers only (never through a proxy), with it for the bearer of the token.
let open: TestApi;
let guarded: TestApi;
beforeAll(async () => {
  open = await startTestApiOn({ config: { sweepMs: 50 } }, fixtureStreet());
  guarded = await startTestApiOn({ config: { metricsToken: 'scrape-secret', sweepMs: 0 } });
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
});

/** A sample's value from the text format, e.g. value(text, 'streetgrid_subscribers{kind="connections"}'). */
function value(text: string, sample: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

const scrape = async (api: TestApi, headers: Record<string, string> = {}) => {
  const res = await fetch(`${api.url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('/metrics', () => {
  it('counts and times GraphQL requests by operation name and outcome', async () => {
    for (let i = 0; i < 3; i++)
      expect((await open.gql(`query WallGrids { grids(level: LARGE, first: 5) { totalCount } }`)).errors).toBeUndefined();
    expect((await open.gql(`query Broken { grids(first: 0) { totalCount } }`)).errors).toBeDefined();
    const { status, type, text } = await scrape(open);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain/);
    expect(value(text, 'streetgrid_graphql_requests_total{operation="WallGrids",kind="query",outcome="ok"}')).toBe(3);
    expect(value(text, 'streetgrid_graphql_requests_total{operation="Broken",kind="query",outcome="error"}')).toBe(1);
    expect(value(text, 'streetgrid_graphql_request_duration_seconds_count{operation="WallGrids",kind="query"}')).toBe(3);
    expect(value(text, 'streetgrid_graphql_request_duration_seconds_bucket{le="+Inf",operation="WallGrids",kind="query"}')).toBe(3);
    // prom-client's process metrics come along.
    expect(text).toContain('streetgrid_process_cpu_seconds_total');
  });

  it('counts the SQL statements the server sends', async () => {
    // The server without sweeps: nothing else sends statements meanwhile.
    const auth = { authorization: 'Bearer scrape-secret' };
    const read = `query Statements { grids(first: 3) { nodes { code } } }`;
    // The first request also loads its caller (one statement); then the token is warm.
    expect((await guarded.gql(read)).errors).toBeUndefined();
    const before = value((await scrape(guarded, auth)).text, 'streetgrid_db_statements_total')!;
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++)
      expect((await guarded.gql(`query Statements { grids(first: 3) { nodes { code } } }`)).errors).toBeUndefined();
    // One statement a read (the compiled page), none for the caller on a warm token.
    expect(value((await scrape(guarded, auth)).text, 'streetgrid_db_statements_total')).toBe(before + 3);
  });

  it('reports the database pool of this server', async () => {
    const { text } = await scrape(open);
    const total = value(text, 'streetgrid_db_pool_connections{state="total"}');
    const max = value(text, 'streetgrid_db_pool_connections{state="max"}');
    if (process.env.TEST_DATABASE_URL) {
      expect(max).toBeGreaterThan(0);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(max!);
      expect(value(text, 'streetgrid_db_pool_connections{state="waiting"}')).toBe(0);
    }
  });

  it('counts subscribers while they are connected', async () => {
    const client = createClient({
      url: `${open.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: open.adminToken },
    });
    const subscribed = new Promise<void>((ok, fail) => {
      const stop = client.subscribe({ query: `subscription { caseUpdates { id } }` }, { next: () => {}, error: fail, complete: () => {} });
      void stop;
      client.on('connected', () => setTimeout(ok, 200));
    });
    await subscribed;
    let during = await scrape(open);
    for (let i = 0; i < 20 && value(during.text, 'streetgrid_subscribers{kind="subscriptions"}') !== 1; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      during = await scrape(open);
    }
    expect(value(during.text, 'streetgrid_subscribers{kind="connections"}')).toBe(1);
    expect(value(during.text, 'streetgrid_subscribers{kind="subscriptions"}')).toBe(1);
    await client.dispose();
    let after = await scrape(open);
    for (let i = 0; i < 40 && value(after.text, 'streetgrid_subscribers{kind="connections"}') !== 0; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      after = await scrape(open);
    }
    expect(value(after.text, 'streetgrid_subscribers{kind="connections"}')).toBe(0);
    expect(value(after.text, 'streetgrid_subscribers{kind="subscriptions"}')).toBe(0);
  });

  it('counts the sweeps’ runs', async () => {
    let runs = 0;
    for (let i = 0; i < 100 && runs < 2; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      runs = value((await scrape(open)).text, 'streetgrid_job_runs_total{job="overdue sweep",outcome="ok"}') ?? 0;
    }
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(value((await scrape(open)).text, 'streetgrid_job_duration_seconds_count{job="overdue sweep"}')).toBeGreaterThanOrEqual(2);
  });

  it('without a token, answers loopback only and never a proxied request', async () => {
    expect((await scrape(open, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(404);
    expect((await scrape(open, { forwarded: 'for=203.0.113.7' })).status).toBe(404);
  });

  it('with METRICS_TOKEN, answers only its bearer', async () => {
    expect((await scrape(guarded)).status).toBe(404);
    expect((await scrape(guarded, { authorization: 'Bearer wrong' })).status).toBe(404);
    const ok = await scrape(guarded, { authorization: 'Bearer scrape-secret', 'x-forwarded-for': '203.0.113.7' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('streetgrid_graphql_requests_total');
  });
});
