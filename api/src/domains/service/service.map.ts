import type { FeatureCollection } from 'geojson';
import type { Db } from '../../platform/db/session';
import { badInput, missing } from '../../platform/graphql/errors';
import type { Scope } from '../../platform/identity/scope';
import { checkPeriod } from './service.rules';
import { UUID } from './service.service';
import { VisitService } from './visits/visit.service';

/**
 * The services map layers of a grid's subtree as one GeoJSON FeatureCollection, each
 * feature tagged by `layer`: OVERDUE_VISIT points (households past their visit date),
 * OPEN_WISH points (wishes on the board), MATCH lines from the helper to the need for the
 * week's live proposals and tasks. Each layer is cut by the viewer's Scope: leaders see
 * all three within the grids they lead, a helper the lines of their own confirmed tasks,
 * everyone signed in the open wishes. No names or addresses in the properties.
 */
export async function serviceMap(
  ds: Db,
  scope: Scope,
  gridId: string | null,
  period: string | null,
  now: Date,
): Promise<FeatureCollection> {
  scope.requireSignedIn();
  if (gridId != null && !UUID.test(gridId)) throw badInput('gridId', 'is not an id');
  if (period != null) checkPeriod(period);
  if (gridId == null) return serviceMapOfAll(ds, scope, period, now);
  // Any community may be asked for (communities are public); a smaller grid only when the viewer sees it.
  const [grid] = await ds.query(
    `SELECT path::text AS path FROM grid WHERE id = $1 UNION ALL SELECT path::text FROM public_community WHERE id = $1 LIMIT 1`,
    [gridId],
  );
  if (!grid) throw missing('gridId', 'grid', scope.seesEverything('Grid'));
  const features: FeatureCollection['features'] = [];
  if (scope.seesVisits) {
    // Households past their visit date, only those the viewer may see (a leader asking for
    // a wider grid than they lead, or another community, gets their own part of it).
    const due = await new VisitService(ds).scheduleUnder(grid.path, now, true, 500);
    const households = scope.whereRaw('Household', 'h', 2);
    const visible = new Set(
      (
        await ds.query(`SELECT h.id FROM household h WHERE h.id = ANY($1::uuid[]) AND ${households.sql}`, [
          due.map((d) => d.householdId),
          ...households.params,
        ])
      ).map((r: { id: string }) => r.id),
    );
    features.push(...due.filter((x) => visible.has(x.householdId)).map(visitFeature));
  }
  if (period != null) {
    // Leaders see their grids' proposals and tasks; a helper the tasks confirmed to them.
    const matches = scope.whereRaw('ServiceMatch', 'x', 3);
    const rows: MatchRow[] = await ds.query(
      `SELECT x.id, x.status, x.distance_m AS "distanceM", x.explanation, ST_AsGeoJSON(ST_MakeLine(r.location, n.location), 6)::json AS line
         FROM service_match x JOIN service_need n ON n.id = x.need_id JOIN service_registration r ON r.id = x.registration_id
        WHERE n.grid_path <@ $1::ltree AND x.period = $2::date AND x.status IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED', 'DONE')
          AND ${matches.sql}
        ORDER BY x.seq`,
      [grid.path, period, ...matches.params],
    );
    features.push(...rows.map(matchFeature));
  }
  const { sql, params } = scope.whereRaw('MicroWish', 'w', 2);
  const open: WishRow[] = await ds.query(
    `SELECT w.id, w.title, ST_AsGeoJSON(w.location, 6)::json AS point FROM micro_wish w
      WHERE w.grid_path <@ $1::ltree AND w.status = 'PUBLISHED' AND ${sql} ORDER BY w.seq LIMIT 500`,
    [grid.path, ...params],
  );
  features.push(...open.map(wishFeature));
  return { type: 'FeatureCollection', features };
}

/** Each community's features are capped as one community's answer is (500 overdue visits, 500 open wishes). */
const PER_COMMUNITY = 500;

/**
 * The layers of every community at once — the union of the per-community answers, each layer
 * cut by the viewer's Scope — in one statement per layer instead of one request per community
 * (the wall's first load). The visit schedule is set-based: only households with a tag under a
 * policy, their last visit from the (household_id, visited_at) index, ranked per community.
 */
