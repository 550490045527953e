import { createClient } from 'graphql-ws';
import { Pool } from 'pg';
import WebSocket from 'ws';
import { theOperations } from './api';
import { startApiProcess } from './api-process';

/** One sample of the API process's memory, read from its own /metrics. */
interface MemorySample {
  atSeconds: number;
  rssMb: number;
  heapUsedMb: number;
}

export interface SoakResult {
  seconds: number;
  requests: number;
  errors: number;
  subscriptions: number;
  /** Per window: the lowest heap and RSS seen (the lowest heap approximates the live heap after a collection). */
  windows: { fromSeconds: number; requests: number; heapMinMb: number; rssMaxMb: number }[];
  /** Least-squares slope of the windows' lowest heap after the warm-up, in MB per minute. */
  heapSlopeMbPerMin: number;
  rssSlopeMbPerMin: number;
}

/**
 * Memory under a steady mixed load (issue #15: "memory flat under a 10-minute soak"): the built API
 * in its own process, BENCH_SOAK_SECONDS (600) of issue #15's five reads from `concurrency` loops,
 * a grid tile, and a websocket subscription opened and closed every second; the process's heap and
 * RSS sampled from its /metrics every second, reduced per window. The slope of the per-window
 * lowest heap after the first two windows says whether memory is flat.
 */
export async function benchSoak(
  databaseUrl: string,
  opts: { seconds: number; concurrency: number; windowSeconds?: number },
): Promise<SoakResult> {
  const windowSeconds = opts.windowSeconds ?? 30;
  const api = await startApiProcess(databaseUrl, { CASE_SWEEP_MS: '0', TILE_CACHE_SIZE: '0' });
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  const until = start + opts.seconds * 1000;
  const counters = { requests: 0, errors: 0, subscriptions: 0 };
  const samples: MemorySample[] = [];
  const perWindow = new Map<number, number>();
  try {
    const operations = await theOperations(pool);
    const {
      rows: [tile],
    } = await pool.query(`SELECT ST_X(label_point) lng, ST_Y(label_point) lat FROM grid WHERE level = 'SMALL' ORDER BY code LIMIT 1`);
    const z = 15;
    const tx = Math.floor(((tile.lng + 180) / 360) * 2 ** z);
    const rad = (tile.lat * Math.PI) / 180;
    const ty = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
    const headers = { 'content-type': 'application/json', authorization: api.authorization };
    const call = async (i: number): Promise<boolean> => {
      if (i % 6 === 5) {
        const res = await fetch(`${api.url}/tiles/grids/${z}/${tx}/${ty}.mvt`, { headers });
        await res.arrayBuffer();
        return res.status === 200 || res.status === 204;
      }
      const op = operations[i % operations.length];
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: op.query, variables: op.variables?.(i) }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      return res.ok && !body.errors;
    };
    const loop = async () => {
      for (let i = 0; performance.now() < until; i++) {
        const ok = await call(i + counters.requests).catch(() => false);
        counters.requests++;
        if (!ok) counters.errors++;
        const w = Math.floor(elapsed() / windowSeconds);
        perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
      }
    };
    // A subscriber that comes and goes: each subscription's resources must be released.
    const churn = async () => {
      while (performance.now() < until) {
        const client = createClient({
          url: `${api.url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          lazy: false,
          retryAttempts: 0,
          connectionParams: { authorization: api.authorization },
        });
        client.subscribe({ query: `subscription { caseUpdates { id caseId type } }` }, { next() {}, error() {}, complete() {} });
        await new Promise((ok) => setTimeout(ok, 1000));
        await client.dispose();
        counters.subscriptions++;
      }
    };
    const sample = async () => {
      while (performance.now() < until) {
        const text = await fetch(`${api.url}/metrics`)
          .then((r) => r.text())
          .catch(() => '');
        const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
        samples.push({
          atSeconds: elapsed(),
          rssMb: value('streetgrid_process_resident_memory_bytes'),
          heapUsedMb: value('streetgrid_nodejs_heap_size_used_bytes'),
        });
        await new Promise((ok) => setTimeout(ok, 1000));
      }
    };
    await Promise.all([...Array.from({ length: opts.concurrency }, loop), churn(), sample()]);
  } finally {
    await pool.end();
    await api.stop();
  }
  const windows = [...perWindow.keys()]
    .sort((a, b) => a - b)
    .map((w) => {
      const inside = samples.filter((s) => Math.floor(s.atSeconds / windowSeconds) === w && Number.isFinite(s.heapUsedMb));
      return {
        fromSeconds: w * windowSeconds,
        requests: perWindow.get(w) ?? 0,
        heapMinMb: Math.min(...inside.map((s) => s.heapUsedMb)),
        rssMaxMb: Math.max(...inside.map((s) => s.rssMb)),
      };
    })
    .filter((w) => Number.isFinite(w.heapMinMb));
  const settled = windows.slice(2);
  return {
    seconds: elapsed(),
    ...counters,
    windows,
    heapSlopeMbPerMin: slope(settled.map((w) => [w.fromSeconds / 60, w.heapMinMb])),
    rssSlopeMbPerMin: slope(settled.map((w) => [w.fromSeconds / 60, w.rssMaxMb])),
  };
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  if (points.length < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / points.length;
  const my = points.reduce((s, [, y]) => s + y, 0) / points.length;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return num / den;
}

export function printSoak(r: SoakResult): void {
  console.log(
    `soak: ${r.seconds.toFixed(0)} s, ${r.requests} requests (${(r.requests / r.seconds).toFixed(0)} req/s), ${r.errors} errors, ` +
      `${r.subscriptions} subscriptions opened and closed`,
  );
  console.log('from (s) | requests | lowest heap (MB) | highest RSS (MB)');
  const cell = (value: string, width: number) => value.padStart(width);
  for (const w of r.windows) {
    const cells = [
      cell(String(w.fromSeconds), 8),
      cell(String(w.requests), 8),
      cell(w.heapMinMb.toFixed(1), 16),
      cell(w.rssMaxMb.toFixed(1), 16),
    ];
    console.log(cells.join(' | '));
  }
  const third = Math.max(1, Math.floor(r.windows.length / 3));
  const floorOf = (ws: SoakResult['windows']) => Math.min(...ws.map((w) => w.heapMinMb)).toFixed(1);
  console.log(
    `lowest heap in the first third ${floorOf(r.windows.slice(0, third))} MB, in the last third ${floorOf(r.windows.slice(-third))} MB`,
  );
  console.log(`after the first two windows: heap ${r.heapSlopeMbPerMin.toFixed(2)} MB/min, RSS ${r.rssSlopeMbPerMin.toFixed(2)} MB/min`);
}
