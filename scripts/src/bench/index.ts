import { cpus, totalmem } from 'node:os';
import { benchApi, printApi } from './api';
import { benchAssessment, printAssessment } from './assessment';
import { benchDatabase } from './bench-db';
import { benchDistrict, printDistrict } from './district';
import { benchCaseFanOut, benchReportThroughput, cleanBenchCases, printCaseFanOut, printReportThroughput } from './cases';
import { benchGridAt, printGridAt } from './grid-at';
import { benchHeatmap, printHeatmap } from './heatmap';
import { benchMatching, printMatching } from './matching';
import { benchPause, printPause } from './pause';
import { benchReplica, printReplica } from './replica';
import { benchRls, printRls } from './rls';
import { benchScope, printScope } from './scope';
import { benchWall, printWall } from './wall';
import { benchSeed, seedTable } from './seed';
import { benchSoak, printSoak } from './soak';
import { benchStatements } from './statements';
import { benchTiles, printTiles } from './tiles';

/**
 * `pnpm bench [name…]`: every benchmark (or the named ones) on the real PostGIS
 * (BENCH_DATABASE_URL, else streetgrid_bench on the local server, seeded with the demo
 * street). Prints figures; BENCHMARKS.md records them with the machine.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  /**
   * Case events: fan-out latency to BENCH_SUBSCRIBERS (1000) subscribers on 1 and 2 processes (Redis), the
   * same subscribers as a leader of one small grid (the database's work for events outside their grids), and
   * report throughput.
   */
  async cases() {
    const db = await benchDatabase();
    const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
    const reports = Number(process.env.BENCH_REPORTS ?? 50);
    try {
      for (const processes of [1, 2]) printCaseFanOut(await benchCaseFanOut(db, { processes, subscribers, reports }));
      // A leader's subscriptions, where nearly every event lies outside their grids.
      printCaseFanOut(await benchCaseFanOut(db, { processes: 1, subscribers, reports, as: 'leader' }));
      for (const concurrency of [1, 16])
        printReportThroughput(
          concurrency,
          await benchReportThroughput(db, { concurrency, seconds: Number(process.env.BENCH_SECONDS ?? 10) }),
        );
    } finally {
      await cleanBenchCases(db);
      await db.dataSource.destroy();
    }
  },
  /** Read replicas: replica lag under write load, read throughput with and without DATABASE_READ_URLS (its own clusters). */
  async replica() {
    printReplica(
      await benchReplica({
        seconds: Number(process.env.BENCH_SECONDS ?? 4),
        concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
        writers: Number(process.env.BENCH_WRITERS ?? 2),
        rounds: Number(process.env.BENCH_ROUNDS ?? 3),
      }),
    );
  },
  async seed() {
    const streets = (process.env.BENCH_STREETS ?? '1,20').split(',').map(Number);
    const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    console.log(seedTable(await benchSeed({ databaseUrl: url, streets, log: (line) => console.error(line) })));
  },
  /** Precise matching: HiGHS vs greedy on each street's needs and helpers (BENCH_STREETS, default 1). */
  async matching() {
    const streets = Number(process.env.BENCH_STREETS ?? 1);
    const db = await benchDatabase(streets);
    try {
      printMatching(await benchMatching(db, { streets }));
    } finally {
      await db.dataSource.destroy();
    }
  },
  /** Issue #15's five reads against their floors (one SQL statement returning the same JSON), at concurrency 1 and 16. */
  async api() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    printApi(await benchApi(db.url, { seconds: Number(process.env.BENCH_SECONDS ?? 4) }));
  },
  /** The first read after a pause (BENCH_PAUSE_MS, default 11 s: past pg's 10 s idle default) against the same read warm. */
  async pause() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    const pauseMs = Number(process.env.BENCH_PAUSE_MS ?? 11_000);
    printPause(await benchPause(db.url, { pauseMs }), pauseMs);
  },
  /**
   * A district against one street (#18): BENCH_DISTRICT_URLS (comma-separated, the first the baseline), else
   * streetgrid_bench_1 and streetgrid_bench_20 on the local server, each seeded (1 and 20 streets, with case
   * history) when short of streets. The hot operations on each in turn, p50/p99 and the ratio to the first.
   */
  async district() {
    const local = (streets: number) => `postgres://postgres@127.0.0.1:5432/streetgrid_bench_${streets}`;
    const urls = process.env.BENCH_DISTRICT_URLS?.split(',') ?? [local(1), local(20)];
    for (const url of urls) {
      const streets = Number(/_(\d+)$/.exec(new URL(url).pathname)?.[1] ?? 1);
      const db = await benchDatabase(streets, url);
      await db.dataSource.query('VACUUM (ANALYZE)');
      await db.dataSource.destroy();
    }
    printDistrict(
      await benchDistrict(urls, {
        seconds: Number(process.env.BENCH_SECONDS ?? 4),
        concurrency: Number(process.env.BENCH_CONCURRENCY ?? 4),
        rounds: Number(process.env.BENCH_ROUNDS ?? 2),
      }),
    );
  },
  /** Memory under BENCH_SOAK_SECONDS (600) of mixed reads, tiles and subscriptions coming and going (issue #15). */
  async soak() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    printSoak(await benchSoak(db.url, { seconds: Number(process.env.BENCH_SOAK_SECONDS ?? 600), concurrency: 4 }));
  },
  async gridAt() {
    const db = await benchDatabase();
    try {
      for (const concurrency of [1, 16])
        printGridAt(await benchGridAt(db, { concurrency, seconds: Number(process.env.BENCH_SECONDS ?? 10) }));
    } finally {
      await db.dataSource.destroy();
    }
  },
  /** Vector tiles per layer and zoom: HTTP (cache off and on) against the same tile SQL via pg. */
  async tiles() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    printTiles(await benchTiles(db.url, { seconds: Number(process.env.BENCH_SECONDS ?? 2) }));
  },
  /** Scope enforcement: the same operations as the street admin and as a community's leader. */
  async scope() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    printScope(await benchScope(db.url, { seconds: Number(process.env.BENCH_SECONDS ?? 5) }));
  },
  /** Row-level security: hot reads against the same database with its policies on and off (a copy), in alternating windows. */
  async rls() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    printRls(await benchRls(db.url, { seconds: Number(process.env.BENCH_SECONDS ?? 3) }));
  },
  /** The wall screen from navigation to first idle (needs `pnpm build` for web/dist). */
  async wall() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    printWall(await benchWall(db.url, { runs: Number(process.env.BENCH_RUNS ?? 5) }));
  },
  /** 考核评价: the whole street's month per level and a 6-month history, over HTTP (needs `pnpm build`). */
  async assessment() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    printAssessment(await benchAssessment(db.url, { runs: Number(process.env.BENCH_RUNS ?? 5) }));
  },
  /** 时间回放: the wall's 90-day heatmap, 12-week series and statistics, time and payload (needs `pnpm build`). */
  async heatmap() {
    const db = await benchDatabase();
    await db.dataSource.destroy();
    printHeatmap(await benchHeatmap(db.url, { runs: Number(process.env.BENCH_RUNS ?? 5) }));
  },
  async statements() {
    const db = await benchDatabase();
    try {
      const counts = await benchStatements(db);
      console.log('SQL statements per operation');
      for (const [name, n] of Object.entries(counts)) console.log(`  ${String(n).padStart(3)}  ${name}`);
    } finally {
      await db.dataSource.destroy();
    }
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  // The soak runs ten minutes by itself: only when named.
  const names = wanted.length ? wanted : Object.keys(BENCHES).filter((name) => name !== 'soak');
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown benchmark ${name}; have: ${Object.keys(BENCHES).join(', ')}`);
    console.log(`\n# ${name}`);
    await bench();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
