import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { WebSocket } from 'ws';
import { openDatabase } from '../src/app/database';
import { createApp, type App } from '../src/app/server';
import { jwtSecret } from '../src/platform/config';
import type { OpenDatabase } from '../src/platform/db/database';
import { ReadReplicas } from '../src/platform/db/replicas';
import { DbSession } from '../src/platform/db/session';
import { signAccessToken, upsertUser } from '../src/platform/identity';
import { fixtureStreet } from '../src/seed/fixture-street';
import { writeStreet } from '../src/seed/write-street';
import { testConfig, type GraphQLResponse } from './harness';
import { RedisServer } from './redis-server';

// Read replicas with real processes: a primary and a streaming replica, both PostgreSQL 15 clusters
// of this test's own (scripts/pg-replica.sh, ports picked free), the API with DATABASE_READ_URLS.
// The fault sequence: queries read the replica (replay paused: they see the replica's data); a
// caller's read right after their own write sees it (bounded wait, then the primary); the replica
// stopped under load (every request succeeds, logged once) and started again (reads return); the
// primary stopped (mutations answer SERVICE_UNAVAILABLE fast, queries keep working from the replica).
const exec = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../scripts/pg-replica.sh');
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const runnable = !!process.env.TEST_DATABASE_URL && existsSync(`${PG_BIN}/pg_basebackup`);
const describeReal = runnable ? describe : describe.skip;
if (!runnable) console.log('read-replica: skipped (needs TEST_DATABASE_URL and the PostgreSQL 15 server binaries)');

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });

const script = (...args: string[]) => exec('bash', [SCRIPT, ...args], { timeout: 90_000 });

let primaryPort: number;
let replicaPort: number;
let db: OpenDatabase | undefined;
let app: App | undefined;
let url: string;
let token: string;
let adminId: string;
const warnings: string[] = [];
const primaryUrl = () => `postgres://postgres@127.0.0.1:${primaryPort}/streetgrid`;
const replicaUrl = () => `postgres://postgres@127.0.0.1:${replicaPort}/streetgrid`;

async function gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

