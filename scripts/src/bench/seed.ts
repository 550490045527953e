import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { connectDatabase } from '@streetgrid/api/app/database';
import { seedDistrict } from '../seed-demo';

export interface BenchSeedOptions {
  /** A PostgreSQL + PostGIS server; each run gets a scratch database on it, dropped afterwards. */
  databaseUrl: string;
  /** District sizes to measure, each on a fresh database (default `[1]`). */
  streets?: number[];
  seed?: number;
  /** Progress lines (one per street); silent when omitted. */
  log?: (line: string) => void;
}

/** Figures of one generate-and-load run. */
export interface BenchSeedFigure {
  streets: number;
  rows: number;
  residents: number;
  /** Generation (pure computation) and writing (database), summed over streets. */
  generateMs: number;
  writeMs: number;
  totalMs: number;
  rowsPerSecond: number;
  /** Highest resident set size seen during the run (sampled), in MB. */
  peakRssMb: number;
}

/**
 * Time and peak memory to generate and load N streets (issue 3's benchmark), each size on
 * a fresh scratch database so every run measures a first load, not a replacement.
 */
export async function benchSeed(opts: BenchSeedOptions): Promise<BenchSeedFigure[]> {
  const figures: BenchSeedFigure[] = [];
  for (const streets of opts.streets ?? [1]) {
    const scratch = await createScratchDatabase(opts.databaseUrl);
    const db = await connectDatabase(scratch.url, { poolSize: 2 });
    let peak = process.memoryUsage.rss();
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    };
    const timer = setInterval(sample, 50);
    try {
      const started = performance.now();
      const result = await seedDistrict(db.dataSource, {
        streets,
        seed: opts.seed ?? 1,
        onProgress: (p) => {
          sample();
          if (p.phase === 'written')
            opts.log?.(
              `  ${streets} streets: street ${p.street + 1}/${p.streets} written, ${p.rowsWritten} rows, ` +
                `${((performance.now() - started) / 1000).toFixed(1)} s`,
            );
        },
      });
      const totalMs = performance.now() - started;
      sample();
      figures.push({
        streets,
        rows: result.rows,
        residents: result.residents,
        generateMs: result.generateMs,
        writeMs: result.writeMs,
        totalMs,
        rowsPerSecond: result.rows / (totalMs / 1000),
        peakRssMb: peak / 2 ** 20,
      });
    } finally {
      clearInterval(timer);
      await db.dataSource.destroy();
      await scratch.drop();
    }
  }
  return figures;
}

async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sg_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The figures as a Markdown table, as BENCHMARKS.md records them. */
export function seedTable(figures: readonly BenchSeedFigure[]): string {
  const rows = figures.map((f) =>
    [
      f.streets,
      f.residents.toLocaleString('en-US'),
      f.rows.toLocaleString('en-US'),
      (f.generateMs / 1000).toFixed(1),
      (f.writeMs / 1000).toFixed(1),
      (f.totalMs / 1000).toFixed(1),
      Math.round(f.rowsPerSecond).toLocaleString('en-US'),
      f.peakRssMb.toFixed(0),
    ].join(' | '),
  );
  return [
    '| streets | residents | rows | generate s | write s | total s | rows/s | peak RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/** `node scripts/dist/bench/seed.js [--streets 1,20] [--database-url URL] [--seed S]` */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { streets: { type: 'string' }, 'database-url': { type: 'string' }, seed: { type: 'string' } } });
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!databaseUrl)
    throw new Error('set --database-url or DATABASE_URL to a PostgreSQL + PostGIS server (a scratch database is created on it)');
  const streets = (values.streets ?? '1').split(',').map(Number);
  const figures = await benchSeed({
    databaseUrl,
    streets,
    seed: values.seed ? Number(values.seed) : 1,
    log: (line) => console.error(line),
  });
  console.log(
    `seed benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}\n`,
  );
  console.log(seedTable(figures));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
