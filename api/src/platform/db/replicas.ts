import { Redis } from 'ioredis';
import { Client, Pool, type PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { IDLE_CONNECTION_MS } from './pool';

/**
 * Read replicas (DATABASE_READ_URLS): PostgreSQL streaming replicas of the primary, to which a
 * request's session sends its reads when it has no write to make (`DbSession.preferReplica`).
 *
 * - Routing: replicas in turn, only those up. A replica that refuses a connection or drops one
 *   is marked down (logged once) and its readers go to the primary; a probe every `checkMs`
 *   brings it back (logged once).
 * - Read-your-writes: after a caller's write commits, the session records the primary's WAL
 *   position (`noteWrite`). That caller's next reads take a replica only once it has replayed
 *   that far: known from the probes, or asked on the connection and waited for up to `waitMs`;
 *   else they read the primary. Kept per process for `rememberMs` (a caller whose next request
 *   reaches another API process is not covered).
 * - Lag: the probes read each replica's replayed position and the primary's current one, for
 *   `/metrics` (seconds and bytes behind) and `/healthz`.
 */
export interface ReadReplicasOptions {
  /** How long a caller's read waits for a replica to replay their last write before reading the primary. */
  waitMs: number;
  /** Probe interval (replica health, lag). */
  checkMs: number;
  /** Connections per replica. */
  poolSize: number;
  /** A replica that does not accept a connection in this time counts as down. */
  connectTimeoutMs: number;
  /** How long a caller's last write position is remembered. */
  rememberMs?: number;
  /**
   * Redis (REDIS_URL): callers' last write positions are shared there, so that a caller whose next
   * request lands on another API process (behind the gateway) still reads their own write.
   * Without it, or while it does not answer, each process knows its own callers' writes only.
   */
  redisUrl?: string;
  /** How long a read waits for Redis to say where its caller last wrote before going on without it (default 50 ms). */
  sharedWaitMs?: number;
  log?: (line: string) => void;
}

export interface ReplicaStatus {
  /** host:port/database, without credentials. */
  name: string;
  up: boolean;
  /** Seconds behind the primary's last commit (0 when it has replayed everything it received); null when unknown. */
  lagSeconds: number | null;
  /** WAL bytes between the primary's current position and what the replica has replayed; null when unknown. */
  lagBytes: number | null;
}

/** Where a read session went, and why when not to a replica: counted for /metrics. */
export type ReadRoute = 'replica' | 'primary_lagging' | 'primary_unavailable' | 'primary_busy' | 'primary_failover';

export class Replica {
  up = true;
  /** Failures seen (every `markDown`, whether or not it was up): a probe round that began before the last one does not bring it back. */
  failures = 0;
  /** The highest WAL position seen replayed. */
  replayed = 0n;
  lagSeconds: number | null = null;
  lagBytes: number | null = null;
  constructor(
    readonly name: string,
    readonly url: string,
    readonly pool: Pool,
  ) {}
}

/**
 * Thrown instead of connecting to the primary while the probes find it unreachable: a write fails at
 * once (SERVICE_UNAVAILABLE, by its SQLSTATE class 08) rather than waiting on a connect.
 */
export class PrimaryUnavailableError extends Error {
  readonly code = '08006';
  constructor() {
    super('the primary database is unreachable');
    this.name = 'PrimaryUnavailableError';
  }
}

const byDataSource = new WeakMap<DataSource, ReadReplicas>();

/** The read replicas serving `ds`'s reads, if DATABASE_READ_URLS configured any. */
export function replicasOf(ds: DataSource): ReadReplicas | undefined {
  return byDataSource.get(ds);
}

const CALLERS_MAX = 50_000;
/** How long a read waits for Redis to say where its caller last wrote before going on without it, by default. */
const SHARED_WAIT_MS = 50;

export class ReadReplicas {
  readonly replicas: Replica[];
  /** The primary answered the last probe (a mutation meanwhile fails fast with SERVICE_UNAVAILABLE). */
  primaryUp = true;
  readonly routes: Record<ReadRoute, number> = {
    replica: 0,
    primary_lagging: 0,
    primary_unavailable: 0,
    primary_busy: 0,
    primary_failover: 0,
  };
  /** One connection per server for the probes, apart from the pools (a busy pool is not a server that is down). */
  private readonly probes = new Map<string, Client>();
  private turn = 0;
  private readonly written = new Map<string, { lsn: bigint; at: number }>();
  /** The shared positions (Redis), when configured. */
  private readonly shared: Redis | null;
  private readonly sharedKey: (caller: string) => string;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private readonly log: (line: string) => void;

  constructor(
    private readonly primary: DataSource,
    urls: readonly string[],
    private readonly opts: ReadReplicasOptions,
  ) {
    this.log = opts.log ?? ((line) => console.warn(line));
    this.replicas = urls.map((url) => {
      const pool = new Pool({
        connectionString: url,
        max: opts.poolSize,
        connectionTimeoutMillis: opts.connectTimeoutMs,
        idleTimeoutMillis: IDLE_CONNECTION_MS,
        application_name: 'streetgrid-api-read',
      });
      const replica = new Replica(nameOf(url), url, pool);
      // An idle connection the server closed (replica stopped): the pool drops it; the probe notices the rest.
      pool.on('error', (error) => this.markDown(replica, error));
      return replica;
    });
    byDataSource.set(primary, this);
    // No offline queue and one try: a Redis that does not answer costs a read nothing but the shared position.
    this.shared = opts.redisUrl
      ? new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 100, 1000) })
      : null;
    this.shared?.on('error', () => {});
    const database = (primary.options as { database?: string; url?: string }).url ?? '';
    this.sharedKey = (caller) => `streetgrid:written:${nameOf(database)}:${caller}`;
  }

  /** Starts the probes (one now, then every `checkMs`). */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.opts.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
    byDataSource.delete(this.primary);
    for (const probe of this.probes.values()) await probe.end().catch(() => {});
    this.probes.clear();
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => {})));
    this.shared?.disconnect();
  }

  /** Records the primary's WAL position after `caller`'s commit: their reads wait for a replica to replay it. */
  noteWrite(caller: string, lsn: string): void {
    const value = parseLsn(lsn);
    if (value === null) return;
    this.written.delete(caller);
    this.written.set(caller, { lsn: value, at: Date.now() });
    if (this.written.size > CALLERS_MAX) this.written.delete(this.written.keys().next().value as string);
    // For the other API processes; a later write's position replaces it (positions only grow).
    if (this.shared?.status === 'ready') this.shared.set(this.sharedKey(caller), lsn, 'PX', this.opts.rememberMs ?? 60_000).catch(() => {});
  }

  /** The position `caller` last wrote at through another API process (Redis), if known within `sharedWaitMs`. */
  private async sharedPosition(caller: string): Promise<bigint | null> {
    if (this.shared?.status !== 'ready') return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((ok) => (timer = setTimeout(() => ok(null), this.opts.sharedWaitMs ?? SHARED_WAIT_MS)));
    const lsn = await Promise.race([this.shared.get(this.sharedKey(caller)).catch(() => null), late]);
    clearTimeout(timer);
    return parseLsn(lsn);
  }

  /** The position `caller`'s reads must see, if they wrote within `rememberMs` (here, or through another process). */
  private async mustSee(caller: string | undefined): Promise<bigint | undefined> {
    if (!caller) return undefined;
    let local: bigint | undefined = this.written.get(caller)?.lsn;
    if (local !== undefined && Date.now() - this.written.get(caller)!.at > (this.opts.rememberMs ?? 60_000)) {
      this.written.delete(caller);
      local = undefined;
    }
    const shared = await this.sharedPosition(caller);
    if (shared === null) return local;
    return local === undefined || shared > local ? shared : local;
  }

  /**
   * A connection to a replica for `caller`'s reads, or undefined when they should read the
   * primary (every replica down, or none has replayed the caller's last write within `waitMs`).
   */
  async acquire(caller: string | undefined): Promise<{ replica: Replica; client: PoolClient } | undefined> {
    const want = await this.mustSee(caller);
    let busy = false;
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.pick();
      if (!replica) break;
      // Every connection in use: the primary takes the overflow (waiting here could be taken for a replica that is down).
      if (replica.pool.totalCount >= this.opts.poolSize && replica.pool.idleCount === 0) {
        busy = true;
        continue;
      }
      let client: PoolClient;
      try {
        client = await replica.pool.connect();
      } catch (error) {
        this.markDown(replica, error);
        continue;
      }
      if (want === undefined || replica.replayed >= want) {
        this.routes.replica++;
        return { replica, client };
      }
      // While it waits here the connection is this method's, and the pool listens only to its idle ones: a server
      // that closes it between two polls (the replica stopped) emits 'error' on it, an uncaught exception that
      // ended the API process. The session that takes the connection listens from then on (connectForRead).
      const onError = (error: unknown) => this.markDown(replica, error);
      client.on('error', onError);
      try {
        if (await this.waitFor(replica, client, want)) {
          this.routes.replica++;
          return { replica, client };
        }
        client.release();
        this.routes.primary_lagging++;
        return undefined;
      } catch (error) {
        client.release(error as Error);
        if (isConnectionError(error)) this.markDown(replica, error);
        else throw error;
      } finally {
        client.removeListener('error', onError);
      }
    }
    this.routes[busy ? 'primary_busy' : 'primary_unavailable']++;
    return undefined;
  }

  /** Waits (bounded by `waitMs`) until the replica behind `client` has replayed `want`. */
  private async waitFor(replica: Replica, client: PoolClient, want: bigint): Promise<boolean> {
    const deadline = Date.now() + this.opts.waitMs;
    for (;;) {
      const { rows } = await client.query<{ lsn: string | null }>(REPLAYED_SQL);
      const replayed = parseLsn(rows[0]?.lsn ?? null);
      if (replayed !== null && replayed > replica.replayed) replica.replayed = replayed;
      if (replica.replayed >= want) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise((ok) => setTimeout(ok, Math.min(5, left)));
    }
  }

  /** The next replica that is up, in turn. */
  private pick(): Replica | undefined {
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const replica = this.replicas[(this.turn + i) % n];
      if (replica.up) {
        this.turn = (this.turn + i + 1) % n;
        return replica;
      }
    }
    return undefined;
  }

  /** A replica failed: its readers go to the primary until a probe succeeds (logged once per outage). */
  markDown(replica: Replica, error: unknown): void {
    replica.failures++;
    if (!replica.up) return;
    replica.up = false;
    replica.lagSeconds = null;
    replica.lagBytes = null;
    this.log(`read replica ${replica.name} unavailable (${describe(error)}): its reads go to the primary`);
  }

  /** A statement of a session read from `replica` and must be retried on the primary (for /metrics). */
  failedOver(): void {
    this.routes.primary_failover++;
  }

  /** One round of probes: the primary's WAL position, then each replica's health and lag. */
  check(): Promise<void> {
    this.checking ??= this.probe().finally(() => (this.checking = null));
    return this.checking;
  }

  private async probe(): Promise<void> {
    // A connection that fails while this round runs is newer news than the round's answer: a server being
    // stopped answers a probe already under way, then closes its connections (the replica came "back" between
    // two "unavailable" of the same outage). Such a replica stays down until the next round.
    const failures = this.replicas.map((r) => r.failures);
    let primaryLsn: bigint | null = null;
    try {
      // Its own connection, not the DataSource: probes are not the app's statements (the statement counter stays exact).
      const url = (this.primary.options as { url?: string }).url ?? '';
      const { rows } = await this.probe1('primary', url, 'SELECT pg_current_wal_lsn()::text AS lsn');
      primaryLsn = parseLsn((rows[0] as { lsn?: string } | undefined)?.lsn ?? null);
      if (!this.primaryUp) this.log('primary database reachable again: writes accepted');
      this.primaryUp = true;
    } catch (error) {
      if (this.primaryUp) this.log(`primary database unreachable (${describe(error)}): writes fail with SERVICE_UNAVAILABLE`);
      this.primaryUp = false;
    }
    await Promise.all(
      this.replicas.map(async (replica, i) => {
        try {
          const { rows } = (await this.probe1(replica.url, replica.url, LAG_SQL)) as {
            rows: { lsn: string | null; lag: number | string | null }[];
          };
          const replayed = parseLsn(rows[0]?.lsn ?? null);
          if (replayed !== null && replayed > replica.replayed) replica.replayed = replayed;
          replica.lagSeconds = rows[0]?.lag === null || rows[0]?.lag === undefined ? null : Math.max(0, Number(rows[0].lag));
          replica.lagBytes = primaryLsn !== null && replayed !== null ? Math.max(0, Number(primaryLsn - replayed)) : null;
          if (!replica.up && replica.failures === failures[i]) {
            replica.up = true;
            this.log(`read replica ${replica.name} is back: reads return to it`);
          }
        } catch (error) {
          this.markDown(replica, error);
        }
      }),
    );
  }

  /** One probe statement on the server's probe connection (opened on first use, dropped after a failure). */
  private async probe1(key: string, url: string, sql: string): Promise<{ rows: unknown[] }> {
    let client = this.probes.get(key);
    if (!client) {
      client = new Client({
        connectionString: url,
        connectionTimeoutMillis: this.opts.connectTimeoutMs,
        query_timeout: this.opts.connectTimeoutMs,
        application_name: 'streetgrid-api-probe',
      });
      client.on('error', () => {});
      this.probes.set(key, client);
      try {
        await client.connect();
      } catch (error) {
        this.probes.delete(key);
        void client.end().catch(() => {});
        throw error;
      }
    }
    try {
      return await client.query(sql);
    } catch (error) {
      this.probes.delete(key);
      void client.end().catch(() => {});
      throw error;
    }
  }

  /** For /healthz and /metrics. */
  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({ name: r.name, up: r.up, lagSeconds: r.lagSeconds, lagBytes: r.lagBytes }));
  }

  /**
   * Rows from the first replica that answers (the system's own reads, e.g. loading a caller's
   * account when the primary is unreachable). Throws the last error when none does.
   */
  async query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    let last: unknown = new Error('no read replica is up');
    for (const replica of this.replicas) {
      if (!replica.up) continue;
      try {
        return (await replica.pool.query(sql, parameters)).rows as T[];
      } catch (error) {
        last = error;
        if (isConnectionError(error)) this.markDown(replica, error);
        else throw error;
      }
    }
    throw last;
  }
}