async function sql<T>(port: number, text: string, params: unknown[] = [], database = 'streetgrid'): Promise<T[]> {
  const c = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/${database}` });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function metric(sample: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? NaN : Number(line.slice(sample.length + 1));
}

const route = (r: string) => metric(`streetgrid_db_read_sessions_total{route="${r}"}`);
const healthz = async () =>
  (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean; primary: { up: boolean }; replicas: { up: boolean; name: string }[] };

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

const GRID = `query Grid($id: ID!) { grid(id: $id) { name version } }`;
const RENAME = `mutation Rename($id: ID!, $name: String!, $version: Int!) {
  updateGrid(id: $id, input: { name: $name, version: $version }) { name version }
}`;
let gridId: string;

describeReal('read replicas (DATABASE_READ_URLS), real primary and replica', () => {
  beforeAll(async () => {
    jest.spyOn(console, 'warn').mockImplementation((line: unknown) => void warnings.push(String(line)));
    primaryPort = await freePort();
    replicaPort = await freePort();
    await script('primary-start', '--port', String(primaryPort));
    await sql(primaryPort, 'CREATE DATABASE streetgrid', [], 'postgres');
    await sql(primaryPort, 'CREATE EXTENSION postgis; CREATE EXTENSION ltree');
    await script('start', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort));
    const config = testConfig({ databaseUrl: primaryUrl(), databaseReadUrls: [replicaUrl()], readReplicaWaitMs: 200, sweepMs: 0 });
    db = await openDatabase(config);
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    const id = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'replica-admin', displayName: 'replica-admin', password: 'test-password', role: 'STREET_ADMIN', gridIds: [] }),
    );
    adminId = id;
    token = `Bearer ${await signAccessToken(id, 'STREET_ADMIN', jwtSecret())}`;
    [{ id: gridId }] = await db.dataSource.query(`SELECT id FROM grid WHERE level = 'LARGE' ORDER BY code LIMIT 1`);
    app = await createApp(config, db);
    url = await app.listen();
    // The replica has replayed the seed.
    await until(
      'the replica to replay the seed',
      async () => (await sql(replicaPort, 'SELECT 1 FROM grid WHERE id = $1', [gridId])).length > 0,
    );
  });

  afterAll(async () => {
    await app?.stop().catch(() => {});
    await db?.close().catch(() => {});
    await script('destroy', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort)).catch(() => {});
    await script('primary-stop', '--port', String(primaryPort), '--destroy').catch(() => {});
    jest.restoreAllMocks();
  });

  it('answers queries from the replica, and a caller reads their own write right after it', async () => {
    const before = (await gql<{ grid: { name: string; version: number } }>(GRID, { id: gridId })).data!.grid;
    // Replay paused: a change written on the primary by someone else is not seen by queries, which read the replica.
    await sql(replicaPort, 'SELECT pg_wal_replay_pause()');
    try {
      // (The version moves too: a mutation that checked it against the replica would answer CONFLICT.)
      await db!.dataSource.query(`UPDATE grid SET name = 'written on the primary', version = version + 1 WHERE id = $1`, [gridId]);
      const onReplica = (await gql<{ grid: { name: string; version: number } }>(GRID, { id: gridId })).data!.grid;
      expect(onReplica).toEqual(before);
      expect((await sql<{ name: string }>(primaryPort, 'SELECT name FROM grid WHERE id = $1', [gridId]))[0].name).toBe(
        'written on the primary',
      );

      // A mutation reads and writes the primary (the version it checks is the primary's), and the
      // caller's next query waits for the replica (paused: ~200 ms), then reads the primary.
      const [{ version }] = await sql<{ version: number }>(primaryPort, 'SELECT version FROM grid WHERE id = $1', [gridId]);
      expect(version).toBe(before.version + 1);
      const renamed = await gql<{ updateGrid: { name: string } }>(RENAME, { id: gridId, name: 'renamed by the caller', version });
      expect(renamed.errors).toBeUndefined();
      const lagging = await route('primary_lagging');
      const started = Date.now();
      const own = (await gql<{ grid: { name: string } }>(GRID, { id: gridId })).data!.grid;
      const waited = Date.now() - started;
      expect(own.name).toBe('renamed by the caller');
      expect(waited).toBeGreaterThanOrEqual(190);
      expect(waited).toBeLessThan(2_000);
      expect(await route('primary_lagging')).toBe(lagging + 1);
    } finally {
      await sql(replicaPort, 'SELECT pg_wal_replay_resume()');
    }
    // Replayed: the caller's reads are the replica's again, without waiting.
    const atReplica = await route('replica');
    await until(
      'the replica to replay the rename',
      async () => (await gql<{ grid: { name: string } }>(GRID, { id: gridId })).data!.grid.name === 'renamed by the caller',
    );
    expect(await route('replica')).toBeGreaterThan(atReplica);
  });

  it('answers a query sent over the websocket from the replica too, as over HTTP', async () => {
    /** One query over graphql-ws, signed in as the admin. */
    const overSocket = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const client = createClient({
        url: `${url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: token },
      });
      try {
        for await (const result of client.iterate<T>({ query, variables })) {
          expect(result.errors).toBeUndefined();
          return result.data!;
        }
        throw new Error('no result over the websocket');
      } finally {
        await client.dispose();
      }
    };
    const before = (await overSocket<{ grid: { name: string } }>(GRID, { id: gridId })).grid;
    await sql(replicaPort, 'SELECT pg_wal_replay_pause()');
    try {
      // Written on the primary by someone else while the replica is paused: a query over the socket reads the replica.
      await db!.dataSource.query(`UPDATE grid SET name = 'primary only (socket)', version = version + 1 WHERE id = $1`, [gridId]);
      const atReplica = await route('replica');
      expect((await overSocket<{ grid: { name: string } }>(GRID, { id: gridId })).grid.name).toBe(before.name);
      expect(await route('replica')).toBeGreaterThan(atReplica);
    } finally {
      await sql(replicaPort, 'SELECT pg_wal_replay_resume()');
    }
    await until(
      'the replica to replay the change',
      async () => (await overSocket<{ grid: { name: string } }>(GRID, { id: gridId })).grid.name === 'primary only (socket)',
    );
    // The name as it was, for the tests after this one.
    await db!.dataSource.query(`UPDATE grid SET name = $2, version = version + 1 WHERE id = $1`, [gridId, before.name]);
    await until(
      'the replica to replay the name',
      async () => (await gql<{ grid: { name: string } }>(GRID, { id: gridId })).data!.grid.name === before.name,
    );
  });

  it('lets a caller read their own write on another API process (the positions shared through Redis)', async () => {
    const redis = await RedisServer.onFreePort();
    await redis.start();
    const config = testConfig({
      databaseUrl: primaryUrl(),
      databaseReadUrls: [replicaUrl()],
      readReplicaWaitMs: 200,
      // Three apps share this thread: a Redis answer held up by the others past the 50 ms default would send the
      // read to the paused replica. What is tested is that the position is used, not how fast Redis answers.
      readReplicaSharedWaitMs: 2_000,
      sweepMs: 0,
      redisUrl: redis.url,
    });
    // Two API processes' worth: each its own database connections, replica pools and memory of callers' writes.
    const sides = [await openDatabase(config), await openDatabase(config)];
    const apps = [await createApp(config, sides[0]), await createApp(config, sides[1])];
    const urls = [await apps[0].listen(), await apps[1].listen()];
    const on = async <T>(i: number, query: string, variables: Record<string, unknown>) =>
      (await (
        await fetch(`${urls[i]}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as GraphQLResponse<T>;
    const lagging = (i: number) => sides[i].replicas!.routes.primary_lagging;
    try {
      const before = (await on<{ grid: { name: string; version: number } }>(1, GRID, { id: gridId })).data!.grid;
      await sql(replicaPort, 'SELECT pg_wal_replay_pause()');
      try {
        // Written through the first process; read at once through the second, which never saw the write.
        const renamed = await on<{ updateGrid: { name: string } }>(0, RENAME, {
          id: gridId,
          name: '另一进程写入',
          version: before.version,
        });
        expect(renamed.errors).toBeUndefined();
        const waits = lagging(1);
        const read = await on<{ grid: { name: string } }>(1, GRID, { id: gridId });
        expect(read.data!.grid.name).toBe('另一进程写入');
        expect(lagging(1)).toBe(waits + 1);
      } finally {
        await sql(replicaPort, 'SELECT pg_wal_replay_resume()');
      }
      // The name as it was, for the tests after this one.
      const now = (await on<{ grid: { version: number } }>(0, GRID, { id: gridId })).data!.grid;
      expect((await on(0, RENAME, { id: gridId, name: before.name, version: now.version })).errors).toBeUndefined();
    } finally {
      for (const a of apps) await a.stop().catch(() => {});
      for (const d of sides) await d.close().catch(() => {});
      await redis.close();
    }
  });

  it('shows replica lag on /metrics and in /healthz', async () => {
    await db!.replicas!.check();
    const health = await healthz();
    expect(health).toMatchObject({
      ok: true,
      primary: { up: true },
      replicas: [{ up: true, name: `127.0.0.1:${replicaPort}/streetgrid` }],
    });
    const name = `127.0.0.1:${replicaPort}/streetgrid`;
    expect(await metric(`streetgrid_db_replica_up{replica="${name}"}`)).toBe(1);
    expect(await metric(`streetgrid_db_replica_lag_seconds{replica="${name}"}`)).toBeGreaterThanOrEqual(0);
    expect(await metric(`streetgrid_db_replica_lag_bytes{replica="${name}"}`)).toBeGreaterThanOrEqual(0);
  });

  it('sends a read again to the primary when its replica connection breaks under it', async () => {
    const session = new DbSession(db!.dataSource, {
      role: 'sg_street',
      settings: { 'sg.role': 'STREET_ADMIN', 'sg.user_id': adminId, 'sg.communities': '{}' },
    });
    session.preferReplica();
    const failovers = db!.replicas!.routes.primary_failover;
    // It sleeps on the replica only, until its connection is broken there (a fixed second could run out on a loaded
    // machine before the test had found and terminated it);
    // sent again to the primary, it answers at once.
    const running = `SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()`;
    try {
      const read = session.manager.query(
        `SELECT pg_is_in_recovery() AS standby, CASE WHEN pg_is_in_recovery() THEN pg_sleep(60) END IS NULL AS slept,
                count(*)::int AS grids FROM grid`,
      );
      await until('the read to run on the replica', async () => (await sql(replicaPort, running)).length > 0);
      await sql(replicaPort, `SELECT pg_terminate_backend(pid) FROM (${running}) AS r`);
      const [row] = (await read) as { standby: boolean; grids: number }[];
      expect(row.standby).toBe(false); // answered by the primary
      expect(row.grids).toBeGreaterThan(0);
      expect(db!.replicas!.routes.primary_failover).toBe(failovers + 1);
    } finally {
      await session.close();
    }
    // The replica itself is fine: the next probe brings it back.
    await until('the replica to be up again', async () => (await healthz()).replicas[0].up);
  });

  it('keeps a replica down when a connection failed while a probe round was under way (the next round brings it back)', async () => {
    // A server being stopped answers the probe already under way, then closes its connections: that answer is older
    // than the failure, and once brought the replica "back" between two "unavailable" of one outage.
    const replicas = db!.replicas!;
    const [replica] = replicas.replicas;
    await until('the replica to be up', async () => (await healthz()).replicas[0].up);
    warnings.length = 0;
    const round = replicas.check(); // its statements are on their way to the (healthy) replica
    replicas.markDown(replica, Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    await round;
    expect(replica.up).toBe(false);
    await replicas.check();
    expect(replica.up).toBe(true);
    expect(warnings.filter((w) => w.includes(`:${replicaPort}/`))).toEqual([
      expect.stringContaining('unavailable (57P01'),
      expect.stringContaining('is back'),
    ]);
  });

  it("lives through a replica connection closed while a read waits for the replica to replay its caller's write", async () => {
    // The wait holds a connection between polls, outside the pool's idle listener: the server closing it then (the
    // replica stopped) emitted 'error' with nobody listening, and the API process died of it (gateway-faults, CI).
    // Replicas of the test's own, so that the wait is long and its connection is told apart by name.
    const lines: string[] = [];
    const primaryStandIn = { options: { url: primaryUrl() } } as unknown as DataSource;
    const own = new ReadReplicas(primaryStandIn, [`${replicaUrl()}?application_name=replica-wait-test`], {
      waitMs: 30_000,
      checkMs: 60_000,
      poolSize: 2,
      connectTimeoutMs: 5_000,
      log: (line) => lines.push(line),
    });
    // The wait's poll (REPLAYED_SQL), not the probe's statement (LAG_SQL), on the same replica under the same name.
    const waiting = `SELECT pid FROM pg_stat_activity WHERE application_name = 'replica-wait-test'
       AND query LIKE '%pg_last_wal_replay_lsn%' AND query NOT LIKE '%pg_last_wal_receive_lsn%'`;
    // Each poll is a statement of well under a millisecond, then 5 ms of sleep: a termination lands between two polls
    // nine times in ten (inside one, the statement fails, and that was always handled). Five rounds.
    const ROUNDS = 5;
    try {
      own.noteWrite('user:replica-wait-test', 'FFFFFFFF/FFFFFFFF'); // a position the replica will not reach: the read waits
      for (let round = 0; round < ROUNDS; round++) {
        if (round > 0) await own.check(); // the replica itself is fine: the probe brings it back
        expect(own.status()[0].up).toBe(true);
        const acquired = own.acquire('user:replica-wait-test');
        await until('the read to wait on the replica', async () => (await sql(replicaPort, waiting)).length > 0);
        await sql(replicaPort, `SELECT pg_terminate_backend(pid) FROM (${waiting}) AS w`);
        expect(await acquired).toBeUndefined(); // the primary answers it
        expect(own.status()[0].up).toBe(false);
      }
      expect(own.routes).toMatchObject({ replica: 0, primary_lagging: 0, primary_unavailable: ROUNDS });
      expect(lines.filter((l) => l.includes('unavailable'))).toHaveLength(ROUNDS);
    } finally {
      await own.stop();
    }
  });

  it('survives the replica stopping under load (reads fall back to the primary, logged once) and returns to it', async () => {
    warnings.length = 0;
    const results: { ok: boolean; error?: string }[] = [];
    let stop = false;
    const worker = async () => {
      for (let i = 0; i < 2_000 && !stop; i++) {
        const r = await gql<{ grids: { totalCount: number } }>(`query Load { grids(first: 5) { totalCount } }`).catch(
          (e: Error) => ({ errors: [{ message: e.message }] }) as GraphQLResponse<{ grids: { totalCount: number } }>,
        );
        results.push(r.errors ? { ok: false, error: r.errors[0].message } : { ok: (r.data?.grids.totalCount ?? 0) > 0 });
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    await new Promise((ok) => setTimeout(ok, 500));
    const servedByReplica = await route('replica');
    await script('stop', '--port', String(replicaPort));
    // Started again whatever fails here: the next test needs the replica.
    let restarted: Promise<unknown> | undefined;
    const restart = () => (restarted ??= script('start', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort)));
    try {
      await new Promise((ok) => setTimeout(ok, 1_500));
      const unavailable = await route('primary_unavailable');
      await new Promise((ok) => setTimeout(ok, 500));
      stop = true;
      await load;
      expect(results.length).toBeGreaterThan(20);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(servedByReplica).toBeGreaterThan(0);
      expect(await route('primary_unavailable')).toBeGreaterThan(unavailable); // still reading, from the primary
      expect(warnings.filter((w) => w.includes('unavailable') && w.includes(`:${replicaPort}/`))).toHaveLength(1);
      expect((await healthz()).replicas[0].up).toBe(false);

      // Started again: the probe finds it, reads return to it.
      await restart();
      await until('the replica to be up again', async () => (await healthz()).replicas[0].up);
      const back = await route('replica');
      for (let i = 0; i < 5; i++) expect((await gql(`query Load { grids(first: 5) { totalCount } }`)).errors).toBeUndefined();
      expect(await route('replica')).toBe(back + 5);
      expect(warnings.filter((w) => w.includes('is back'))).toHaveLength(1);
    } finally {
      stop = true;
      await load;
      await restart();
    }
  });

  it('with the primary down: mutations fail fast with SERVICE_UNAVAILABLE, queries keep working from the replica', async () => {
    await script('primary-stop', '--port', String(primaryPort));
    const started = Date.now();
    const renamed = await gql(RENAME, { id: gridId, name: 'cannot be written', version: 1 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(renamed.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(renamed.data ?? null).toBeNull();
    for (let i = 0; i < 5; i++) {
      const read = await gql<{ grid: { name: string } }>(GRID, { id: gridId });
      expect(read.errors).toBeUndefined();
      expect(read.data!.grid.name).toBe('renamed by the caller');
    }
    await db!.replicas!.check();
    expect(await healthz()).toMatchObject({ ok: true, primary: { up: false }, replicas: [{ up: true }] });
    expect(await metric('streetgrid_db_replica_up{replica="primary"}')).toBe(0);
  });
});
