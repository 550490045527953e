import type { Db } from '../../platform/db/session';
import { badInput, missing } from '../../platform/graphql/errors';
import { intIn, uuid } from '../../platform/graphql/validate';
import type { CaseIndicators, CaseKpiSeries } from './case.type';

const WEEK_MS = 7 * 86_400_000;

/**
 * 考核指标 over the cases of a grid's subtree (any level), or of everything the caller sees (the
 * command centre's whole street in one statement), reported in [from, to):
 * - 按期结案率 onTimeClosureRate = closedOnTime ÷ dueToClose, where 应结案 dueToClose are
 *   filed cases whose deadline fell before `to` or that are closed, and 按期结案
 *   closedOnTime are those closed no later than their deadline (an approved extension
 *   moves the deadline);
 * - 结案率 closureRate = closed ÷ filed;
 * - 返工率 reworkRate = cases returned at least once ÷ cases handled at least once;
 * - 延期率 extensionRate = cases extended at least once ÷ filed;
 * - 平均派遣时长 / 平均结案时长 = mean hours from report to first dispatch / to close;
 * - 满意度 satisfaction = mean rating ÷ 5 over rated cases.
 * A rate with a zero denominator is null. One statement.
 */
export class CaseIndicatorService {
  constructor(private readonly ds: Db) {}

  /**
   * Over the cases the caller sees (row-level security), of a grid the caller sees or of all
   * (`gridId` null); `seesAllGrids` decides how a grid out of reach is answered (see `missing`).
   */
  async forGrid(gridId: string | null, from: Date, to: Date, seesAllGrids = true): Promise<CaseIndicators> {
    if (gridId != null) uuid(gridId, 'gridId');
    if (!(from < to)) throw badInput('from', 'must be before to');
    if (gridId != null) {
      const [grid] = await this.ds.query(`SELECT 1 FROM grid WHERE id = $1`, [gridId]);
      if (!grid) throw missing('gridId', 'grid', seesAllGrids);
    }
    const [r] = await this.ds.query(
      `SELECT count(*)::int AS reported,
              count(filed_at)::int AS filed,
              count(closed_at)::int AS closed,
              count(*) FILTER (WHERE filed_at IS NOT NULL AND (due_at < $3 OR closed_at IS NOT NULL))::int AS "dueToClose",
              count(*) FILTER (WHERE closed_at IS NOT NULL AND closed_at <= due_at)::int AS "closedOnTime",
              count(*) FILTER (WHERE rework_count > 0)::int AS reworked,
              count(handled_at)::int AS handled,
              count(*) FILTER (WHERE extension_count > 0)::int AS extended,
              avg(extract(epoch FROM dispatched_at - reported_at) / 3600)::float8 AS "meanHoursToDispatch",
              avg(extract(epoch FROM closed_at - reported_at) / 3600)::float8 AS "meanHoursToClose",
              (avg(rating) / 5)::float8 AS satisfaction,
              count(rating)::int AS rated
         FROM "case"
        WHERE ($1::uuid IS NULL OR grid_path <@ (SELECT path FROM grid WHERE id = $1)) AND reported_at >= $2 AND reported_at < $3`,
      [gridId, from, to],
    );
    const rate = (n: number, d: number) => (d > 0 ? n / d : null);
    return {
      reported: r.reported,
      filed: r.filed,
      closed: r.closed,
      dueToClose: r.dueToClose,
      closedOnTime: r.closedOnTime,
      onTimeClosureRate: rate(r.closedOnTime, r.dueToClose),
      closureRate: rate(r.closed, r.filed),
      reworkRate: rate(r.reworked, r.handled),
      extensionRate: rate(r.extended, r.filed),
      meanHoursToDispatch: r.meanHoursToDispatch,
      meanHoursToClose: r.meanHoursToClose,
      satisfaction: r.satisfaction,
      rated: r.rated,
    };
  }

