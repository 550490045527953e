import type { Db } from '../../platform/db/session';
import { badInput, forbidden, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { UUID } from '../../platform/graphql/validate';
import type { Scope } from '../../platform/identity/scope';
import { ASSESSMENT_INPUTS, checkScheme, DEFAULT_SCHEME, monthBefore, monthRange, type SchemeInput } from './assessment.scheme';
import {
  type Assessment,
  type AssessmentEntry,
  type AssessmentHistoryPoint,
  AssessmentLevel,
  type AssessmentScheme,
  type AssessmentSchemeSetInput,
} from './assessment.type';

interface Row {
  month: string;
  subjectId: string;
  name: string;
  subjectLevel: string;
  gridId: string;
  gridName: string;
  communityId: string | null;
  communityName: string | null;
  schemeVersion: number;
  score: number | null;
  rank: number;
  communityRank: number;
  inputs: AssessmentEntry['inputs'];
}

const HIGHER = new Map<string, boolean>(ASSESSMENT_INPUTS.map((i) => [i.code, i.higherIsBetter]));

/** The subjects of each level: their id, name, ranking level and grid (whose subtree they are measured over). */
const SUBJECTS: Record<AssessmentLevel, string> = {
  [AssessmentLevel.GRID_LEADER]: `
    SELECT m.label, l.id, l.name, g.level::text AS subject_level, g.id AS grid_id, g.name AS grid_name, g.path, g.street_id
      FROM months m JOIN grid_leader l ON l.role = 'LEADER' AND l.since < m.to_at AND (l.until IS NULL OR l.until >= m.from_at::date)
      JOIN grid g ON g.id = l.grid_id`,
  [AssessmentLevel.GRID]: `
    SELECT m.label, g.id, g.name, g.level::text, g.id, g.name, g.path, g.street_id FROM months m CROSS JOIN grid g`,
  [AssessmentLevel.PARTY_ORGANIZATION]: `
    SELECT m.label, o.id, o.name, o.level, g.id, g.name, g.path, g.street_id
      FROM months m JOIN party_organization o ON o.dissolved_at IS NULL OR o.dissolved_at >= m.from_at
      JOIN grid g ON g.id = o.grid_id`,
};

/**
 * 考核评价 — a month's scores for every grid leader, grid or party organisation the caller
 * may assess, computed on read in ONE statement for the whole street (and for several months
 * at once, for the history): facts are counted per grid path, rolled up to each subject's
 * grid subtree, valued, scored against the scheme in force at the month's end, and ranked,
 * all under the caller's row-level security. Computing on read means late data (a case
 * reported last month and entered today, a rating given late) changes last month's score
 * at once, with nothing to recompute or keep in step; the whole street takes well under the
 * 2 s budget (BENCHMARKS.md).
 */
export class AssessmentService {
  constructor(private readonly ds: Db) {}

  /** The subtrees `scope` may assess: null for street staff (everything), a leader's grid paths; others refused. */
  static reach(scope: Scope): string[] | null {
    const v = scope.viewer;
    if (v.kind === 'user' && (v.role === 'STREET_ADMIN' || v.role === 'OPERATOR')) return null;
    if (v.kind === 'user' && v.role === 'GRID_LEADER') return v.gridPaths;
    throw forbidden('only street staff and grid leaders read assessments');
  }

  async month(month: string, level: AssessmentLevel, communityId: string | null, reach: string[] | null): Promise<Assessment> {
    monthRange(month);
    if (communityId != null && !UUID.test(communityId)) throw badInput('communityId', 'is not an id');
    const rows = await this.compute([month], level, communityId, reach);
    return { month, level, schemeVersion: rows[0]?.schemeVersion ?? (await this.versionAt(month)), entries: rows };
  }

  /** One subject's score and rank month by month, the `months` months up to and including `month`. */
  async history(
    subjectId: string,
    level: AssessmentLevel,
    month: string,
    months: number,
    reach: string[] | null,
  ): Promise<AssessmentHistoryPoint[]> {
    if (!UUID.test(subjectId)) throw badInput('subjectId', 'is not an id');
    monthRange(month);
    if (!(Number.isInteger(months) && months >= 1 && months <= 24)) throw badInput('months', 'must be 1 to 24');
    const labels = Array.from({ length: months }, (_, i) => monthBefore(month, months - 1 - i));
    const rows = await this.compute(labels, level, null, reach);
    return labels.map((label) => {
      const r = rows.find((x) => x.month === label && x.subjectId === subjectId);
      return { month: label, score: r?.score ?? null, rank: r?.rank ?? null };
    });
  }

  private async versionAt(month: string): Promise<number> {
    const { to } = monthRange(month);
    const [r] = await this.ds.query(`SELECT max(version)::int AS v FROM assessment_scheme WHERE created_at < $1`, [to]);
    return r?.v ?? 0;
  }

  private async compute(labels: string[], level: AssessmentLevel, communityId: string | null, reach: string[] | null): Promise<Row[]> {
    const ranges = labels.map((l) => monthRange(l));
    // The facts read only where the subjects are (the community, the reach): a subject's inputs are the facts under
    // its own path, so nothing outside changes a score, and one street's ranking on a district of twenty no longer
    // reads the other nineteen's cases and visits (a street's report: 13 s → see BENCHMARKS.md).
    const inArea = (path: string) =>
      `($4::uuid IS NULL OR ${path} <@ (SELECT path FROM grid WHERE id = $4)) AND ($5::ltree[] IS NULL OR ${path} <@ ANY($5::ltree[]))`;
    const higher = ASSESSMENT_INPUTS.map((i) => `('${i.code}', ${i.higherIsBetter})`).join(', ');
    // JIT off for this statement only: its cost estimate (correlated lookups per household) passes
    // jit_optimize_above_cost, and compiling its ~250 expressions took 5 of 6.5 s on the demo street.
    const [{ jit }]: { jit: string }[] = await this.ds.query(`SELECT current_setting('jit') AS jit`);
    await this.ds.query(`SELECT set_config('jit', 'off', true)`);
    const rows: Row[] = await this.ds
      .query(
        `WITH months AS (
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS m(label, from_at, to_at)
       ),
       subjects AS (
         SELECT s.*, c.id AS community_id, c.name AS community_name
           FROM (${SUBJECTS[level]}) AS s(label, id, name, subject_level, grid_id, grid_name, path, street_id)
           LEFT JOIN grid c ON c.path = subpath(s.path, 0, 2)
          WHERE ($4::uuid IS NULL OR s.path <@ (SELECT path FROM grid WHERE id = $4))
            AND ($5::ltree[] IS NULL OR s.path <@ ANY($5::ltree[]))
       ),
       facts AS (
         SELECT m.label, c.grid_path AS p,
                count(*) FILTER (WHERE c.filed_at IS NOT NULL AND (c.due_at < m.to_at OR c.closed_at IS NOT NULL)) AS due_n,
                count(*) FILTER (WHERE c.closed_at IS NOT NULL AND c.closed_at <= c.due_at) AS ontime_n,
                count(*) FILTER (WHERE c.rework_count > 0) AS rework_n, count(c.handled_at) AS handled_n,
                coalesce(sum(c.rating), 0) AS rating_sum, count(c.rating) AS rated_n,
                0 AS sched_n, 0 AS visit_ok_n, 0 AS need_n, 0 AS matched_n, 0 AS done_n,
                0 AS wish_n, 0 AS wish_ok_n, 0 AS claim_h, 0 AS claimed_n, 0 AS member_n, 0 AS hours
           FROM months m JOIN "case" c ON c.reported_at >= m.from_at AND c.reported_at < m.to_at
          WHERE ${inArea('c.grid_path')}
          GROUP BY 1, 2
         UNION ALL
         SELECT m.label, h.grid_path, 0, 0, 0, 0, 0, 0,
                count(*), count(*) FILTER (WHERE v.last + make_interval(days => pol.interval_days) > m.to_at), 0, 0, 0, 0, 0, 0, 0, 0, 0
           FROM months m CROSS JOIN household h
           CROSS JOIN LATERAL (SELECT min(interval_days) AS interval_days FROM visit_policy WHERE tag = ANY(h.tags)) pol
           LEFT JOIN LATERAL (SELECT max(visited_at) AS last FROM household_visit
                               WHERE household_id = h.id AND visited_at < m.to_at) v ON true
          WHERE pol.interval_days IS NOT NULL AND h.grid_path IS NOT NULL AND ${inArea('h.grid_path')}
          GROUP BY 1, 2
         UNION ALL
         SELECT m.label, n.grid_path, 0, 0, 0, 0, 0, 0, 0, 0,
                count(*),
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM service_match x
                                                WHERE x.need_id = n.id AND x.status IN ('CONFIRMED', 'ACCEPTED', 'DONE'))),
                count(*) FILTER (WHERE n.status = 'DONE'), 0, 0, 0, 0, 0, 0
           FROM months m JOIN service_need n ON n.created_at >= m.from_at AND n.created_at < m.to_at AND n.status <> 'CANCELLED'
          WHERE ${inArea('n.grid_path')}
          GROUP BY 1, 2
         UNION ALL
         SELECT m.label, w.grid_path, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                count(*), count(*) FILTER (WHERE w.status IN ('FULFILLED', 'THANKED')),
                coalesce(sum(extract(epoch FROM k.first - w.published_at) / 3600), 0), count(k.first), 0, 0
           FROM months m JOIN micro_wish w ON w.published_at >= m.from_at AND w.published_at < m.to_at
           LEFT JOIN LATERAL (SELECT min(claimed_at) AS first FROM wish_claim WHERE wish_id = w.id) k ON true
          WHERE ${inArea('w.grid_path')}
          GROUP BY 1, 2
         UNION ALL
         SELECT m.label, coalesce(h.grid_path, cg.path), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                count(*), coalesce(sum(sr.hours), 0)
           FROM months m JOIN service_registration r ON r.kind = 'MEMBER' AND r.active AND r.created_at < m.to_at
           JOIN grid cg ON cg.id = r.community_id
           LEFT JOIN household h ON h.id = r.household_id
           LEFT JOIN LATERAL (SELECT sum(hours) AS hours FROM service_record
                               WHERE registration_id = r.id AND at >= m.from_at AND at < m.to_at) sr ON true
          WHERE ${inArea('coalesce(h.grid_path, cg.path)')}
          GROUP BY 1, 2
       ),
       -- Rolled up once per grid subtree (several organisations or leaders may share a grid).
       rolled AS (
         SELECT s.label, s.path,
                sum(f.due_n)::float8 AS due_n, sum(f.ontime_n)::float8 AS ontime_n, sum(f.rework_n)::float8 AS rework_n,
                sum(f.handled_n)::float8 AS handled_n, sum(f.rating_sum)::float8 AS rating_sum, sum(f.rated_n)::float8 AS rated_n,
                sum(f.sched_n)::float8 AS sched_n, sum(f.visit_ok_n)::float8 AS visit_ok_n, sum(f.need_n)::float8 AS need_n,
                sum(f.matched_n)::float8 AS matched_n, sum(f.done_n)::float8 AS done_n, sum(f.wish_n)::float8 AS wish_n,
                sum(f.wish_ok_n)::float8 AS wish_ok_n, sum(f.claim_h)::float8 AS claim_h, sum(f.claimed_n)::float8 AS claimed_n,
                sum(f.member_n)::float8 AS member_n, sum(f.hours)::float8 AS hours
           FROM (SELECT DISTINCT label, path FROM subjects) s LEFT JOIN facts f ON f.label = s.label AND f.p <@ s.path
          GROUP BY s.label, s.path
       ),
       schemes AS (
         SELECT m.label, st.id AS street_id, coalesce(v.version, 0) AS version, coalesce(v.inputs, $6::jsonb) AS inputs
           FROM months m CROSS JOIN street st
           LEFT JOIN LATERAL (SELECT version, inputs FROM assessment_scheme a
                               WHERE a.street_id = st.id AND a.created_at < m.to_at ORDER BY version DESC LIMIT 1) v ON true
       ),
       valued AS (
         SELECT s.label, s.id, sc.version, i.code, i.weight, i.target, hi.higher, x.value, x.basis,
                CASE WHEN x.value IS NULL THEN NULL
                     WHEN hi.higher THEN least(1, x.value / i.target)
                     WHEN x.value = 0 THEN 1 ELSE least(1, i.target / x.value) END AS fraction
           FROM subjects s JOIN rolled r ON r.label = s.label AND r.path = s.path
           JOIN schemes sc ON sc.label = s.label AND sc.street_id = s.street_id
           CROSS JOIN LATERAL jsonb_to_recordset(sc.inputs) AS i(code text, weight float8, target float8)
           JOIN (VALUES ${higher}) AS hi(code, higher) ON hi.code = i.code
           CROSS JOIN LATERAL (VALUES
             ('ON_TIME_CLOSURE', r.ontime_n / nullif(r.due_n, 0), r.due_n),
             ('REWORK', r.rework_n / nullif(r.handled_n, 0), r.handled_n),
             ('SATISFACTION', r.rating_sum / nullif(r.rated_n, 0) / 5, r.rated_n),
             ('VISIT_ON_TIME', r.visit_ok_n / nullif(r.sched_n, 0), r.sched_n),
             ('NEEDS_MATCHED', r.matched_n / nullif(r.need_n, 0), r.need_n),
             ('NEEDS_DONE', r.done_n / nullif(r.need_n, 0), r.need_n),
             ('WISHES_FULFILLED', r.wish_ok_n / nullif(r.wish_n, 0), r.wish_n),
             ('WISH_CLAIM_HOURS', r.claim_h / nullif(r.claimed_n, 0), r.claimed_n),
             ('SERVICE_HOURS', r.hours / nullif(r.member_n, 0), r.member_n)
           ) AS x(code, value, basis)
          WHERE x.code = i.code
       ),
       scored AS (
         SELECT label, id, max(version) AS version,
                sum(weight) FILTER (WHERE value IS NOT NULL) AS avail,
                sum(weight * fraction) AS earned,
                jsonb_agg(jsonb_build_object('code', code, 'value', value, 'basis', basis::int, 'target', target, 'weight', weight,
                          'higherIsBetter', higher, 'fraction', fraction) ORDER BY code) AS inputs
           FROM valued GROUP BY label, id
       ),
       ranked AS (
         SELECT s.*, sc.version, sc.inputs, sc.avail,
                CASE WHEN sc.avail > 0 THEN 100 * sc.earned / sc.avail END AS score
           FROM subjects s JOIN scored sc ON sc.label = s.label AND sc.id = s.id
       )
       SELECT label AS month, id AS "subjectId", name, subject_level AS "subjectLevel", grid_id AS "gridId", grid_name AS "gridName",
              community_id AS "communityId", community_name AS "communityName", version AS "schemeVersion", score, avail, inputs,
              (rank() OVER (PARTITION BY label, subject_level ORDER BY score DESC NULLS LAST))::int AS rank,
              (rank() OVER (PARTITION BY label, community_id, subject_level ORDER BY score DESC NULLS LAST))::int AS "communityRank"
         FROM ranked
        ORDER BY label, score DESC NULLS LAST, subject_level, name, id`,
        [labels, ranges.map((r) => r.from), ranges.map((r) => r.to), communityId, reach, JSON.stringify(DEFAULT_SCHEME)],
      )
      .finally(() => this.ds.query(`SELECT set_config('jit', $1, true)`, [jit]));
    const order = new Map(ASSESSMENT_INPUTS.map((i, k) => [i.code as string, k]));
    return rows.map((r) => {
      const avail = (r as Row & { avail: number | null }).avail;
      const inputs = (
        r.inputs as unknown as {
          code: string;
          value: number | null;
          basis: number;
          target: number;
          weight: number;
          fraction: number | null;
        }[]
      )
        .map((i) => ({
          code: i.code,
          value: i.value,
          basis: i.basis,
          target: i.target,
          weight: i.weight,
          higherIsBetter: HIGHER.get(i.code) ?? true,
          points: i.fraction == null || !avail ? null : (100 * i.weight * i.fraction) / avail,
        }))
        .sort((a, b) => order.get(a.code)! - order.get(b.code)!);
      return { ...r, inputs };
    });
  }

  /** The scheme in force now (version 0: the defaults) and every version, newest first. */
  async schemes(streetId: string): Promise<AssessmentScheme[]> {
    if (!UUID.test(streetId)) throw badInput('streetId', 'is not an id');
    const rows: { version: number; inputs: SchemeInput[]; createdAt: Date }[] = await this.ds.query(
      `SELECT version, inputs, created_at AS "createdAt" FROM assessment_scheme WHERE street_id = $1 ORDER BY version DESC`,
      [streetId],
    );
    return rows.map((r) => schemeOf(streetId, r.version, r.inputs, r.createdAt));
  }

  async current(streetId: string): Promise<AssessmentScheme> {
    return (await this.schemes(streetId))[0] ?? schemeOf(streetId, 0, [...DEFAULT_SCHEME], null);
  }

  /** Appends a version of the street's scheme (STREET_ADMIN; the database's policy refuses anyone else). */
  async set(streetId: string, input: AssessmentSchemeSetInput, userId: string | null): Promise<AssessmentScheme> {
    if (!UUID.test(streetId)) throw badInput('streetId', 'is not an id');
    if (!Array.isArray(input.inputs) || input.inputs.length === 0) throw badInput('input.inputs', 'give at least one input');
    const scheme = checkScheme(input.inputs);
    return inTransaction(this.ds, {}, async (m) => {
      const [street] = await m.query(`SELECT 1 FROM street WHERE id = $1`, [streetId]);
      if (!street) throw notFound('Street', streetId);
      const [row]: { version: number; createdAt: Date }[] = await m.query(
        `INSERT INTO assessment_scheme (street_id, version, inputs, created_by)
         SELECT $1, coalesce(max(version), 0) + 1, $2::jsonb, $3 FROM assessment_scheme WHERE street_id = $1
         RETURNING version, created_at AS "createdAt"`,
        [streetId, JSON.stringify(scheme), userId],
      );
      return schemeOf(streetId, row.version, scheme, row.createdAt);
    });
  }
}

function schemeOf(streetId: string, version: number, inputs: SchemeInput[], createdAt: Date | null): AssessmentScheme {
  return {
    streetId,
    version,
    inputs: inputs.map((i) => ({ ...i, higherIsBetter: HIGHER.get(i.code) ?? true })),
    createdAt,
  };
}
