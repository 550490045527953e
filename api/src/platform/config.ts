/**
 * Process configuration, read once from the environment: the one place that reads
 * `process.env` (an eslint rule says so). Everything else takes a `Config`, or
 * `processConfig()` for a default.
 */
export interface Config {
  port: number;
  host: string;
  /** A real PostgreSQL + PostGIS; unset means the embedded PGlite default under `dataDir`. */
  databaseUrl?: string;
  /**
   * Streaming replicas of DATABASE_URL's primary (DATABASE_READ_URLS, comma-separated): GraphQL
   * queries and GET routes read there, writes and a mutation's reads go to the primary. Empty: every
   * statement goes to the primary, as without them. See `platform/db/replicas.ts`.
   */
  databaseReadUrls: readonly string[];
  /** How long a caller's read waits for a replica to replay their own last write before reading the primary. */
  readReplicaWaitMs: number;
  /** How long a read waits for Redis to say where its caller last wrote (through another API process) before going on without it. */
  readReplicaSharedWaitMs: number;
  dataDir: string;
  redisUrl?: string;
  production: boolean;
  /** Directory of the built web app served on the same origin, if present. */
  webDist?: string;
  /** Seed the small demo street when the database has no street yet. */
  seedDemo: boolean;
  /** On SIGINT/SIGTERM, how long requests in flight may take before their connections are cut. */
  shutdownGraceMs: number;
  /**
   * Which proxies in front of the API to believe about the client's address
   * (X-Forwarded-For), as express's `trust proxy` setting: unset trusts none, so the
   * address is the socket's peer. Sign-in throttling counts failures per address.
   */
  trustProxy?: boolean | number | string;
  /** How often a websocket's account is looked up again (closed once disabled or its key revoked). */
  wsRecheckMs: number;
  /** Compiled reads (one statement per page read, see graphql/compiled-read.ts); `COMPILED_READS=off` reads through the resolvers only. */
  compiledReads: boolean;
  /** Signs access tokens: JWT_SECRET, or in development a fixed local one (never in production). */
  jwtSecret: Uint8Array;
  /** The sweeps' interval (overdue cases, expired wish claims); 0 turns them off. */
  sweepMs: number;
  /** Where case and wish photos are kept, by content hash. */
  storageDir: string;
  /** Vector tiles: force an encoder (`sql` ST_AsMVT, `js` geojson-vt), else probed at start. */
  tileEncoder?: 'sql' | 'js';
  /** Tiles kept in memory; 0 turns the cache off (benchmarks). */
  tileCacheSize: number;
  /** Extra Open311-only API keys (department keys with the Case scope work too). */
  open311Keys: ReadonlySet<string>;
  /** Outbound notifications (the notify worker and its channels); a channel left unset sends nothing. */
  notify: NotifyConfig;
  /** Departments' syncs (`changedSince`): see `graphql/sync.ts`. */
  sync: SyncConfig;
  /** GET /metrics for `Authorization: Bearer <METRICS_TOKEN>`; unset: loopback peers only, never through a proxy. */
  metricsToken?: string;
}

/** Departments' syncs (SYNC_* variables). */
export interface SyncConfig {
  /** A sync cursor is never newer than this long before the pull (commit-time skew; see `sync_horizon`). */
  windowMs: number;
  /** Tombstones are kept this many days; an older cursor answers SYNC_CURSOR_EXPIRED (resync in full). */
  retentionDays: number;
  /** How often old tombstones are pruned; 0 turns pruning off. */
  pruneMs: number;
}

