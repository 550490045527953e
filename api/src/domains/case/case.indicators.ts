import type { Db } from '../../platform/db/session';
import { badInput, missing } from '../../platform/graphql/errors';
import { uuid } from '../../platform/graphql/validate';
import type { CaseIndicators } from './case.type';

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
}
