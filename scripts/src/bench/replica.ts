import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';
import { connectDatabase } from '@streetgrid/api';
import { addStreets } from '../seed-demo';
import { benchAuthorization, startApiProcess } from './api-process';
import { fmt, mergeRuns, percentile, runLoad, type LoadResult } from './load';

const exec = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/pg-replica.sh');

export interface ReplicaBench {
  data: string;
  writes: { writers: number; seconds: number; perSecond: number; visibleP50Ms: number; visibleP99Ms: number; visibleMaxMs: number };
  lag: { samples: number; bytesP50: number; bytesMax: number; replayLagMaxMs: number };
  reads: { label: string; result: LoadResult }[];
}

/**
 * Read replicas (issue 18) on this machine: a primary and a streaming replica of its own
 * (scripts/pg-replica.sh, ports BENCH_PRIMARY_PORT/+1, removed afterwards) with the demo street.
 * 1. Replica lag under write load: `writers` loops updating random residents on the primary for
 *    `seconds`; every 100 ms the WAL bytes the replica is behind and pg_stat_replication's
 *    replay_lag; for every 10th commit, the time until the replica has replayed it (what a
 *    caller's read-your-writes wait would be).
 * 2. Read throughput over HTTP, two built APIs in their own processes, one with and one without
 *    DATABASE_READ_URLS, in alternating windows (`rounds` each), idle and under the same write load.
 */
export async function benchReplica(opts: { seconds: number; concurrency: number; writers: number; rounds: number }): Promise<ReplicaBench> {
  const primaryPort = Number(process.env.BENCH_PRIMARY_PORT ?? 5452);
  const replicaPort = primaryPort + 1;
  const script = (...args: string[]) => exec('bash', [SCRIPT, ...args], { timeout: 300_000 });
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/streetgrid`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/streetgrid`;
  await script('destroy', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort)).catch(() => {});
  await script('primary-stop', '--port', String(primaryPort), '--destroy').catch(() => {});
  try {
    await script('primary-start', '--port', String(primaryPort));
    const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE streetgrid');
    await admin.end();
    const setup = new Client({ connectionString: primaryUrl });
    await setup.connect();
    await setup.query('CREATE EXTENSION postgis; CREATE EXTENSION ltree');
    await setup.end();
    const db = await connectDatabase(primaryUrl);
    console.error('seeding the demo street on the bench primary…');
    await addStreets(db.dataSource, { streets: 1, seed: 1 });
    const [{ residents }] = await db.dataSource.query(`SELECT count(*)::int AS residents FROM resident`);
    await db.dataSource.destroy();
    await script('start', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort));
    const data = `generated demo street (seed 1), ${residents.toLocaleString('en')} residents; fsync off on the bench primary`;

    const primary = new Pool({ connectionString: primaryUrl, max: opts.writers + 2 });
    const replica = new Pool({ connectionString: replicaUrl, max: 2 });
    const ids: string[] = (await primary.query(`SELECT id FROM resident ORDER BY random() LIMIT 5000`)).rows.map((r) => r.id);
    await waitReplayed(primary, replica);

    /** Write load: `writers` loops of one-row updates until `stop()`; answers commits and visibility samples. */
    const writeLoad = () => {
      let running = true;
      let commits = 0;
      const visible: number[] = [];
      const loops = Array.from({ length: opts.writers }, async () => {
        while (running) {
          const id = ids[Math.floor(Math.random() * ids.length)];
          await primary.query(`UPDATE resident SET name = name WHERE id = $1`, [id]);
          const n = ++commits;
          if (n % 10 === 0) {
            const t = performance.now();
            const { rows } = await primary.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
            for (;;) {
              const r = await replica.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [rows[0].lsn]);
              if (r.rows[0].ok) break;
              await new Promise((ok) => setTimeout(ok, 1));
            }
            visible.push(performance.now() - t);
          }
        }
      });
      return {
        async stop() {
          running = false;
          await Promise.all(loops);
          return { commits, visible };
        },
      };
    };

    // 1. Lag under write load.
    const load = writeLoad();
    const bytes: number[] = [];
    let replayLagMaxMs = 0;
    const started = performance.now();
    while (performance.now() - started < opts.seconds * 1000) {
      const { rows } = await primary.query(
        `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float8 AS bytes,
                coalesce(extract(epoch FROM replay_lag) * 1000, 0)::float8 AS replay_ms
           FROM pg_stat_replication LIMIT 1`,
      );
      if (rows[0]) {
        bytes.push(rows[0].bytes);
        replayLagMaxMs = Math.max(replayLagMaxMs, rows[0].replay_ms);
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }
    const { commits, visible } = await load.stop();
    const seconds = (performance.now() - started) / 1000;
    visible.sort((a, b) => a - b);
    bytes.sort((a, b) => a - b);
    await waitReplayed(primary, replica);

    // 2. Read throughput with and without the replica, idle and under the write load: both API
    //    processes up at once, measured in alternating windows (the machine's load varies).
    const reads: ReplicaBench['reads'] = [];
    const query = JSON.stringify({ query: `query Read { grids(level: SMALL, first: 20) { nodes { id code name areaM2 } } }` });
    const apis = [
      { label: 'primary only', api: await startApiProcess(primaryUrl, { SEED_DEMO: 'false' }) },
      {
        label: 'replica (DATABASE_READ_URLS)',
        api: await startApiProcess(primaryUrl, { DATABASE_READ_URLS: replicaUrl, SEED_DEMO: 'false' }),
      },
    ];
    try {
      const authorization = await benchAuthorization(primaryUrl);
      await waitReplayed(primary, replica);
      const caller = (base: string) => async () => {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: query,
        });
        const body = (await res.json()) as { errors?: unknown };
        return res.ok && !body.errors;
      };
      for (const writing of [false, true]) {
        const background = writing ? writeLoad() : null;
        const runs = apis.map(() => [] as LoadResult[]);
        for (let round = 0; round < opts.rounds; round++)
          for (const [i, { api }] of apis.entries())
            runs[i].push(await runLoad(caller(api.url), { concurrency: opts.concurrency, seconds: opts.seconds }));
        await background?.stop();
        for (const [i, { label }] of apis.entries())
          reads.push({ label: `${label}, ${writing ? `${opts.writers} writers on the primary` : 'idle'}`, result: mergeRuns(runs[i]) });
      }
    } finally {
      for (const { api } of apis) await api.stop();
    }
    await primary.end();
    await replica.end();
    return {
      data,
      writes: {
        writers: opts.writers,
        seconds,
        perSecond: commits / seconds,
        visibleP50Ms: percentile(visible, 50),
        visibleP99Ms: percentile(visible, 99),
        visibleMaxMs: visible[visible.length - 1] ?? NaN,
      },
      lag: { samples: bytes.length, bytesP50: percentile(bytes, 50), bytesMax: bytes[bytes.length - 1] ?? NaN, replayLagMaxMs },
      reads,
    };
  } finally {
    await script('destroy', '--primary', `127.0.0.1:${primaryPort}`, '--port', String(replicaPort)).catch(() => {});
    await script('primary-stop', '--port', String(primaryPort), '--destroy').catch(() => {});
  }
}