/** The notify worker and its channel adapters (NOTIFY_* variables). */
export interface NotifyConfig {
  /** SMS through a provider's HTTP API: a JSON POST to `url` with `X-Api-Key` and, given a secret, an HMAC-SHA256 `X-Signature`. */
  sms?: { url: string; apiKey: string; secret?: string };
  /** A WeCom (企业微信) group robot's webhook URL (…/cgi-bin/webhook/send?key=…). */
  wecom?: { url: string };
  /** How often the worker looks for due messages; 0 turns it off (it is off anyway without a channel). */
  workerMs: number;
  /** Attempts before a message is dead. */
  maxAttempts: number;
  /** The first retry's delay; each later one doubles (capped at an hour). */
  backoffMs: number;
  /** How long a claimed message is left to its worker before another may send it again (longer than `timeoutMs`). */
  leaseMs: number;
  /** One send's time limit. */
  timeoutMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: env.PORT ? Number(env.PORT) : 4000,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrls: (env.DATABASE_READ_URLS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    readReplicaWaitMs: wholeNumber(env, 'DATABASE_READ_WAIT_MS', 200),
    readReplicaSharedWaitMs: wholeNumber(env, 'DATABASE_READ_SHARED_WAIT_MS', 50),
    dataDir: env.DATA_DIR ?? '.data',
    redisUrl: env.REDIS_URL || undefined,
    production: env.NODE_ENV === 'production',
    webDist: env.WEB_DIST || undefined,
    seedDemo: env.SEED_DEMO !== 'false',
    shutdownGraceMs: wholeNumber(env, 'SHUTDOWN_GRACE_MS', 10_000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    wsRecheckMs: wholeNumber(env, 'WS_RECHECK_MS', 60_000),
    compiledReads: env.COMPILED_READS !== 'off',
    jwtSecret: jwtSecret(env),
    sweepMs: wholeNumber(env, 'CASE_SWEEP_MS', 60_000),
    storageDir: env.STORAGE_DIR || '.data/photos',
    tileEncoder: env.TILE_ENCODER === 'sql' || env.TILE_ENCODER === 'js' ? env.TILE_ENCODER : undefined,
    tileCacheSize: wholeNumber(env, 'TILE_CACHE_SIZE', 2000),
    open311Keys: new Set(
      (env.OPEN311_API_KEYS ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
    notify: notifyConfig(env),
    sync: {
      windowMs: wholeNumber(env, 'SYNC_WINDOW_MS', 1_000),
      retentionDays: Math.max(1, wholeNumber(env, 'SYNC_RETENTION_DAYS', 90, 'days')),
      pruneMs: wholeNumber(env, 'SYNC_PRUNE_MS', 3_600_000),
    },
    metricsToken: env.METRICS_TOKEN || undefined,
  };
}

function notifyConfig(env: NodeJS.ProcessEnv): NotifyConfig {
  const timeoutMs = wholeNumber(env, 'NOTIFY_TIMEOUT_MS', 10_000);
  return {
    sms: env.NOTIFY_SMS_URL
      ? { url: env.NOTIFY_SMS_URL, apiKey: env.NOTIFY_SMS_API_KEY ?? '', secret: env.NOTIFY_SMS_SECRET || undefined }
      : undefined,
    wecom: env.NOTIFY_WECOM_WEBHOOK ? { url: env.NOTIFY_WECOM_WEBHOOK } : undefined,
    workerMs: wholeNumber(env, 'NOTIFY_WORKER_MS', 5_000),
    maxAttempts: Math.max(1, wholeNumber(env, 'NOTIFY_MAX_ATTEMPTS', 6, 'attempts')),
    backoffMs: wholeNumber(env, 'NOTIFY_BACKOFF_MS', 30_000),
    leaseMs: Math.max(wholeNumber(env, 'NOTIFY_LEASE_MS', 60_000), timeoutMs + 1_000),
    timeoutMs,
  };
}

let fromProcess: Config | undefined;

/** This process's configuration (read once): the default where no `Config` is passed in. */
export function processConfig(): Config {
  return (fromProcess ??= readConfig(process.env));
}

/** The signing secret: JWT_SECRET, or in development a fixed local one (never in production). */
export function jwtSecret(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const secret = env.JWT_SECRET;
  if (secret) return new TextEncoder().encode(secret);
  if (env.NODE_ENV === 'production') throw new Error('JWT_SECRET must be set in production');
  return new TextEncoder().encode('streetgrid-development-secret-not-for-production');
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, unit = 'milliseconds'): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number of ${unit}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** `true`/`false`, a number of hops, or addresses and subnets (`loopback`, `uniquelocal`, `10.0.0.0/8`, …). */
function trustProxy(value: string | undefined): Config['trustProxy'] {
  if (!value) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
