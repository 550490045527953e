import type { Db } from '../../platform/db/session';
import { badInput, forbidden } from '../../platform/graphql/errors';
import type { Scope } from '../../platform/identity/scope';
import { monthParam, periodRange } from '../../platform/http/month-params';

/** Which of the three compared months a row belongs to. */
export type PeriodKey = 'current' | 'previous' | 'lastYear';
export const PERIODS: readonly PeriodKey[] = ['current', 'previous', 'lastYear'];

/** The case indicators (as `caseIndicators`) plus the service, visit and party figures of one month and one unit. */
export interface MonthFigures {
  reported: number;
  filed: number;
  closed: number;
  dueToClose: number;
  closedOnTime: number;
  onTimeClosureRate: number | null;
  closureRate: number | null;
  reworkRate: number | null;
  extensionRate: number | null;
  meanHoursToDispatch: number | null;
  meanHoursToClose: number | null;
  satisfaction: number | null;
  rated: number;
  needsCreated: number;
  needsDone: number;
  serviceHours: number;
  wishesCreated: number;
  wishesFulfilled: number;
  visits: number;
}

/** One community (LARGE grid), or the street's total (`code` null). */
export interface UnitFigures {
  code: string | null;
  name: string;
  months: Record<PeriodKey, MonthFigures>;
  /** Live party organisations, grids, grids with a live organisation and grids with a current 网格长 (now, not per month). */
  party: { organizations: number; grids: number; gridsWithOrganization: number; gridsWithLeader: number; members: number };
}

export interface ReportCase {
  number: string | null;
  category: string;
  priority: string;
  status: string;
  community: string;
  grid: string;
  reportedAt: Date;
  dueAt: Date | null;
  closedAt: Date | null;
  reworkCount: number;
  escalatedTo: string | null;
  rating: number | null;
  description: string;
}

/**
 * An extra section another module adds to the report (e.g. the assessment's rankings, 考核排名):
 * a titled table, rendered like the built-in ones in both formats.
 */
export interface ReportSection {
  title: string;
  /** The workbook's sheet name (≤ 31 characters); absent: the title without its numbering. */
  sheet?: string;
  columns: string[];
  /** How each column's numbers are shown (rates as percent, hours and scores with one decimal); absent: as they are. */
  kinds?: FigureKind[];
  rows: (string | number | null)[][];
  note?: string;
  /** A bar chart drawn under the table in the PDF (the workbook holds the numbers). */
  chart?: ReportChart;
}

/** How a figure is shown: a count, a rate (a fraction, shown as percent), hours, a 0–100 score, or text. */
export type FigureKind = 'count' | 'rate' | 'hours' | 'score' | 'text';

/** A horizontal bar chart: one bar per label, scaled to 100 % (rates) or 100 points (scores); null is "no data". */
export interface ReportChart {
  title: string;
  kind: 'rate' | 'score';
  bars: { label: string; value: number | null }[];
}

/** Adds sections to a report; the assessment registers one for rankings (see REPORT_SECTION_PROVIDERS). */
export type ReportSectionProvider = (db: Db, report: ReportData) => Promise<ReportSection[]>;

/**
 * Extension point: modules that contribute sections. The assessment registers its rankings
 * (`registerAssessmentReport`, from its manifest and from `pnpm cli report`); with no provider the
 * report shows a "rankings pending" note.
 */
export const REPORT_SECTION_PROVIDERS: ReportSectionProvider[] = [];

export interface ReportData {
  month: string;
  /** [from, to) of each compared month (UTC months, as the service periods). */
  ranges: Record<PeriodKey, [Date, Date]>;
  /** Whether any case predates the end of last year's month (otherwise that column is "no data"). */
  lastYearHasData: boolean;
  streetName: string;
  community: { code: string; name: string } | null;
  generatedAt: Date;
  total: UnitFigures;
  /** Per community (street report: every community; community report: that one). */
  communities: UnitFigures[];
  overdue: { totalCount: number; cases: ReportCase[] };
  notable: { totalCount: number; cases: ReportCase[] };
  /** 工作例会 held in the month: the community's (community report) or every one, street-level included (street report). */
  meetings: {
    heldOn: string;
    community: string | null;
    title: string;
    attendees: string[];
    agenda: string;
    decisions: string;
    cases: string[];
  }[];
  extra: ReportSection[];
}

export interface ReportArgs {
  month: string;
  /** A community's grid code; absent: the whole street. */
  community?: string | null;
  /** A street's code: only its communities (several streets in one database); absent: every community seen. */
  street?: string | null;
}

const CASE_LIST_LIMIT = 100;

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Who may have which report: street staff (STREET_ADMIN, OPERATOR) any; a grid leader whose
 * grids include the community (its 社区书记 / large-grid leader) that community's; nobody else.
 */
