import type { DomainDeps, DomainJob } from './domain';

/**
 * Runs each job every `everyMs` (timers unref'd, so they never hold the process open): a
 * run is skipped while the previous one is still going or the database is closed, and a
 * failure is logged, not thrown. Answers the stop: no run starts after it, and its promise
 * settles once the runs in progress have finished, so the app closes the database only then
 * (a sweep cut off by the pool's end logged "Connection terminated" at every test's teardown).
 */
export function startJobs(
  jobs: readonly DomainJob[],
  deps: DomainDeps,
  onRun?: (job: string, seconds: number, ok: boolean) => void,
): () => Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  const timers = jobs.flatMap((job) => {
    const every = job.everyMs(deps.config);
    if (every <= 0) return [];
    let running = false;
    const timer = setInterval(() => {
      if (stopped || running || !deps.ds.isInitialized) return;
      running = true;
      const started = performance.now();
      const run = job
        .run(deps)
        .then(
          () => onRun?.(job.name, (performance.now() - started) / 1000, true),
          (error: unknown) => {
            console.error(`${job.name} failed`, error);
            onRun?.(job.name, (performance.now() - started) / 1000, false);
          },
        )
        .finally(() => {
          running = false;
          inFlight.delete(run);
        });
      inFlight.add(run);
    }, every);
    timer.unref();
    return [timer];
  });
  return async () => {
    stopped = true;
    timers.forEach(clearInterval);
    await Promise.all(inFlight);
  };
}
