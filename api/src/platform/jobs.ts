import type { DomainDeps, DomainJob } from './domain';

/**
 * Runs each job every `everyMs` (timers unref'd, so they never hold the process open): a
 * run is skipped while the previous one is still going or the database is closed, and a
 * failure is logged, not thrown. Answers the stop (which lets a run in progress finish).
 */
export function startJobs(jobs: readonly DomainJob[], deps: DomainDeps): () => void {
  const timers = jobs.flatMap((job) => {
    const every = job.everyMs(deps.config);
    if (every <= 0) return [];
    let running = false;
    const timer = setInterval(() => {
      if (running || !deps.ds.isInitialized) return;
      running = true;
      job
        .run(deps)
        .catch((error: unknown) => console.error(`${job.name} failed`, error))
        .finally(() => (running = false));
    }, every);
    timer.unref();
    return [timer];
  });
  return () => timers.forEach(clearInterval);
}
