import 'reflect-metadata';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { openDatabase } from '../../api/src/app/database';
import type { OpenDatabase } from '../../api/src/platform/db/database';
import { signAccessToken, upsertUser } from '../../api/src/platform/identity';
import { fixtureStreet } from '../../api/src/seed/fixture-street';
import { writeStreet } from '../../api/src/seed/write-street';
import { freePort, RedisServer } from '../../api/__integration-tests__/redis-server';
import { startApi, type ApiProcess } from '../src/federation/api-processes';

/**
 * The scale-out set as real processes on loopback: a PostgreSQL 15 primary and its streaming
 * replica (clusters of this test's own, `scripts/pg-replica.sh`), two API processes (the built
 * `api/dist/main.js`) reading the replica (DATABASE_READ_URLS) and sharing a Redis of this test's
 * own (`redis-server` on a free port), and the Hive Gateway (`scripts/dist/gateway.js`) in front
 * with the civil-affairs department subgraph. Case reports, reads and subscribers go through the
 * gateway while the replica is stopped and started, while Redis is down for 30 s, and while one
 * API process is killed. (The primary's own outage is in api/__integration-tests__/read-replica.test.ts.)
 */
const ROOT = resolve(__dirname, '../..');
const PG_REPLICA = join(ROOT, 'scripts/pg-replica.sh');
const pgReplica = (...args: string[]) => promisify(execFile)('bash', [PG_REPLICA, ...args], { timeout: 90_000 });
let primaryPort: number;
let replicaPort: number;
const clusterUrl = (port: number, database = 'streetgrid') => `postgres://postgres@127.0.0.1:${port}/${database}`;
async function sqlOn(url: string, text: string): Promise<unknown[]> {
  const c = new PgClient({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}
const SECRET = 'streetgrid-gateway-test-secret';
const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id clientKey } } }`;
const UPDATES = `subscription ($after: ID) { caseUpdates(after: $after) { id caseId } }`;

let db: OpenDatabase;
let token: string;
let redis: RedisServer;
const apis: ApiProcess[] = [];
const gateways: ChildProcess[] = [];
const clients: Client[] = [];
const following: { stop(): void }[] = [];

/** Whatever this file started dies with it, even when jest's worker is torn down. */
function killAll(): void {
  for (const child of [...gateways, ...apis.map((a) => a.child)]) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  redis?.killNow();
}
process.once('exit', killAll);
// Stopped from outside (a CI timeout): kill them, then die of the same signal.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/** `scripts/dist/gateway.js` routing over `upstreams`; answers its base URL. */
async function startGatewayProcess(upstreams: ApiProcess[]): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/dist/gateway.js')], {
    env: { ...process.env, GATEWAY_UPSTREAMS: upstreams.map((a) => `${a.url}/graphql`).join(','), PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateways.push(child);
  let out = '';
  return new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the gateway did not start within 60 s:\n${out}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /gateway on (http:\/\/\S+)\/graphql/.exec(out);
      if (match) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`the gateway exited with ${code}:\n${out}`)));
  });
}

async function gql<T>(gateway: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> {
  const res = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return (await res.json()) as { data?: T; errors?: unknown[] };
}

/** A point inside a small grid of the fixture street, one of several in turn. */
let points: [number, number][] = [];

/**
 * Reports one case through the gateway and retries it with the same idempotency key until it is
 * acknowledged (a process killed mid-request leaves the caller without an answer). Answers the case id.
 */
async function reportUntilAcknowledged(gateway: string, key: string, i: number): Promise<{ id: string; attempts: number }> {
  const [lng, lat] = points[i % points.length];
  const input = { clientKey: key, category: 'ENVIRONMENT', source: 'RESIDENT', lng, lat, description: '故障测试' };
  const deadline = Date.now() + 20_000;
  for (let attempts = 1; ; attempts++) {
    try {
      const res = await gql<{ reportCase: { case: { id: string; clientKey: string } } }>(gateway, REPORT, { input });
      if (res.data?.reportCase) return { id: res.data.reportCase.case.id, attempts };
    } catch {
      // cut off or refused: retried below
    }
    if (Date.now() > deadline) throw new Error(`report ${key} not acknowledged within 20 s`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/**
 * Report loops (`concurrency` of them, each waiting `paceMs` after a report) until `stop` resolves;
 * answers the acknowledged keys and case ids.
 */
async function reportStream(gateway: string, prefix: string, concurrency: number, stop: Promise<void>, paceMs = 0) {
  const acknowledged = new Map<string, string>();
  let retried = 0;
  let stopped = false;
  void stop.then(() => (stopped = true));
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stopped) {
        const i = next++;
        const key = `${prefix}-${i}`;
        const { id, attempts } = await reportUntilAcknowledged(gateway, key, i);
        acknowledged.set(key, id);
        if (attempts > 1) retried++;
        if (paceMs) await new Promise((ok) => setTimeout(ok, paceMs));
      }
    }),
  );
  return { acknowledged, retried };
}

/**
 * A subscriber through the gateway that follows case events from `after` and, whenever its
 * subscription ends (its API process died), subscribes again after the last id it saw — on a new
 * connection each time, so no client library re-sends an old cursor behind its back.
 */
function follow(gateway: string, after: string) {
  const seen: string[] = [];
  const why: string[] = [];
  let last = after;
  let active = true;
  let client: Client | undefined;
  const subscribe = () => {
    if (!active) return;
    client = createClient({
      url: `${gateway.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: token },
      retryAttempts: 0,
    });
    clients.push(client);
    const own = client;
    let ended = false;
    const again = (reason: string) => {
      if (ended) return;
      ended = true;
      void own.dispose();
      if (!active) return;
      why.push(reason);
      setTimeout(subscribe, 200);
    };
    own.subscribe<{ caseUpdates: { id: string } }>(
      { query: UPDATES, variables: { after: last } },
      {
        next: (r) => {
          if (r.errors) return again(JSON.stringify(r.errors).slice(0, 200));
          if (ended || !r.data) return;
          seen.push(r.data.caseUpdates.id);
          last = r.data.caseUpdates.id;
        },
        error: (e) => again(e instanceof Error ? e.message : JSON.stringify(e).slice(0, 200)),
        complete: () => again('complete'),
      },
    );
  };
  subscribe();
  const follower = {
    seen,
    why,
    resumes: () => why.length,
    stop: () => {
      active = false;
      void client?.dispose();
    },
  };
  following.push(follower);
  return follower;
}

