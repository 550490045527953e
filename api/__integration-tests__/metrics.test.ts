import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, startTestApiOn, testConfig, type TestApi, type TestDatabase } from './harness';
import { RedisServer } from './redis-server';
import { createApp, type App } from '../src/app/server';
import { signAccessToken, upsertUser } from '../src/platform/identity';
import { jwtSecret } from '../src/platform/config';
import { fixtureStreet } from '../src/seed/fixture-street';
import { writeStreet } from '../src/seed/write-street';

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

const REPORT = `mutation ($input: ReportCaseInput!, $actor: ActorInput!) { reportCase(input: $input, actor: $actor) { case { id } } }`;
const REPORTER = { role: 'REPORTER', name: '张居民' };
let reports = 0;
const reportInput = () => ({
  clientKey: `metrics-${Date.now()}-${reports++}`,
  category: 'ENVIRONMENT',
  source: 'RESIDENT',
  lng: 120.102,
  lat: 30.255,
  description: '积水',
});

/** A sample's value from the text format, e.g. value(text, 'streetgrid_subscribers{kind="connections"}'). */
function value(text: string, sample: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

const scrape = async (api: { url: string }, headers: Record<string, string> = {}) => {
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

  it('counts the events the bus hands to subscribers, and the last case event id delivered', async () => {
    const before = value((await scrape(open)).text, 'streetgrid_bus_events_total{topic="case",via="direct"}') ?? 0;
    const res = await open.gql(REPORT, { input: reportInput(), actor: REPORTER });
    expect(res.errors).toBeUndefined();
    const [{ last }] = await open.db.dataSource.query(`SELECT max(id)::text AS last FROM case_event`);
    const text = (await scrape(open)).text;
    // One server without Redis: its events go straight to its own subscribers.
    expect(value(text, 'streetgrid_bus_events_total{topic="case",via="direct"}')).toBeGreaterThan(before);
    expect(value(text, 'streetgrid_bus_last_event_id{topic="case"}')).toBe(Number(last));
    expect(value(text, 'streetgrid_bus_pending_events{topic="case"}')).toBe(0);
    expect(text).not.toContain('streetgrid_bus_redis_up');
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

describe("the bus's metrics with Redis (a redis-server of this test's own), two servers on one database", () => {
  let db: TestDatabase;
  let redis: RedisServer;
  const apps: App[] = [];
  let a: { url: string };
  let b: { url: string };
  let token: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    const userId = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'bus-metrics-admin', displayName: '街道', password: 'x', role: 'STREET_ADMIN' }),
    );
    token = `Bearer ${await signAccessToken(userId, 'STREET_ADMIN', jwtSecret())}`;
    redis = await RedisServer.onFreePort();
    await redis.start();
    const config = testConfig({ redisUrl: redis.url, sweepMs: 0 });
    for (let i = 0; i < 2; i++) apps.push(await createApp(config, db));
    [a, b] = await Promise.all(apps.map(async (app) => ({ url: await app.listen() })));
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await redis?.close();
    await db?.close();
  });

  const report = async (on: { url: string }) => {
    const res = await fetch(`${on.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query: REPORT, variables: { input: reportInput(), actor: REPORTER } }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
  };
  const lastCaseEvent = async () => Number((await db.dataSource.query(`SELECT max(id)::text AS last FROM case_event`))[0].last);
  /** Scrapes until `done` holds (the bus works asynchronously), at most 10 s; answers the last text. */
  const scrapeUntil = async (on: { url: string }, done: (text: string) => boolean) => {
    let text = (await scrape(on)).text;
    for (let i = 0; i < 100 && !done(text); i++) {
      await new Promise((ok) => setTimeout(ok, 100));
      text = (await scrape(on)).text;
    }
    return text;
  };

  it("times each event's trip through Redis, on the server that published it and on the other", async () => {
    await report(a);
    const last = await lastCaseEvent();
    for (const on of [a, b]) {
      const text = await scrapeUntil(on, (t) => value(t, 'streetgrid_bus_last_event_id{topic="case"}') === last);
      expect(value(text, 'streetgrid_bus_last_event_id{topic="case"}')).toBe(last);
      expect(value(text, 'streetgrid_bus_redis_up')).toBe(1);
      expect(value(text, 'streetgrid_bus_events_total{topic="case",via="redis"}')).toBeGreaterThanOrEqual(1);
      expect(value(text, 'streetgrid_bus_events_total{topic="case",via="direct"}')).toBeUndefined();
      const delays = value(text, 'streetgrid_bus_delay_seconds_count{topic="case"}')!;
      expect(delays).toBeGreaterThanOrEqual(1);
      // Loopback: every trip well under a second.
      expect(value(text, 'streetgrid_bus_delay_seconds_bucket{le="1",topic="case"}')).toBe(delays);
    }
  });

  it('shows an outage of Redis, the events sent direct meanwhile, and those the other server read back from the table', async () => {
    await redis.stop();
    const down = await scrapeUntil(a, (t) => value(t, 'streetgrid_bus_redis_up') === 0);
    expect(value(down, 'streetgrid_bus_redis_up')).toBe(0);
    expect(value(down, 'streetgrid_bus_outages_total')).toBe(1);
    await report(a);
    const last = await lastCaseEvent();
    // A handed its event to its own subscribers; B has not seen it.
    expect(value((await scrape(a)).text, 'streetgrid_bus_events_total{topic="case",via="direct"}')).toBeGreaterThanOrEqual(1);
    expect(value((await scrape(b)).text, 'streetgrid_bus_last_event_id{topic="case"}')).toBeLessThan(last);

    await redis.start();
    const back = await scrapeUntil(b, (t) => value(t, 'streetgrid_bus_last_event_id{topic="case"}') === last);
    expect(value(back, 'streetgrid_bus_redis_up')).toBe(1);
    expect(value(back, 'streetgrid_bus_last_event_id{topic="case"}')).toBe(last);
    expect(value(back, 'streetgrid_bus_events_total{topic="case",via="table"}')).toBeGreaterThanOrEqual(1);
    expect(value(back, 'streetgrid_bus_pending_events{topic="case"}')).toBe(0);
  });
});