export async function authorizeReport(db: Db, scope: Scope, args: ReportArgs): Promise<void> {
  const v = scope.viewer;
  if (scope.seesAll) return;
  if (v.kind !== 'user' || v.role !== 'GRID_LEADER') throw forbidden('only street staff and community leaders may download reports');
  if (!args.community) throw forbidden('the street report is for street staff; ask for your community');
  const visible = scope.whereRaw('Grid', 'g', 2);
  const [grid] = await db.query(`SELECT 1 FROM grid g WHERE g.code = $1 AND g.level = 'LARGE' AND ${visible.sql}`, [
    args.community,
    ...visible.params,
  ]);
  if (!grid) throw forbidden('this community is outside the grids you lead');
}

const FIGURE_DEFAULTS: MonthFigures = {
  reported: 0,
  filed: 0,
  closed: 0,
  dueToClose: 0,
  closedOnTime: 0,
  onTimeClosureRate: null,
  closureRate: null,
  reworkRate: null,
  extensionRate: null,
  meanHoursToDispatch: null,
  meanHoursToClose: null,
  satisfaction: null,
  rated: 0,
  needsCreated: 0,
  needsDone: 0,
  serviceHours: 0,
  wishesCreated: 0,
  wishesFulfilled: 0,
  visits: 0,
};

/**
 * 情况报告 data: everything the caller's database session sees (row-level security), for a month,
 * the month before and the same month a year earlier, per community and in total. Set-based: one
 * statement for the case indicators of every (month, community) with the street totals as a
 * grouping set, one for services/visits/wishes, one for party work, two for the case lists, one for the work meetings —
 * the same handful of statements for one community or a hundred.
 */
export class ReportService {
  constructor(private readonly db: Db) {}

