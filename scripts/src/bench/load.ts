/** Latency figures of one load run. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Runs `call` from `concurrency` loops for `seconds` (after a short warm-up) and answers
 * throughput and latency percentiles. Hand-written rather than autocannon because each
 * request takes fresh arguments (a random point) and the same loop drives both the HTTP
 * path and the raw SQL baseline, so the two are measured the same way.
 */
export async function runLoad(
  call: (i: number) => Promise<boolean>,
  opts: { concurrency: number; seconds: number; warmupSeconds?: number; measure?: { begin(): Promise<void>; end(): Promise<void> } },
): Promise<LoadResult> {
  const loop = async (until: number, latencies: number[] | null, counters: { n: number; errors: number }) => {
    while (performance.now() < until) {
      const i = counters.n++;
      const t = performance.now();
      const ok = await call(i).catch(() => false);
      if (!ok) counters.errors++;
      latencies?.push(performance.now() - t);
    }
  };
  const warm = performance.now() + (opts.warmupSeconds ?? 1) * 1000;
  await Promise.all(Array.from({ length: opts.concurrency }, () => loop(warm, null, { n: 0, errors: 0 })));
  const latencies: number[] = [];
  const counters = { n: 0, errors: 0 };
  await opts.measure?.begin();
  const start = performance.now();
  const until = start + opts.seconds * 1000;
  await Promise.all(Array.from({ length: opts.concurrency }, () => loop(until, latencies, counters)));
  const seconds = (performance.now() - start) / 1000;
  await opts.measure?.end();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors: counters.errors,
    seconds,
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Several windows as one: requests and seconds summed, the percentiles of the slowest window (conservative). */
export function mergeRuns(runs: LoadResult[]): LoadResult {
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  return {
    requests,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    seconds,
    rps: requests / seconds,
    p50Ms: Math.max(...runs.map((r) => r.p50Ms)),
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
  };
}

export function fmt(r: LoadResult): string {
  return (
    `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  ` +
    `(${r.requests} requests, ${r.errors} errors)`
  );
}