/** What the replica has replayed (on a server that is not a standby: its own current position). */
const REPLAYED_SQL = `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn`;
/** Replayed position, and seconds behind: 0 when everything received is replayed, else the age of the last replayed commit. */
const LAG_SQL = `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn,
  CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END AS lag`;

/** `16/B374D848` → a number of bytes. */
export function parseLsn(lsn: string | null): bigint | null {
  if (!lsn) return null;
  const m = /^([0-9A-Fa-f]+)\/([0-9A-Fa-f]+)$/.exec(lsn);
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** Errors that say the server is gone or refusing connections (not what a statement did). */
export function isConnectionError(error: unknown): boolean {
  const e = ((error as { driverError?: unknown })?.driverError ?? error) as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable|Client was closed/i.test(message);
}

/** A read on a replica that the primary can answer instead: the replica is gone, or a conflict with recovery cancelled it. */
export function replicaRetryable(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  const e = ((error as { driverError?: unknown })?.driverError ?? error) as { code?: unknown; message?: unknown };
  return e?.code === '40001' && typeof e.message === 'string' && /conflict with recovery/i.test(e.message);
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return [e?.code, e?.message].filter(Boolean).join(' ') || String(error);
}

/** host:port/database of a URL, never its credentials. */
export function nameOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'replica';
  }
}