  async monthly(args: ReportArgs): Promise<ReportData> {
    monthParam(args.month);
    const ranges = {
      current: periodRange(args.month),
      previous: periodRange(shiftMonth(args.month, -1)),
      lastYear: periodRange(shiftMonth(args.month, -12)),
    } satisfies Record<PeriodKey, [Date, Date]>;
    const community = args.community ?? null;
    const communities: { id: string; code: string; name: string }[] = await this.db.query(
      `SELECT id, code, name FROM grid
        WHERE level = 'LARGE' AND ($1::text IS NULL OR code = $1) 
          AND ($2::text IS NULL OR street_id IN (SELECT id FROM street WHERE code = $2))
        ORDER BY code`,
      [community, args.street ?? null],
    );
    if (community && communities.length === 0) throw badInput('community', 'no such community');
    if (args.street && communities.length === 0) throw badInput('street', 'no such street');
    const ids = communities.map((c) => c.id);
    const periodParams = PERIODS.flatMap((k) => ranges[k]);
    const periodsSql = `(VALUES ('current', $2::timestamptz, $3::timestamptz), ('previous', $4::timestamptz, $5::timestamptz),
                                ('lastYear', $6::timestamptz, $7::timestamptz)) AS p(k, f, t)`;
    const comSql = `(SELECT id, code, path FROM grid WHERE id = ANY($1::uuid[])) AS com`;

    const caseRows: (Record<string, number | null> & { k: PeriodKey; code: string | null })[] = await this.db.query(
      `SELECT p.k, com.code,
              count(c.id)::int AS reported,
              count(c.filed_at)::int AS filed,
              count(c.closed_at)::int AS closed,
              count(c.id) FILTER (WHERE c.filed_at IS NOT NULL AND (c.due_at < p.t OR c.closed_at IS NOT NULL))::int AS "dueToClose",
              count(c.id) FILTER (WHERE c.closed_at IS NOT NULL AND c.closed_at <= c.due_at)::int AS "closedOnTime",
              count(c.id) FILTER (WHERE c.rework_count > 0)::int AS reworked,
              count(c.handled_at)::int AS handled,
              count(c.id) FILTER (WHERE c.extension_count > 0)::int AS extended,
              avg(extract(epoch FROM c.dispatched_at - c.reported_at) / 3600)::float8 AS "meanHoursToDispatch",
              avg(extract(epoch FROM c.closed_at - c.reported_at) / 3600)::float8 AS "meanHoursToClose",
              (avg(c.rating) / 5)::float8 AS satisfaction,
              count(c.rating)::int AS rated
         FROM ${periodsSql} CROSS JOIN ${comSql}
         LEFT JOIN "case" c ON c.grid_path <@ com.path AND c.reported_at >= p.f AND c.reported_at < p.t
        GROUP BY GROUPING SETS ((p.k), (p.k, com.code))`,
      [ids, ...periodParams],
    );

    const serviceRows: (Record<string, number> & { k: PeriodKey; code: string })[] = await this.db.query(
      `SELECT p.k, com.code,
              (SELECT count(*) FROM service_need n WHERE n.grid_path <@ com.path AND n.created_at >= p.f AND n.created_at < p.t)::int
                AS "needsCreated",
              (SELECT count(*) FROM service_need n
                WHERE n.grid_path <@ com.path AND n.created_at >= p.f AND n.created_at < p.t AND n.status = 'DONE')::int AS "needsDone",
              (SELECT coalesce(sum(r.hours), 0) FROM service_record r JOIN service_registration sr ON sr.id = r.registration_id
                WHERE sr.community_id = com.id AND r.at >= p.f AND r.at < p.t)::float8 AS "serviceHours",
              (SELECT count(*) FROM micro_wish w WHERE w.grid_path <@ com.path AND w.created_at >= p.f AND w.created_at < p.t)::int
                AS "wishesCreated",
              (SELECT count(*) FROM micro_wish w
                WHERE w.grid_path <@ com.path AND w.fulfilled_at >= p.f AND w.fulfilled_at < p.t)::int AS "wishesFulfilled",
              (SELECT count(*) FROM household_visit v JOIN household h ON h.id = v.household_id
                 JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id
                WHERE g.path <@ com.path AND v.visited_at >= p.f AND v.visited_at < p.t)::int AS visits
         FROM ${periodsSql} CROSS JOIN ${comSql}`,
      [ids, ...periodParams],
    );

    const partyRows: {
      code: string;
      organizations: number;
      grids: number;
      gridsWithOrganization: number;
      gridsWithLeader: number;
      members: number;
    }[] = await this.db.query(
      `SELECT com.code,
                (SELECT count(*) FROM party_organization o JOIN grid og ON og.id = o.grid_id
                  WHERE og.path <@ com.path AND o.dissolved_at IS NULL)::int AS organizations,
                (SELECT count(*) FROM grid g WHERE g.path <@ com.path)::int AS grids,
                (SELECT count(*) FROM grid g WHERE g.path <@ com.path AND EXISTS (
                   SELECT 1 FROM party_organization o WHERE o.grid_id = g.id AND o.dissolved_at IS NULL
                     AND o.level <> 'CENTRAL_HOUSEHOLD'))::int
                  AS "gridsWithOrganization",
                (SELECT count(*) FROM grid g WHERE g.path <@ com.path AND EXISTS (
                   SELECT 1 FROM grid_leader l WHERE l.grid_id = g.id AND l.role = 'LEADER'
                     AND (l.until IS NULL OR l.until >= current_date)))::int
                  AS "gridsWithLeader",
                (SELECT count(*) FROM service_registration sr WHERE sr.community_id = com.id AND sr.kind = 'MEMBER' AND sr.active)::int
                  AS members
           FROM (SELECT id, code, path FROM grid WHERE id = ANY($1::uuid[])) AS com`,
      [ids],
    );

    const [{ lastYearHasData }] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM "case" WHERE reported_at < $1) AS "lastYearHasData"`, [
      ranges.lastYear[1],
    ]);
    const streets: { name: string }[] = await this.db.query(
      `SELECT s.name FROM street s WHERE s.id IN (SELECT street_id FROM grid WHERE id = ANY($1::uuid[])) ORDER BY s.code`,
      [ids],
    );

    const [from, to] = ranges.current;
    const caseColumns = `c.number, coalesce(cc.name_zh, c.category) AS category, c.priority, c.status,
                         com.name AS community, g.name AS grid, c.reported_at AS "reportedAt",
                         c.due_at AS "dueAt", c.closed_at AS "closedAt", c.rework_count AS "reworkCount", c.escalated_to AS "escalatedTo",
                         c.rating, c.description, count(*) OVER ()::int AS total`;
    const caseFrom = `"case" c JOIN grid g ON g.id = c.grid_id LEFT JOIN case_category cc ON cc.code = c.category
                      JOIN grid com ON com.id = ANY($1::uuid[]) AND c.grid_path <@ com.path`;
    // 超期: the deadline passed by the month's end without an on-time close (open then, or closed late in or after the month).
    const overdue: (ReportCase & { total: number })[] = await this.db.query(
      `SELECT ${caseColumns} FROM ${caseFrom}
        WHERE c.filed_at IS NOT NULL AND c.due_at < $3 AND c.status <> 'REJECTED'
          AND (c.closed_at IS NULL OR c.closed_at > c.due_at) AND (c.closed_at IS NULL OR c.closed_at >= $2)
        ORDER BY c.due_at, c.seq LIMIT ${CASE_LIST_LIMIT}`,
      [ids, from, to],
    );
    // 重点: reported in the month and urgent, escalated, reworked or rated poorly.
    const notable: (ReportCase & { total: number })[] = await this.db.query(
      `SELECT ${caseColumns} FROM ${caseFrom}
        WHERE c.reported_at >= $2 AND c.reported_at < $3
          AND (c.priority = 'URGENT' OR c.escalated_to IS NOT NULL OR c.rework_count > 0 OR c.rating <= 2)
        ORDER BY c.reported_at, c.seq LIMIT ${CASE_LIST_LIMIT}`,
      [ids, from, to],
    );

    const meetings: ReportData['meetings'] = await this.db.query(
      `SELECT to_char(w.held_on, 'YYYY-MM-DD') AS "heldOn", g.name AS community, w.title, w.attendees, w.agenda, w.decisions,
              coalesce((SELECT array_agg(coalesce(c.number, c.id::text) ORDER BY c.seq) FROM "case" c WHERE c.id = ANY(w.case_ids)), '{}')
                AS cases
         FROM work_meeting w LEFT JOIN grid g ON g.id = w.community_id
        WHERE w.held_on >= $2::date AND w.held_on < $3::date
          AND (w.community_id = ANY($1::uuid[])
               OR ($4::boolean AND w.community_id IS NULL AND w.street_id IN (SELECT street_id FROM grid WHERE id = ANY($1::uuid[]))))
        ORDER BY w.held_on, w.created_at`,
      [ids, from.toISOString().slice(0, 10), to.toISOString().slice(0, 10), !community],
    );

    const figures = (k: PeriodKey, code: string | null): MonthFigures => {
      const c = caseRows.find((r) => r.k === k && r.code === code);
      const services = serviceRows.filter((r) => r.k === k && (code === null || r.code === code));
      const sum = (key: string) => services.reduce((s, r) => s + Number(r[key] ?? 0), 0);
      const rate = (n: number, d: number) => (d > 0 ? n / d : null);
      const n = (key: string) => Number(c?.[key] ?? 0);
      return {
        ...FIGURE_DEFAULTS,
        reported: n('reported'),
        filed: n('filed'),
        closed: n('closed'),
        dueToClose: n('dueToClose'),
        closedOnTime: n('closedOnTime'),
        onTimeClosureRate: rate(n('closedOnTime'), n('dueToClose')),
        closureRate: rate(n('closed'), n('filed')),
        reworkRate: rate(n('reworked'), n('handled')),
        extensionRate: rate(n('extended'), n('filed')),
        meanHoursToDispatch: c?.meanHoursToDispatch ?? null,
        meanHoursToClose: c?.meanHoursToClose ?? null,
        satisfaction: c?.satisfaction ?? null,
        rated: n('rated'),
        needsCreated: sum('needsCreated'),
        needsDone: sum('needsDone'),
        serviceHours: sum('serviceHours'),
        wishesCreated: sum('wishesCreated'),
        wishesFulfilled: sum('wishesFulfilled'),
        visits: sum('visits'),
      };
    };
    const partyOf = (code: string | null) => {
      const rows = partyRows.filter((r) => code === null || r.code === code);
      const sum = (key: keyof (typeof partyRows)[number]) => rows.reduce((s, r) => s + Number(r[key]), 0);
      return {
        organizations: sum('organizations'),
        grids: sum('grids'),
        gridsWithOrganization: sum('gridsWithOrganization'),
        gridsWithLeader: sum('gridsWithLeader'),
        members: sum('members'),
      };
    };
    const unit = (code: string | null, name: string): UnitFigures => ({
      code,
      name,
      months: { current: figures('current', code), previous: figures('previous', code), lastYear: figures('lastYear', code) },
      party: partyOf(code),
    });
    const one = community ? communities[0] : null;
    const streetName = streets.length === 1 ? streets[0].name : streets.length > 1 ? `${streets[0].name}等${streets.length}个街道` : '';
    const strip = (rows: (ReportCase & { total: number })[]): ReportCase[] => rows.map(({ total: _total, ...c }) => c);
    const report: ReportData = {
      month: args.month,
      ranges,
      lastYearHasData: Boolean(lastYearHasData),
      streetName,
      community: one ? { code: one.code, name: one.name } : null,
      generatedAt: new Date(),
      total: unit(null, one ? one.name : streetName),
      communities: communities.map((c) => unit(c.code, c.name)),
      overdue: { totalCount: overdue[0]?.total ?? 0, cases: strip(overdue) },
      notable: { totalCount: notable[0]?.total ?? 0, cases: strip(notable) },
      meetings,
      extra: [],
    };
    for (const provider of REPORT_SECTION_PROVIDERS) report.extra.push(...(await provider(this.db, report)));
    return report;
  }
}
