import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { ReadReplicas } from './db/replicas';
import type { BusObserver, BusVia } from './events/bus';

/** Distinct operation names kept as labels; later new ones count as `other` (a client names its operations). */
const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** What the metrics read from the rest of the app when scraped. */
export interface MetricsSources {
  ds: DataSource;
  /** Open graphql-ws connections and the subscriptions running on them. */
  subscribers(): { connections: number; subscriptions: number };
  /** DATABASE_READ_URLS' replicas: their lag and state, and where read sessions went. */
  replicas?: ReadReplicas;
  /** SQL statements this server has sent since it started (sessions' transaction control not counted). */
  statements?: () => number;
}

/**
 * The process's Prometheus metrics (prom-client), one registry per app: GraphQL requests by
 * operation (rate, errors, latency), the database pool (size, idle, waiting), subscribers and
 * sweep runs, and prom-client's process metrics (CPU, memory, event-loop lag, GC).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({
    name: 'streetgrid_graphql_requests_total',
    help: 'GraphQL requests over HTTP by operation name, kind (query, mutation) and outcome (ok, error)',
    labelNames: ['operation', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'streetgrid_graphql_request_duration_seconds',
    help: 'GraphQL request time over HTTP, from parse to the response, by operation name and kind',
    labelNames: ['operation', 'kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly jobRuns = new Counter({
    name: 'streetgrid_job_runs_total',
    help: 'Runs of the periodic jobs (case and wish sweeps, notify worker, sync pruning) by job and outcome (ok, error)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly jobTime = new Histogram({
    name: 'streetgrid_job_duration_seconds',
    help: 'How long a periodic job run took',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'streetgrid_' });
    const pool = () => poolOf(sources.ds);
    new Gauge({
      name: 'streetgrid_db_pool_connections',
      help: 'Database pool of this server: connections open (total), idle, clients waiting for one (waiting), the limit (max)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
        this.set({ state: 'max' }, p.options?.max ?? 0);
      },
    });
    new Gauge({
      name: 'streetgrid_subscribers',
      help: 'Live subscribers on this server: graphql-ws connections and the subscriptions they run',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const s = sources.subscribers();
        this.set({ kind: 'connections' }, s.connections);
        this.set({ kind: 'subscriptions' }, s.subscriptions);
      },
    });
    const statements = sources.statements;
    if (statements)
      new Counter({
        name: 'streetgrid_db_statements_total',
        help:
          'SQL statements this server has sent (the requests’ own; not the sessions’ transaction control): ' +
          'divided by requests, the statements per request that `pnpm bench api` prints',
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(statements());
        },
      });
    if (sources.replicas) this.replicaMetrics(sources.replicas);
  }

  /** Replica lag and state (from the replicas' probes, every second), and where read sessions went. */
  private replicaMetrics(replicas: ReadReplicas): void {
    new Gauge({
      name: 'streetgrid_db_replica_lag_seconds',
      help: 'Read replica lag: seconds since the last commit it replayed, 0 when it has replayed all it received (absent when down)',
      labelNames: ['replica'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const r of replicas.status()) if (r.lagSeconds !== null) this.set({ replica: r.name }, r.lagSeconds);
      },
    });
    new Gauge({
      name: 'streetgrid_db_replica_lag_bytes',
      help: "Read replica lag: WAL bytes between the primary's current position and what the replica has replayed (absent when unknown)",
      labelNames: ['replica'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const r of replicas.status()) if (r.lagBytes !== null) this.set({ replica: r.name }, r.lagBytes);
      },
    });
    new Gauge({
      name: 'streetgrid_db_replica_up',
      help: 'Read replica answering (1) or not (0: its reads go to the primary); primary: the primary answering',
      labelNames: ['replica'] as const,
      registers: [this.registry],
      collect() {
        for (const r of replicas.status()) this.set({ replica: r.name }, r.up ? 1 : 0);
        this.set({ replica: 'primary' }, replicas.primaryUp ? 1 : 0);
      },
    });
    new Counter({
      name: 'streetgrid_db_read_sessions_total',
      help:
        'Read sessions (queries, GET routes) by where they read: replica, or the primary because no replica had replayed the ' +
        "caller's write in time (primary_lagging), none was up (primary_unavailable), " +
        'every replica connection was in use (primary_busy), or the replica failed under a read (primary_failover)',
      labelNames: ['route'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [route, n] of Object.entries(replicas.routes)) this.inc({ route }, n);
      },
    });
  }

  /** Counts and times each GraphQL request by its operation name (`anonymous` when unnamed). */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async (rc) => {
            const operation = this.label(rc.operationName ?? rc.request.operationName ?? null);
            const kind = rc.operation?.operation ?? 'unknown';
            const failed = rc.response.body.kind === 'single' && !!rc.response.body.singleResult.errors?.length;
            this.requests.inc({ operation, kind, outcome: failed ? 'error' : 'ok' });
            this.latency.observe({ operation, kind }, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }

  /**
   * The event bus's metrics, fed by the bus as it works (`createEventBus`'s observer): events
   * reaching this process's subscribers by the way they came, the delay through Redis, Redis's
   * state and outages, and each ordered topic's last delivered id and events waiting for a gap.
   * Nothing here queries the database at a scrape.
   */
  busObserver(): BusObserver {
    const events = new Counter({
      name: 'streetgrid_bus_events_total',
      help:
        "Events handed to this server's subscribers, by topic and how they came: redis (the channel), direct (no Redis, or " +
        'Redis down: published to this server only), table (read back from the topic’s table: a gap filled, an outage caught up)',
      labelNames: ['topic', 'via'] as const,
      registers: [this.registry],
    });
    const delay = new Histogram({
      name: 'streetgrid_bus_delay_seconds',
      help: 'Seconds from an event’s publish (on any server) to its arrival here through Redis: the bus’s lag',
      labelNames: ['topic'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [this.registry],
    });
    const outages = new Counter({
      name: 'streetgrid_bus_outages_total',
      help: 'Times Redis stopped answering this server (events then reach only its own subscribers until it is back)',
      registers: [this.registry],
    });
    const registry = this.registry;
    const ordered: { topic: string; state: () => { last: bigint | null; pending: number } }[] = [];
    new Gauge({
      name: 'streetgrid_bus_last_event_id',
      help:
        'Ordered topics (case): the last event id handed to this server’s subscribers; a server below the others ' +
        '(max by topic minus this) lags behind them',
      labelNames: ['topic'] as const,
      registers: [registry],
      collect() {
        for (const o of ordered) {
          const { last } = o.state();
          if (last !== null) this.set({ topic: o.topic }, Number(last));
        }
      },
    });
    new Gauge({
      name: 'streetgrid_bus_pending_events',
      help: 'Ordered topics: events that arrived early and wait for the ones before them (filled from the table after 250 ms)',
      labelNames: ['topic'] as const,
      registers: [registry],
      collect() {
        for (const o of ordered) this.set({ topic: o.topic }, o.state().pending);
      },
    });
    return {
      events: (topic: string, via: BusVia, count: number) => events.inc({ topic, via }, count),
      delay: (topic: string, seconds: number) => delay.observe({ topic }, seconds),
      outage: () => outages.inc(),
      watchRedis(up) {
        new Gauge({
          name: 'streetgrid_bus_redis_up',
          help: 'Redis answering this server’s event bus (1) or not (0); absent without REDIS_URL (one server, in memory)',
          registers: [registry],
          collect() {
            this.set(up() ? 1 : 0);
          },
        });
      },
      watchOrdered(topic, state) {
        ordered.push({ topic: topic.name, state });
      },
    };
  }

  /** Records one run of a periodic job. */
  jobRun(job: string, seconds: number, ok: boolean): void {
    this.jobRuns.inc({ job, outcome: ok ? 'ok' : 'error' });
    this.jobTime.observe({ job }, seconds);
  }

  private label(name: string | null): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(name);
    return name;
  }
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** node-postgres's pool behind TypeORM's postgres driver (none on the embedded PGlite). */
function poolOf(ds: DataSource): PgPool | null {
  const master = (ds.driver as unknown as { master?: Partial<PgPool> }).master;
  return master && typeof master.totalCount === 'number' ? (master as PgPool) : null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * GET /metrics in Prometheus's text format. With METRICS_TOKEN set: for `Authorization:
 * Bearer <token>` only, from anywhere. Without it: for loopback peers only, and never for a
 * request that came through a proxy (X-Forwarded-For or Forwarded set), so a reverse proxy on
 * the same host does not publish it. Anyone else: 404, as if there were no such path.
 */
export function metricsRoute(metrics: Metrics, token: string | undefined): express.RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  return (req, res, next) => {
    let allowed: boolean;
    if (expected) {
      const given = Buffer.from(req.header('authorization') ?? '');
      allowed = given.length === expected.length && timingSafeEqual(given, expected);
    } else {
      const proxied = req.header('x-forwarded-for') !== undefined || req.header('forwarded') !== undefined;
      allowed = !proxied && LOOPBACK.has(req.socket.remoteAddress ?? '');
    }
    if (!allowed) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => res.setHeader('Content-Type', metrics.registry.contentType).setHeader('Cache-Control', 'no-store').send(text))
      .catch(next);
  };
}