  /**
   * The KPI band's sparklines: `weeks` 7-day spans ending at `to`, oldest first, each KPI a
   * series, in one statement over the cases the caller sees (row-level security), of a grid's
   * subtree or of all. Open and overdue are snapshots at each week's end (a later extension or
   * rework is read as it stands now); the rates are `forGrid` over the week's reports.
   */
  async weekly(gridId: string | null, weeks: number, to: Date, seesAllGrids = true): Promise<CaseKpiSeries> {
    if (gridId != null) uuid(gridId, 'gridId');
    intIn(weeks, 'weeks', 1, 52);
    if (Number.isNaN(to.getTime())) throw badInput('to', 'is not a time');
    if (gridId != null) {
      const [grid] = await this.ds.query(`SELECT 1 FROM grid WHERE id = $1`, [gridId]);
      if (!grid) throw missing('gridId', 'grid', seesAllGrids);
    }
    const from = new Date(to.getTime() - weeks * WEEK_MS);
    const rows: {
      i: number;
      reported: number;
      open: number;
      overdue: number;
      closed: number;
      dueToClose: number;
      closedOnTime: number;
      satisfaction: number | null;
    }[] = await this.ds.query(
      `WITH w AS (
         SELECT i, $2::timestamptz + i * interval '7 days' AS f, $2::timestamptz + (i + 1) * interval '7 days' AS t
           FROM generate_series(0, $3::int - 1) AS i
       ),
       -- The cases that touch any week, read once (a join per week re-read the heap twelve times).
       cs AS MATERIALIZED (
         SELECT id, status, reported_at, filed_at, due_at, closed_at, rating
           FROM "case"
          WHERE reported_at < $2::timestamptz + $3::int * interval '7 days'
            AND (reported_at >= $2 OR closed_at IS NULL OR closed_at >= $2)
            AND ($1::uuid IS NULL OR grid_path <@ (SELECT path FROM grid WHERE id = $1))
       )
       SELECT w.i,
              count(c.id) FILTER (WHERE c.reported_at >= w.f)::int AS reported,
              count(c.id) FILTER (WHERE c.status <> 'REJECTED' AND (c.closed_at IS NULL OR c.closed_at >= w.t))::int AS open,
              count(c.id) FILTER (WHERE c.status <> 'REJECTED' AND c.filed_at < w.t AND c.due_at < w.t
                                    AND (c.closed_at IS NULL OR c.closed_at >= w.t))::int AS overdue,
              count(c.id) FILTER (WHERE c.closed_at >= w.f AND c.closed_at < w.t)::int AS closed,
              count(c.id) FILTER (WHERE c.reported_at >= w.f AND c.filed_at IS NOT NULL
                                    AND (c.due_at < w.t OR c.closed_at IS NOT NULL))::int AS "dueToClose",
              count(c.id) FILTER (WHERE c.reported_at >= w.f AND c.closed_at IS NOT NULL AND c.closed_at <= c.due_at)::int
                AS "closedOnTime",
              (avg(c.rating) FILTER (WHERE c.reported_at >= w.f) / 5)::float8 AS satisfaction
         FROM w
         LEFT JOIN cs AS c ON c.reported_at < w.t AND (c.reported_at >= w.f OR c.closed_at IS NULL OR c.closed_at >= w.f)
        GROUP BY w.i ORDER BY w.i`,
      [gridId, from, weeks],
    );
    return {
      weekStarts: rows.map((r) => new Date(from.getTime() + r.i * WEEK_MS)),
      reported: rows.map((r) => r.reported),
      open: rows.map((r) => r.open),
      overdue: rows.map((r) => r.overdue),
      closed: rows.map((r) => r.closed),
      onTimeClosureRate: rows.map((r) => (r.dueToClose > 0 ? r.closedOnTime / r.dueToClose : null)),
      satisfaction: rows.map((r) => r.satisfaction),
    };
  }
}
