import type { Db } from '../../platform/db/session';
import { badInput, missing } from '../../platform/graphql/errors';
import { intIn, uuid } from '../../platform/graphql/validate';
import type { CaseHeatmap } from './case.type';

const DAY_MS = 86_400_000;
/** The longest window one request may ask for. */
export const HEATMAP_MAX_DAYS = 366;
/** Buckets (cell × day) one answer holds at most: about 300 KB of JSON. */
export const HEATMAP_MAX_BUCKETS = 20_000;
export const HEATMAP_DEFAULT_CELL_M = 50;

interface Row {
  x: number;
  y: number;
  day: number;
  n: number;
  late: number;
}

/**
 * 案件热力: the cases the caller sees (row-level security) in a grid's subtree or everywhere,
 * reported in [from, to), counted per `cellMeters` square in Web Mercator (a case falls in the cell whose
 * centre is the nearest grid node, as ST_SnapToGrid would; answered as that centre in WGS-84)
 * and per day from `from`. One statement; the answer is bounded by HEATMAP_MAX_BUCKETS (the
 * latest days are dropped first and `truncated` says so).
 */
export class CaseHeatmapService {
  constructor(private readonly ds: Db) {}

  async heatmap(gridId: string | null, from: Date, to: Date, cellMeters: number, seesAllGrids = true): Promise<CaseHeatmap> {
    if (gridId != null) uuid(gridId, 'gridId');
    if (!(from < to)) throw badInput('from', 'must be before to');
    const days = Math.ceil((to.getTime() - from.getTime()) / DAY_MS);
    if (days > HEATMAP_MAX_DAYS) throw badInput('to', `the window may span at most ${HEATMAP_MAX_DAYS} days`);
    intIn(cellMeters, 'cellMeters', 10, 5000);
    // Web Mercator by arithmetic (R = 6378137, as EPSG:3857) rather than ST_Transform per row: the same cells, and a
    // plan cheap enough that PostgreSQL does not JIT-compile it (ST_Transform's declared cost made it spend 125 of 380 ms).
    const rows: (Row & { found: boolean })[] = await this.ds.query(
      `WITH root AS (SELECT path FROM grid WHERE id = $4::uuid),
       c AS (
         SELECT round(radians(ST_X(location)) * 6378137 / $3::float8)::int AS ix,
                round(ln(tan(pi() / 4 + radians(ST_Y(location)) / 2)) * 6378137 / $3::float8)::int AS iy,
                floor(extract(epoch FROM reported_at - $1::timestamptz) / 86400)::int AS day,
                (status <> 'REJECTED' AND due_at IS NOT NULL AND coalesce(closed_at, now()) > due_at) AS late
           FROM "case"
          WHERE reported_at >= $1 AND reported_at < $2 AND ($4::uuid IS NULL OR grid_path <@ (SELECT path FROM root))
       ),
       b AS (
         SELECT ix, iy, day, count(*)::int AS n, count(*) FILTER (WHERE late)::int AS late
           FROM c GROUP BY ix, iy, day ORDER BY day, ix, iy LIMIT $5
       )
       SELECT degrees(ix * $3::float8 / 6378137) AS x, degrees(2 * atan(exp(iy * $3::float8 / 6378137)) - pi() / 2) AS y,
              day, n, late, true AS found
         FROM b
        WHERE $4::uuid IS NULL OR EXISTS (SELECT 1 FROM root)
       UNION ALL
       SELECT NULL, NULL, NULL, NULL, NULL, false WHERE $4::uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM root)
       ORDER BY day, x, y`,
      [from, to, cellMeters, gridId, HEATMAP_MAX_BUCKETS + 1],
    );
    if (rows.length === 1 && !rows[0].found) throw missing('gridId', 'grid', seesAllGrids);
    const truncated = rows.length > HEATMAP_MAX_BUCKETS;
    const kept = truncated ? rows.slice(0, HEATMAP_MAX_BUCKETS) : rows;
    const answer: CaseHeatmap = {
      from,
      to,
      days,
      cellMeters,
      lng: [],
      lat: [],
      cell: [],
      day: [],
      count: [],
      late: [],
      total: 0,
      truncated,
    };
    const cells = new Map<string, number>();
    for (const r of kept) {
      const lng = round6(r.x);
      const lat = round6(r.y);
      const key = `${lng},${lat}`;
      let i = cells.get(key);
      if (i === undefined) {
        i = answer.lng.length;
        cells.set(key, i);
        answer.lng.push(lng);
        answer.lat.push(lat);
      }
      answer.cell.push(i);
      answer.day.push(r.day);
      answer.count.push(r.n);
      answer.late.push(r.late);
      answer.total += r.n;
    }
    return answer;
  }
}

/** Six decimals: about 0.1 m, far below a cell. */
function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
