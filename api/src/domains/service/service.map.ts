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
export async function serviceMap(ds: Db, scope: Scope, gridId: string, period: string | null, now: Date): Promise<FeatureCollection> {
  scope.requireSignedIn();
  if (!UUID.test(gridId)) throw badInput('gridId', 'is not an id');
  if (period != null) checkPeriod(period);
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
    for (const d of due.filter((x) => visible.has(x.householdId))) {
      features.push({
        type: 'Feature',
        geometry: d.point,
        properties: {
          layer: 'OVERDUE_VISIT',
          householdId: d.householdId,
          nextDueAt: new Date(d.nextDueAt).toISOString(),
          intervalDays: d.intervalDays,
        },
      });
    }
  }
  if (period != null) {
    // Leaders see their grids' proposals and tasks; a helper the tasks confirmed to them.
    const matches = scope.whereRaw('ServiceMatch', 'x', 3);
    const rows: { id: string; status: string; distanceM: number; explanation: string; line: GeoJSON.LineString }[] = await ds.query(
      `SELECT x.id, x.status, x.distance_m AS "distanceM", x.explanation, ST_AsGeoJSON(ST_MakeLine(r.location, n.location), 6)::json AS line
         FROM service_match x JOIN service_need n ON n.id = x.need_id JOIN service_registration r ON r.id = x.registration_id
        WHERE n.grid_path <@ $1::ltree AND x.period = $2::date AND x.status IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED', 'DONE')
          AND ${matches.sql}
        ORDER BY x.seq`,
      [grid.path, period, ...matches.params],
    );
    for (const m of rows)
      features.push({
        type: 'Feature',
        geometry: m.line,
        properties: { layer: 'MATCH', matchId: m.id, status: m.status, distanceM: Math.round(m.distanceM), explanation: m.explanation },
      });
  }
  const { sql, params } = scope.whereRaw('MicroWish', 'w', 2);
  const open: { id: string; title: string; point: GeoJSON.Point }[] = await ds.query(
    `SELECT w.id, w.title, ST_AsGeoJSON(w.location, 6)::json AS point FROM micro_wish w
      WHERE w.grid_path <@ $1::ltree AND w.status = 'PUBLISHED' AND ${sql} ORDER BY w.seq LIMIT 500`,
    [grid.path, ...params],
  );
  for (const w of open)
    features.push({ type: 'Feature', geometry: w.point, properties: { layer: 'OPEN_WISH', wishId: w.id, title: w.title } });
  return { type: 'FeatureCollection', features };
}