async function serviceMapOfAll(ds: Db, scope: Scope, period: string | null, now: Date): Promise<FeatureCollection> {
  const features: FeatureCollection['features'] = [];
  if (scope.seesVisits) {
    // Each household's community is the first two labels of its path (`sg_community_path`); the
    // building is read only for the households kept (at most 500 a community); the tagged
    // households come from their covering partial index (`tags <> '{}'`, migration 1765995000000),
    // filtered by the policies' tags, given as a value so that the planner estimates the overlap
    // from the column's statistics (a subquery there got a fixed guess, 10× too low, and a bitmap
    // scan of the heap). On 20 streets (66k tagged households, 44k under a policy, 10.8k
    // overdue): 1.4–1.7 s → 0.4–1.0 s under load (EXPLAIN ANALYZE).
    const [{ tags }]: { tags: string[] }[] = await ds.query(`SELECT coalesce(array_agg(tag), '{}') AS tags FROM visit_policy`);
    const households = scope.whereRaw('Household', 'h', 4);
    const due: DueRow[] = await ds.query(
      `WITH due AS (
         SELECT h.id, h.building_id, p.interval_days, sg_community_path(h.grid_path) AS community,
                coalesce(v.last + make_interval(days => p.interval_days), $1::timestamptz) AS next_due
           FROM household h
           CROSS JOIN LATERAL (SELECT min(interval_days) AS interval_days FROM visit_policy WHERE tag = ANY(h.tags)) p
           LEFT JOIN LATERAL (SELECT max(visited_at) AS last FROM household_visit WHERE household_id = h.id) v ON true
          WHERE h.tags <> '{}' AND h.tags && $3::text[] AND p.interval_days IS NOT NULL AND ${households.sql}
       ),
       ranked AS (
         SELECT d.*, row_number() OVER (PARTITION BY community ORDER BY next_due, id) AS n
           FROM due d WHERE next_due <= $1::timestamptz
       )
       SELECT r.id AS "householdId", r.interval_days AS "intervalDays", r.next_due AS "nextDueAt",
              ST_AsGeoJSON(b.centroid)::json AS point
         FROM ranked r JOIN building b ON b.id = r.building_id JOIN public_community c ON c.path = r.community
        WHERE r.n <= $2 ORDER BY c.code, r.n`,
      [now, PER_COMMUNITY, tags, ...households.params],
    );
    features.push(...due.map(visitFeature));
  }
  if (period != null) {
    const matches = scope.whereRaw('ServiceMatch', 'x', 2);
    const rows: MatchRow[] = await ds.query(
      `SELECT x.id, x.status, x.distance_m AS "distanceM", x.explanation, ST_AsGeoJSON(ST_MakeLine(r.location, n.location), 6)::json AS line
         FROM service_match x JOIN service_need n ON n.id = x.need_id JOIN service_registration r ON r.id = x.registration_id
           JOIN public_community co ON co.path @> n.grid_path
        WHERE x.period = $1::date AND x.status IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED', 'DONE') AND ${matches.sql}
        ORDER BY co.code, x.seq`,
      [period, ...matches.params],
    );
    features.push(...rows.map(matchFeature));
  }
  const wishes = scope.whereRaw('MicroWish', 'w', 2);
  const open: WishRow[] = await ds.query(
    `WITH ranked AS (
       SELECT w.id, w.title, w.location, co.code, row_number() OVER (PARTITION BY co.id ORDER BY w.seq) AS n
         FROM micro_wish w JOIN public_community co ON co.path @> w.grid_path
        WHERE w.status = 'PUBLISHED' AND ${wishes.sql}
     )
     SELECT id, title, ST_AsGeoJSON(location, 6)::json AS point FROM ranked WHERE n <= $1 ORDER BY code, n`,
    [PER_COMMUNITY, ...wishes.params],
  );
  features.push(...open.map(wishFeature));
  return { type: 'FeatureCollection', features };
}

/** A household past its visit date (from the visit schedule, one community's or every community's). */
interface DueRow {
  householdId: string;
  nextDueAt: Date | string;
  intervalDays: number;
  point: GeoJSON.Point;
}
/** A live match of the week: the line from the helper to the need. */
interface MatchRow {
  id: string;
  status: string;
  distanceM: number;
  explanation: string;
  line: GeoJSON.LineString;
}
/** A wish on the board. */
interface WishRow {
  id: string;
  title: string;
  point: GeoJSON.Point;
}

type Feature = FeatureCollection['features'][number];

/** The features of the three layers, the same whether one community or all are asked for (no names or addresses). */
const visitFeature = (d: DueRow): Feature => ({
  type: 'Feature',
  geometry: d.point,
  properties: {
    layer: 'OVERDUE_VISIT',
    householdId: d.householdId,
    nextDueAt: new Date(d.nextDueAt).toISOString(),
    intervalDays: d.intervalDays,
  },
});
const matchFeature = (m: MatchRow): Feature => ({
  type: 'Feature',
  geometry: m.line,
  properties: { layer: 'MATCH', matchId: m.id, status: m.status, distanceM: Math.round(m.distanceM), explanation: m.explanation },
});
const wishFeature = (w: WishRow): Feature => ({
  type: 'Feature',
  geometry: w.point,
  properties: { layer: 'OPEN_WISH', wishId: w.id, title: w.title },
});
