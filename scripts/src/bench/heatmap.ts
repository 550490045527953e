import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { startApiProcess } from './api-process';

export interface HeatmapBench {
  sizes: { cases: number; casesIn90Days: number };
  rows: { what: string; bytes: number; gzipBytes: number; detail: string; medianMs: number; maxMs: number }[];
  sqlMedianMs: number;
}

const DAY_MS = 86_400_000;

/**
 * 时间回放 on the benchmark street, as the wall asks: the 90-day `caseHeatmap` (50 m and
 * 200 m cells), the 12-week `caseKpiSeries` and `wallStatistics` with the party coverage,
 * over GraphQL/HTTP to the built API in its own process as the street admin, `runs` times
 * after a warm-up: time, response bytes (raw and gzip), and the heatmap statement alone.
 */
export async function benchHeatmap(databaseUrl: string, opts: { runs?: number } = {}): Promise<HeatmapBench> {
  const runs = opts.runs ?? 5;
  const now = Date.now();
  const from = new Date(now - 90 * DAY_MS).toISOString();
  const to = new Date(now).toISOString();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const [sizes] = (
    await client.query(
      `SELECT (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM "case" WHERE reported_at >= $1)::int AS "casesIn90Days"`,
      [from],
    )
  ).rows;
  const api = await startApiProcess(databaseUrl, { CASE_SWEEP_MS: '0' });
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: api.authorization },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { data?: Record<string, Record<string, unknown>>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { text, data: body.data! };
  };
  const HEAT = `query ($from: DateTime!, $to: DateTime!, $c: Int) {
    caseHeatmap(from: $from, to: $to, cellMeters: $c) { from days cellMeters lng lat cell day count late total truncated } }`;
  const heatDetail = (d: Record<string, Record<string, unknown>>) => {
    const h = d.caseHeatmap as { lng: unknown[]; cell: unknown[]; total: number };
    return `${h.total} cases, ${h.lng.length} cells, ${h.cell.length} buckets`;
  };
  const cases: [string, string, Record<string, unknown>, (d: Record<string, Record<string, unknown>>) => string][] = [
    ['caseHeatmap 90 days, 50 m cells', HEAT, { from, to, c: 50 }, heatDetail],
    ['caseHeatmap 90 days, 200 m cells', HEAT, { from, to, c: 200 }, heatDetail],
    [
      'caseKpiSeries 12 weeks',
      `{ caseKpiSeries { weekStarts reported open overdue closed onTimeClosureRate satisfaction } }`,
      {},
      (d) => `${(d.caseKpiSeries.reported as number[]).reduce((a, b) => a + b, 0)} reported`,
    ],
    [
      'wallStatistics + partyCoverage, 30 days',
      `query ($from: DateTime!, $to: DateTime!) {
        wallStatistics(from: $from, to: $to) { organizations centralHouseholds members registrations serviceHours
          needsCreated needsDone wishesCreated wishesFulfilled visits }
        partyCoverage(first: 1) { coverageRate leaderRate } }`,
      { from: new Date(now - 30 * DAY_MS).toISOString(), to },
      (d) => `${d.wallStatistics.organizations} organisations, ${d.wallStatistics.visits} visits`,
    ],
  ];
  const rows: HeatmapBench['rows'] = [];
  let sqlMedianMs: number;
  try {
    for (const [what, query, variables, detail] of cases) {
      let answer = await ask(query, variables); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        answer = await ask(query, variables);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push({
        what,
        bytes: Buffer.byteLength(answer.text),
        gzipBytes: gzipSync(answer.text).length,
        detail: detail(answer.data),
        medianMs: times[Math.floor(times.length / 2)],
        maxMs: times[times.length - 1],
      });
    }
    // The statement alone (owner, no row-level security), as the service sends it.
    const sqlTimes: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      await client.query(
        `WITH c AS (
           SELECT round(radians(ST_X(location)) * 6378137 / 50)::int AS ix,
                  round(ln(tan(pi() / 4 + radians(ST_Y(location)) / 2)) * 6378137 / 50)::int AS iy,
                  floor(extract(epoch FROM reported_at - $1::timestamptz) / 86400)::int AS day,
                  (status <> 'REJECTED' AND due_at IS NOT NULL AND coalesce(closed_at, now()) > due_at) AS late
             FROM "case" WHERE reported_at >= $1 AND reported_at < $2),
         b AS (SELECT ix, iy, day, count(*)::int AS n, count(*) FILTER (WHERE late)::int AS late FROM c GROUP BY ix, iy, day
                ORDER BY day, ix, iy LIMIT 20001)
         SELECT degrees(ix * 50.0 / 6378137) AS x, degrees(2 * atan(exp(iy * 50.0 / 6378137)) - pi() / 2) AS y, day, n, late FROM b`,
        [from, to],
      );
      if (i > 0) sqlTimes.push(performance.now() - t0);
    }
    sqlTimes.sort((a, b) => a - b);
    sqlMedianMs = sqlTimes[Math.floor(sqlTimes.length / 2)];
  } finally {
    await api.stop();
    await client.end();
  }
  return { sizes, rows, sqlMedianMs };
}

export function printHeatmap(r: HeatmapBench): void {
  console.log(`data: ${r.sizes.cases} cases, ${r.sizes.casesIn90Days} reported in the last 90 days`);
  for (const row of r.rows)
    console.log(
      `  ${row.what.padEnd(40)} ${String(row.bytes).padStart(7)} B (gzip ${row.gzipBytes} B)  ` +
        `median ${row.medianMs.toFixed(0)} ms  max ${row.maxMs.toFixed(0)} ms  — ${row.detail}`,
    );
  console.log(`  heatmap statement alone (50 m, owner, no RLS): median ${r.sqlMedianMs.toFixed(1)} ms`);
}