/** Until the replica has replayed everything the primary has written so far (bounded: 60 s). */
async function waitReplayed(primary: Pool, replica: Pool): Promise<void> {
  const { rows } = await primary.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
  const deadline = Date.now() + 60_000;
  while (!(await replica.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [rows[0].lsn])).rows[0].ok) {
    if (Date.now() > deadline) throw new Error('the replica did not catch up within 60 s');
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

export function printReplica(r: ReplicaBench): void {
  console.log(
    `data: ${r.data}; load average at the end ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
  const w = r.writes;
  console.log(
    `write load: ${w.writers} writers, ${w.perSecond.toFixed(0)} commits/s for ${w.seconds.toFixed(1)} s; ` +
      `commit → replayed on the replica p50 ${w.visibleP50Ms.toFixed(2)} ms, p99 ${w.visibleP99Ms.toFixed(2)} ms, ` +
      `max ${w.visibleMaxMs.toFixed(2)} ms`,
  );
  console.log(
    `lag sampled every 100 ms (${r.lag.samples} samples): ` +
      `bytes behind p50 ${r.lag.bytesP50.toFixed(0)}, max ${r.lag.bytesMax.toFixed(0)}; ` +
      `pg_stat_replication replay_lag max ${r.lag.replayLagMaxMs.toFixed(1)} ms`,
  );
  for (const { label, result } of r.reads) console.log(`${label.padEnd(52)} ${fmt(result)}`);
}