async function eventIdsAfter(after: string): Promise<string[]> {
  const rows: { id: string }[] = await db.dataSource.query(`SELECT id::text AS id FROM case_event WHERE id > $1 ORDER BY case_event.id`, [
    after,
  ]);
  return rows.map((r) => r.id);
}

async function lastEventId(): Promise<string> {
  const [{ id }]: { id: string | null }[] = await db.dataSource.query(`SELECT max(id)::text AS id FROM case_event`);
  return id ?? '0';
}

/** Waits until every follower has seen every event the table has after `after`, or 30 s. */
async function caughtUp(followers: ReturnType<typeof follow>[], after: string): Promise<string[]> {
  const expected = await eventIdsAfter(after);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && followers.some((f) => f.seen.length < expected.length)) await new Promise((ok) => setTimeout(ok, 100));
  await new Promise((ok) => setTimeout(ok, 300)); // a duplicate would arrive now
  return expected;
}

async function expectExactlyOnce(acknowledged: Map<string, string>, prefix: string): Promise<void> {
  const rows: { clientKey: string; n: number; id: string }[] = await db.dataSource.query(
    `SELECT client_key AS "clientKey", count(*)::int AS n, min(id::text) AS id FROM "case" WHERE client_key LIKE $1 GROUP BY client_key`,
    [`${prefix}-%`],
  );
  const byKey = new Map(rows.map((r) => [r.clientKey, r]));
  for (const [key, id] of acknowledged) expect({ key, n: byKey.get(key)?.n, id: byKey.get(key)?.id }).toEqual({ key, n: 1, id });
  // No case of this stream was written that its client never had acknowledged.
  expect(rows.length).toBe(acknowledged.size);
}

/** Operations per second over `ms` at `concurrency`, each loop sending `op(i)` back to back. */
async function rate(op: (i: number) => Promise<void>, concurrency: number, ms: number): Promise<number> {
  let done = 0;
  let next = 0;
  const until = Date.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        await op(next++);
        done++;
      }
    }),
  );
  return Math.round((done * 1000) / ms);
}

