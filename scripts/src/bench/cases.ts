import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Database } from '@streetgrid/api';
import { benchAuthorization, startApiProcess } from './api-process';
import { fmt, percentile, runLoad, type LoadResult } from './load';

export interface CaseFanOut {
  processes: number;
  /** Who subscribes: the street admin (every event in their grids) or a leader of one small grid (nearly none). */
  as: 'admin' | 'leader';
  subscribers: number;
  reports: number;
  /** Deliveries that arrived (reports × subscribers for the admin; the leader's own grid's only). */
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The report mutation's own round trip, for reference. */
  mutationP50Ms: number;
  /** Database transactions per report over the run (pg_stat_database): the report's own and every subscriber's check. */
  transactionsPerReport: number;
}

async function transactions(db: Database): Promise<number> {
  const [{ n }] = await db.dataSource.query(
    `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(n);
}

const REPORT = `mutation ($input: ReportCaseInput!, $actor: ActorInput!) { reportCase(input: $input, actor: $actor) { case { id } } }`;
const UPDATES = `subscription { caseUpdates { id caseId type } }`;

/** Report locations: the label points of the street's small grids, taken in turn, so reports spread as real ones do. */
async function smallGridPoints(db: Database): Promise<(i: number) => [number, number]> {
  const rows: { lng: number; lat: number }[] = await db.dataSource.query(
    `SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM grid WHERE level = 'SMALL' ORDER BY md5(code)`,
  );
  return (i) => [rows[i % rows.length].lng, rows[i % rows.length].lat];
}

function reportBody([lng, lat]: [number, number], key: string): string {
  return JSON.stringify({
    query: REPORT,
    variables: {
      input: { clientKey: key, category: 'ENVIRONMENT', source: 'SENSOR', lng, lat, description: 'bench' },
      actor: { role: 'REPORTER', name: 'bench' },
    },
  });
}

/**
 * Fan-out latency: `subscribers` graphql-ws clients spread over `processes` API
 * processes (Redis between them when more than one), then `reports` report mutations
 * one at a time on the first process. Latency is from sending the mutation to each
 * subscriber receiving the event, so it includes the mutation's own work and commit
 * (an upper bound on commit → delivery). The subscribers run in this process, so with
 * many of them client-side parsing is part of the figure.
 */
export async function benchCaseFanOut(
  db: Database & { url: string },
  opts: { processes: number; subscribers: number; reports: number; redisUrl?: string; as?: 'admin' | 'leader' },
): Promise<CaseFanOut> {
  const as = opts.as ?? 'admin';
  const env: Record<string, string> = { CASE_SWEEP_MS: '0' };
  if (opts.processes > 1) env.REDIS_URL = opts.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const apis = await Promise.all(Array.from({ length: opts.processes }, () => startApiProcess(db.url, env)));
  const point = await smallGridPoints(db);
  const subscriber = as === 'leader' ? await benchAuthorization(db.url, undefined, 'leader') : apis[0].authorization;
  const sentAt = new Map<string, number>();
  const arrivals: { caseId: string; at: number }[] = [];
  const clients: Client[] = [];
  try {
    let connected = 0;
    for (let i = 0; i < opts.subscribers; i++) {
      const url = `${apis[i % apis.length].url.replace(/^http/, 'ws')}/graphql`;
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: { authorization: subscriber },
        on: { connected: () => connected++ },
      });
      client.subscribe<{ caseUpdates: { caseId: string } }>(
        { query: UPDATES },
        {
          next: (r) => r.data && arrivals.push({ caseId: r.data.caseUpdates.caseId, at: performance.now() }),
          error: () => {},
          complete: () => {},
        },
      );
      clients.push(client);
    }
    const deadline = Date.now() + 60_000;
    while (connected < opts.subscribers && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
    if (connected < opts.subscribers) throw new Error(`only ${connected} of ${opts.subscribers} subscribers connected`);
    await new Promise((ok) => setTimeout(ok, 1000)); // subscriptions registered on the bus

    // One report first, not measured: each process's bus starts from the table's last id, and
    // an earlier run's cleaned-up events leave a gap that the first event waits out once.
    await fetch(`${apis[0].url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: apis[0].authorization },
      body: reportBody(point(opts.reports), `bench-fan-warm-${Date.now()}`),
    });
    await new Promise((ok) => setTimeout(ok, 500));

    const mutationMs: number[] = [];
    const xactsBefore = await transactions(db);
    for (let i = 0; i < opts.reports; i++) {
      const t = performance.now();
      const res = await fetch(`${apis[0].url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: apis[0].authorization },
        body: reportBody(point(i), `bench-fan-${Date.now()}-${i}`),
      });
      const body = (await res.json()) as { data?: { reportCase: { case: { id: string } } } };
      mutationMs.push(performance.now() - t);
      if (body.data) sentAt.set(body.data.reportCase.case.id, t);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    // A leader of one small grid receives none or few: wait the whole window (the mutation p50 shows the checks' cost).
    const expected = as === 'admin' ? sentAt.size * opts.subscribers : Infinity;
    const waitUntil = Date.now() + (as === 'admin' ? 10_000 : 3_000);
    while (arrivals.length < expected && Date.now() < waitUntil) await new Promise((ok) => setTimeout(ok, 50));
    await new Promise((ok) => setTimeout(ok, 1500)); // the statistics collector's flush
    const xacts = (await transactions(db)) - xactsBefore;
    const latencies = arrivals.filter((a) => sentAt.has(a.caseId)).map((a) => a.at - sentAt.get(a.caseId)!);
    latencies.sort((a, b) => a - b);
    mutationMs.sort((a, b) => a - b);
    return {
      processes: opts.processes,
      as,
      subscribers: opts.subscribers,
      reports: sentAt.size,
      delivered: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1] ?? NaN,
      mutationP50Ms: percentile(mutationMs, 50),
      transactionsPerReport: xacts / Math.max(1, sentAt.size),
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all(apis.map((a) => a.stop()));
  }
}

/** Report mutation throughput on one API process: `concurrency` loops, fresh clientKeys. */
export async function benchReportThroughput(
  db: Database & { url: string },
  opts: { concurrency: number; seconds: number },
): Promise<LoadResult> {
  const api = await startApiProcess(db.url, { CASE_SWEEP_MS: '0' });
  const point = await smallGridPoints(db);
  const run = Date.now();
  try {
    return await runLoad(async (i) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: api.authorization },
        body: reportBody(point(i), `bench-tp-${run}-${i}-${Math.random()}`),
      });
      const body = (await res.json()) as { errors?: unknown };
      return res.ok && !body.errors;
    }, opts);
  } finally {
    await api.stop();
  }
}

export function printCaseFanOut(r: CaseFanOut): void {
  console.log(
    `fan-out  ${r.processes} process(es), ${r.subscribers} ${r.as} subscribers, ${r.reports} reports: ` +
      (r.delivered
        ? `p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  max ${r.maxMs.toFixed(1)} ms`
        : 'no event in their grids') +
      `  (${r.delivered}/${r.reports * r.subscribers} delivered; mutation p50 ${r.mutationP50Ms.toFixed(1)} ms; ` +
      `${r.transactionsPerReport.toFixed(1)} database transactions per report)`,
  );
}

export function printReportThroughput(concurrency: number, r: LoadResult): void {
  console.log(`reportCase  concurrency ${String(concurrency).padStart(2)}  ${fmt(r)}`);
}

/** Removes the benchmark's own cases so repeated runs do not grow the duplicate search. */
export async function cleanBenchCases(db: Database): Promise<void> {
  await db.dataSource.query(`DELETE FROM case_event WHERE case_id IN (SELECT id FROM "case" WHERE client_key LIKE 'bench-%')`);
  await db.dataSource.query(`DELETE FROM "case" WHERE client_key LIKE 'bench-%'`);
}
