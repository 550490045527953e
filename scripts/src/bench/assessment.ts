import { Client } from 'pg';
import { signAccessToken } from '@streetgrid/api';
import { startApiProcess } from './api-process';

/** What the month's assessment is computed over on the benchmark street. */
const SIZES = `SELECT (SELECT count(*) FROM grid)::int AS grids,
                      (SELECT count(*) FROM grid_leader WHERE role = 'LEADER')::int AS leaders,
                      (SELECT count(*) FROM party_organization WHERE grid_id IS NOT NULL)::int AS organisations,
                      (SELECT count(*) FROM "case")::int AS cases,
                      (SELECT count(*) FROM household)::int AS households,
                      (SELECT count(*) FROM household_visit)::int AS visits,
                      (SELECT count(*) FROM service_need)::int AS needs,
                      (SELECT count(*) FROM micro_wish)::int AS wishes,
                      (SELECT count(*) FROM service_registration WHERE kind = 'MEMBER')::int AS members,
                      (SELECT count(*) FROM service_record)::int AS records`;

export interface AssessmentBench {
  sizes: Record<string, number>;
  rows: { what: string; entries: number; medianMs: number; maxMs: number }[];
}

/**
 * 考核评价 over GraphQL/HTTP to the built API in its own process, as the street admin: the
 * whole street's month (and a 6-month history) per level, `runs` times each, median and worst.
 */
export async function benchAssessment(databaseUrl: string, opts: { runs?: number } = {}): Promise<AssessmentBench> {
  const runs = opts.runs ?? 5;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const [sizes] = (await client.query(SIZES)).rows;
  const [{ subject }] = (await client.query(`SELECT id AS subject FROM grid_leader WHERE role = 'LEADER' ORDER BY id LIMIT 1`)).rows;
  // A community's leader (large grid): the same month under the leader's row-level security.
  const {
    rows: [{ id: leaderId }],
  } = await client.query(
    `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('bench-leader', 'bench', 'scrypt$disabled', 'GRID_LEADER')
     ON CONFLICT (login) DO UPDATE SET role = 'GRID_LEADER' RETURNING id`,
  );
  await client.query(`DELETE FROM user_grid WHERE user_id = $1`, [leaderId]);
  await client.query(`INSERT INTO user_grid (user_id, grid_id) SELECT $1, id FROM grid WHERE level = 'LARGE' ORDER BY code LIMIT 1`, [
    leaderId,
  ]);
  await client.end();
  const leader = `Bearer ${await signAccessToken(leaderId, 'GRID_LEADER', new TextEncoder().encode('streetgrid-bench-only'))}`;
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const api = await startApiProcess(databaseUrl, { CASE_SWEEP_MS: '0' });
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: variables.asLeader ? leader : api.authorization },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const cases: [string, string, Record<string, unknown>, (d: Record<string, unknown>) => number][] = [];
  for (const level of ['GRID_LEADER', 'GRID', 'PARTY_ORGANIZATION'])
    cases.push([
      `month ${level}`,
      `query ($m: String!, $l: AssessmentLevel!) {
        assessment(month: $m, level: $l) { entries { subjectId score rank inputs { code points } } } }`,
      { m: month, l: level },
      (d) => (d.assessment as { entries: unknown[] }).entries.length,
    ]);
  cases.push([
    'month GRID_LEADER, a community leader',
    `query ($m: String!) { assessment(month: $m, level: GRID_LEADER) { entries { subjectId score rank inputs { code points } } } }`,
    { m: month, asLeader: true },
    (d) => (d.assessment as { entries: unknown[] }).entries.length,
  ]);
  cases.push([
    '6-month history of a leader',
    `query ($s: ID!, $m: String!) { assessmentHistory(subjectId: $s, level: GRID_LEADER, month: $m, months: 6) { month score } }`,
    { s: subject, m: month },
    (d) => (d.assessmentHistory as unknown[]).length,
  ]);
  const rows: AssessmentBench['rows'] = [];
  try {
    for (const [what, query, variables, count] of cases) {
      let entries = count(await ask(query, variables)); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        entries = count(await ask(query, variables));
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push({ what, entries, medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1] });
    }
  } finally {
    await api.stop();
  }
  return { sizes, rows };
}

export function printAssessment(r: AssessmentBench): void {
  console.log(
    `data: ${Object.entries(r.sizes)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  for (const row of r.rows)
    console.log(
      `  ${row.what.padEnd(38)} ${String(row.entries).padStart(5)} entries  ` +
        `median ${row.medianMs.toFixed(0)} ms  max ${row.maxMs.toFixed(0)} ms`,
    );
}