/** Reads (`gridAt`) and reports per second through `url`, 8 clients for 3 s each. Measured, never asserted beyond "some". */
const figures: Record<string, { reads: number; reports: number }> = {};
let run = 0;
async function throughput(url: string): Promise<{ reads: number; reports: number }> {
  const prefix = `bench-${run++}`;
  const read = async (i: number) => {
    const [lng, lat] = points[i % points.length];
    const res = await gql(url, `{ gridAt(lng: ${lng}, lat: ${lat}) { code name } }`);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  };
  const report = async (i: number) => void (await reportUntilAcknowledged(url, `${prefix}-${i}`, i));
  // Warm-up, not counted: the processes' JIT and the gateway's plan cache.
  await rate(read, 8, 1000);
  await rate((i) => report(100_000 + i), 8, 1000);
  return { reads: await rate(read, 8, 3000), reports: await rate(report, 8, 3000) };
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
/** How long Redis stays down under the report stream (issue #18 asks for 30 s). */
const REDIS_OUTAGE_MS = 30_000;

/** The event bus's case-topic samples in an API process's /metrics (loopback: no token needed). */
async function busOf(api: ApiProcess): Promise<{ lastId: number; viaRedis: number; delays: number; buckets: [number, number][] }> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const sample = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? 0 : Number(line.slice(name.length + 1));
  };
  const buckets = [...text.matchAll(/^streetgrid_bus_delay_seconds_bucket\{le="([^"]+)",topic="case"\} (\d+)$/gm)].map(
    (m): [number, number] => [m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2])],
  );
  return {
    lastId: sample('streetgrid_bus_last_event_id{topic="case"}'),
    viaRedis: sample('streetgrid_bus_events_total{topic="case",via="redis"}'),
    delays: sample('streetgrid_bus_delay_seconds_count{topic="case"}'),
    buckets,
  };
}

/** Where an API process's read sessions went (`streetgrid_db_read_sessions_total` by route). */
async function readRoutes(api: ApiProcess): Promise<Record<string, number>> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const routes = [...text.matchAll(/^streetgrid_db_read_sessions_total\{route="([a-z_]+)"\} (\d+)$/gm)];
  return Object.fromEntries(routes.map((m) => [m[1], Number(m[2])]));
}

/** The histogram's upper bound at quantile `q` (bucket resolution), in ms. */
function bucketQuantile(buckets: [number, number][], q: number): string {
  const total = buckets.at(-1)?.[1] ?? 0;
  const bound = buckets.find(([, n]) => n >= q * total)?.[0] ?? Infinity;
  return bound === Infinity ? '> 10 s' : `≤ ${bound * 1000} ms`;
}

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', join(ROOT, 'scripts')], { stdio: 'inherit' });
  primaryPort = await freePort();
  replicaPort = await freePort();
  await pgReplica('primary-start', '--port', String(primaryPort));
  await sqlOn(clusterUrl(primaryPort, 'postgres'), 'CREATE DATABASE streetgrid');
  await sqlOn(clusterUrl(primaryPort), 'CREATE EXTENSION postgis; CREATE EXTENSION ltree');
  await pgReplica('start', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort));
  db = await openDatabase({ databaseUrl: clusterUrl(primaryPort), dataDir: '' });
  await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
  const userId = await db.dataSource.transaction((m) =>
    upsertUser(m, { login: 'gateway-admin', displayName: 'gateway', password: 'gateway-password', role: 'STREET_ADMIN' }),
  );
  token = `Bearer ${await signAccessToken(userId, 'STREET_ADMIN', new TextEncoder().encode(SECRET))}`;
  points = (
    await db.dataSource.query(`SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM grid WHERE level = 'SMALL' ORDER BY code`)
  ).map((r: { lng: number; lat: number }) => [r.lng, r.lat]);
  redis = await RedisServer.onFreePort();
  await redis.start();
  // The replica has replayed the seed before the API processes read it.
  for (let i = 0; i < 200 && !(await sqlOn(clusterUrl(replicaPort), `SELECT 1 FROM app_user WHERE login = 'gateway-admin'`)).length; i++)
    await sleep(100);
  const env = {
    DATABASE_URL: clusterUrl(primaryPort),
    DATABASE_READ_URLS: clusterUrl(replicaPort),
    REDIS_URL: redis.url,
    JWT_SECRET: SECRET,
    CASE_SWEEP_MS: '0',
    SEED_DEMO: 'false',
  };
  for (const name of ['api#1', 'api#2']) apis.push(await startApi(name, env, { quiet: true }));
}, 240_000);

