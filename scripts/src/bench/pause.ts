import { startApiProcess } from './api-process';
import { post } from './http-client';
import { percentile } from './load';

/** The reads timed after a pause: one cheap and one page, each alone. */
const READS = [
  {
    name: 'the tree with building counts',
    query: `{ grids(level: LARGE, first: 1) { nodes { code children { code counts { buildings } } } } }`,
  },
  { name: '50 cases with their grid code', query: `{ cases(first: 50) { nodes { id status category reportedAt grid { code } } } }` },
];

export interface PauseRow {
  build: string;
  read: string;
  warmP50Ms: number;
  afterPauseMs: number[];
}

/**
 * The first read after a pause against the same read warm (`pnpm bench pause`): a grid leader's
 * click comes seconds after the last one. Each build (this one, and BENCH_API_BEFORE's when set)
 * runs in its own process; each read is warmed, timed 30 times in a row, then once after each of
 * `pauses` pauses of `pauseMs`.
 */
export async function benchPause(databaseUrl: string, opts: { pauseMs?: number; pauses?: number } = {}): Promise<PauseRow[]> {
  const pauseMs = opts.pauseMs ?? 11_000;
  const builds: [string, string | undefined][] = [['this build', undefined]];
  if (process.env.BENCH_API_BEFORE) builds.unshift(['before', process.env.BENCH_API_BEFORE]);
  const rows: PauseRow[] = [];
  for (const [build, main] of builds) {
    const api = await startApiProcess(databaseUrl, { CASE_SWEEP_MS: '0', TILE_CACHE_SIZE: '0' }, main);
    try {
      for (const read of READS) {
        const once = async () => {
          const started = performance.now();
          const res = await post(`${api.url}/graphql`, JSON.stringify({ query: read.query }), {
            'content-type': 'application/json',
            authorization: api.authorization,
          });
          if (res.status !== 200 || res.text.includes('"errors"')) throw new Error(`${read.name}: ${res.text.slice(0, 200)}`);
          return performance.now() - started;
        };
        for (let i = 0; i < 50; i++) await once();
        const warm: number[] = [];
        for (let i = 0; i < 30; i++) warm.push(await once());
        const afterPauseMs: number[] = [];
        for (let i = 0; i < (opts.pauses ?? 3); i++) {
          await new Promise((done) => setTimeout(done, pauseMs));
          afterPauseMs.push(await once());
        }
        rows.push({
          build,
          read: read.name,
          warmP50Ms: percentile(
            warm.sort((a, b) => a - b),
            50,
          ),
          afterPauseMs,
        });
      }
    } finally {
      await api.stop();
    }
  }
  return rows;
}

export function printPause(rows: PauseRow[], pauseMs: number): void {
  console.log(`build | read | warm p50 | first read after each ${pauseMs / 1000} s pause`);
  for (const r of rows)
    console.log(`${r.build} | ${r.read} | ${r.warmP50Ms.toFixed(2)} ms | ${r.afterPauseMs.map((ms) => `${ms.toFixed(2)} ms`).join(', ')}`);
}