afterAll(async () => {
  for (const follower of following) follower.stop();
  for (const client of clients) await client.dispose();
  killAll();
  await redis?.close();
  await db?.close();
  await pgReplica('destroy', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort)).catch(() => {});
  await pgReplica('primary-stop', '--port', String(primaryPort), '--destroy').catch(() => {});
});

describe('gateway: two API processes behind a Hive Gateway, faults survived', () => {
  let gateway: string;

  it('composes with the department subgraph and load-balances over both processes', async () => {
    gateway = await startGatewayProcess(apis);
    const res = await gql<{ households: { nodes: { id: string; subsidyStatus: string }[] }; subsidyPrograms: string[] }>(
      gateway,
      `{ households(first: 2) { nodes { id subsidyStatus } } subsidyPrograms }`,
    );
    expect(res.errors).toBeUndefined();
    const [first] = res.data!.households.nodes;
    expect(first.subsidyStatus).toBe(`低保在册:${first.id.slice(0, 4)}`);
    for (let i = 0; i < 10; i++) {
      const [lng, lat] = points[i % points.length];
      expect((await gql(gateway, `{ gridAt(lng: ${lng}, lat: ${lat}) { code } }`)).errors).toBeUndefined();
    }
    const upstreams = (await (await fetch(`${gateway}/upstreams`)).json()) as { url: string; healthy: boolean; requests: number }[];
    expect(upstreams).toHaveLength(2);
    // Round robin: each process served about half of the eleven requests.
    for (const u of upstreams) expect(u.requests).toBeGreaterThanOrEqual(4);
  });

  it('throughput through the gateway with two processes; every report reaches both processes through Redis', async () => {
    figures['gateway → 2 processes'] = await throughput(gateway);
    expect(figures['gateway → 2 processes'].reports).toBeGreaterThan(0);
    // Both processes handed every event of the reports (sent to either) to their subscribers, through Redis.
    const last = Number(await lastEventId());
    let buses = await Promise.all(apis.map(busOf));
    for (let i = 0; i < 50 && buses.some((b) => b.lastId !== last); i++) {
      await sleep(100);
      buses = await Promise.all(apis.map(busOf));
    }
    for (const bus of buses) {
      expect(bus.lastId).toBe(last);
      expect(bus.viaRedis).toBeGreaterThan(0);
      expect(bus.delays).toBeGreaterThan(0);
    }
    console.log(
      `bus delay under ${figures['gateway → 2 processes'].reports} reports/s, publish → arrival through Redis, per process: ` +
        buses.map((b) => `${b.delays} messages, p50 ${bucketQuantile(b.buckets, 0.5)}, p99 ${bucketQuantile(b.buckets, 0.99)}`).join('; '),
    );
  });

  it('the replica stopped under reads and reports: every request succeeds from the primary; restarted, reads go back to it', async () => {
    const before = await Promise.all(apis.map(readRoutes));
    // Until now both processes' queries read the replica.
    for (const r of before) expect(r.replica).toBeGreaterThan(0);
    let failures = 0;
    const read = async (i: number) => {
      const [lng, lat] = points[i % points.length];
      const res = await gql(gateway, `{ gridAt(lng: ${lng}, lat: ${lat}) { code } }`);
      if (res.errors) failures++;
    };
    let stop!: () => void;
    const stopped = new Promise<void>((ok) => (stop = ok));
    const stream = reportStream(gateway, 'replica', 2, stopped, 50);
    const reading = rate(read, 4, 6000);
    await sleep(1000);
    await pgReplica('stop', '--port', String(replicaPort));
    // Started again whatever fails here: the tests after this one need the replica.
    let starting: Promise<unknown> | undefined;
    const restart = () => (starting ??= pgReplica('start', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort)));
    try {
      await sleep(3000);
      const during = await Promise.all(apis.map(readRoutes));
      const reads = await reading;
      stop();
      const { acknowledged } = await stream;
      expect(failures).toBe(0);
      expect(reads).toBeGreaterThan(0);
      await expectExactlyOnce(acknowledged, 'replica');
      // Each process sent its reads to the primary meanwhile.
      const onPrimary = (r: Record<string, number>) => (r.primary_unavailable ?? 0) + (r.primary_failover ?? 0);
      during.forEach((r, i) => expect(onPrimary(r)).toBeGreaterThan(onPrimary(before[i])));

      await restart();
      const restarted = await Promise.all(apis.map(readRoutes));
      let back = restarted;
      for (let i = 0; i < 200 && back.some((r, k) => r.replica <= restarted[k].replica); i++) {
        await read(i);
        await sleep(50);
        back = await Promise.all(apis.map(readRoutes));
      }
      back.forEach((r, k) => expect(r.replica).toBeGreaterThan(restarted[k].replica));
      expect(failures).toBe(0);
      console.log(
        `replica stopped for ~5 s under ${reads} reads/s and 2 report loops: 0 failed, ${acknowledged.size} reports acknowledged; ` +
          `reads on the primary meanwhile: ${during.map((r, i) => onPrimary(r) - onPrimary(before[i])).join('/')}`,
      );
    } finally {
      stop();
      await restart();
    }
  });

  it('Redis down for 30 s: reports are still accepted; when it returns, every subscriber has every event in order, once', async () => {
    const after = await lastEventId();
    const followers = [follow(gateway, after), follow(gateway, after), follow(gateway, after)];
    await sleep(1000);
    let stop!: () => void;
    const stopped = new Promise<void>((ok) => (stop = ok));
    // Paced (about 30 reports a second): the outage's events stay well within what a catch-up re-reads in one go.
    const stream = reportStream(gateway, 'redis', 3, stopped, 100);
    await sleep(1000);
    await redis.stop();
    const outageStart = Date.now();
    // Reads keep working too.
    expect((await gql(gateway, `{ gridAt(lng: ${points[0][0]}, lat: ${points[0][1]}) { code } }`)).errors).toBeUndefined();
    await sleep(REDIS_OUTAGE_MS);
    // Reads still work at the end of the outage.
    expect((await gql(gateway, `{ gridAt(lng: ${points[1][0]}, lat: ${points[1][1]}) { code } }`)).errors).toBeUndefined();
    // The stream ends before Redis is back: nothing new after it would prompt a subscriber to look for what it missed.
    stop();
    const { acknowledged } = await stream;
    const duringOutage = (await eventIdsAfter(after)).length;
    await redis.start();
    const outageMs = Date.now() - outageStart;
    expect(duringOutage).toBeGreaterThan(5);
    await expectExactlyOnce(acknowledged, 'redis');
    const expected = await caughtUp(followers, after);
    expect(expected.length).toBeGreaterThanOrEqual(acknowledged.size);
    for (const f of followers) {
      expect(f.seen).toEqual(expected);
      f.stop();
    }
    console.log(
      `redis outage ${outageMs} ms: ${acknowledged.size} reports acknowledged, ${expected.length} events, each subscriber had all in order`,
    );
  });

  it('one API process killed under a stream of reports: each acknowledged once, subscribers resume with no gap or duplicate', async () => {
    const after = await lastEventId();
    const followers = [follow(gateway, after), follow(gateway, after), follow(gateway, after), follow(gateway, after)];
    await sleep(1000);
    let stop!: () => void;
    const stopped = new Promise<void>((ok) => (stop = ok));
    const stream = reportStream(gateway, 'kill', 4, stopped);
    await sleep(1500);
    await apis[1].kill();
    await sleep(3000);
    stop();
    const { acknowledged, retried } = await stream;
    await expectExactlyOnce(acknowledged, 'kill');
    const expected = await caughtUp(followers, after);
    for (const f of followers) {
      expect(f.seen).toEqual(expected);
      f.stop();
    }
    // The subscribers on the killed process came back through the gateway on the other one.
    expect(followers.reduce((n, f) => n + f.resumes(), 0)).toBeGreaterThan(0);
    const upstreams = (await (await fetch(`${gateway}/upstreams`)).json()) as { url: string; healthy: boolean }[];
    expect(upstreams.find((u) => u.url === `${apis[1].url}/graphql`)!.healthy).toBe(false);
    console.log(
      `kill: ${acknowledged.size} reports acknowledged (${retried} after a retry), ${expected.length} events, ` +
        `${followers.map((f) => f.resumes()).join('/')} resumes (${[...new Set(followers.flatMap((f) => f.why))].join('; ')})`,
    );
  });

  it('throughput with one process left (through the gateway, and direct)', async () => {
    figures['gateway → 1 process'] = await throughput(gateway);
    figures['1 process, no gateway'] = await throughput(apis[0].url);
    console.log(`throughput (8 clients, 3 s each, operations/s): ${JSON.stringify(figures)}`);
    for (const f of Object.values(figures)) expect(f.reports).toBeGreaterThan(0);
  });
});
