import type { Db } from '../../../platform/db/session';
import { pageSize } from '../../../platform/graphql/connection';
import { badInput, missing } from '../../../platform/graphql/errors';
import { checkLngLat } from '../../../platform/graphql/spatial-args';
import { inTransaction } from '../../../platform/graphql/transaction';
import type { Actor } from '../../../platform/identity/actor';
import { NeedSource } from '../service.entity';
import { appendServiceEvent } from '../service.events';
import type { VisitInput } from './visit.input';
import { allow, type HouseholdReach, text } from '../service.rules';
import { checkNeed, insertNeed, requireHouseholdIn, SERVICE_CONSTRAINT_FIELDS, UUID } from '../service.service';
import { HouseholdVisit, type VisitDue, VisitPolicy } from './visit.entity';

/**
 * 入户走访 — visit policies by household tag, each household's next due date, the
 * overdue list (with a point per household for the map), and visit records whose needs
 * go straight onto the needs list.
 */
export class VisitService {
  constructor(private readonly ds: Db) {}

  policies(): Promise<VisitPolicy[]> {
    return this.ds.getRepository(VisitPolicy).find({ order: { intervalDays: 'ASC' } });
  }

  /**
   * The schedule of a grid the caller sees (`seesAllGrids`: whether they see every grid,
   * which decides how a grid out of reach is answered; see `missing`).
   */
  async schedule(gridId: string, now: Date, overdueOnly: boolean, first?: number | null, seesAllGrids = true): Promise<VisitDue[]> {
    if (!UUID.test(gridId)) throw badInput('gridId', 'is not an id');
    const [grid] = await this.ds.query(`SELECT path::text AS path FROM grid WHERE id = $1`, [gridId]);
    if (!grid) throw missing('gridId', 'grid', seesAllGrids);
    return this.scheduleUnder(grid.path, now, overdueOnly, first);
  }

  /**
   * Households under the grid path `path` with a tag under a policy (those the caller sees):
   * interval = the shortest of their tags', next due = last visit + interval (never
   * visited: due now), soonest due first. `overdueOnly`: next due before `now`.
   */
  async scheduleUnder(path: string, now: Date, overdueOnly: boolean, first?: number | null): Promise<VisitDue[]> {
    const limit = pageSize(first);
    const rows: (Omit<VisitDue, 'overdue'> & { overdue: boolean })[] = await this.ds.query(
      `SELECT * FROM (
         SELECT h.id AS "householdId", h.address, h.tags, p.interval_days AS "intervalDays", v.last AS "lastVisitAt",
                coalesce(v.last + make_interval(days => p.interval_days), $2::timestamptz) AS "nextDueAt",
                ST_AsGeoJSON(b.centroid)::json AS point, b.grid_id AS "gridId"
           FROM household h
           JOIN building b ON b.id = h.building_id
           JOIN grid g ON g.id = b.grid_id AND g.path <@ $1::ltree
           CROSS JOIN LATERAL (SELECT min(interval_days) AS interval_days FROM visit_policy WHERE tag = ANY(h.tags)) p
           LEFT JOIN LATERAL (SELECT max(visited_at) AS last FROM household_visit WHERE household_id = h.id) v ON true
          WHERE p.interval_days IS NOT NULL
       ) d
       WHERE NOT $3 OR "nextDueAt" <= $2::timestamptz
       ORDER BY "nextDueAt", "householdId" LIMIT $4`,
      [path, now, overdueOnly, limit],
    );
    return rows.map((r) => ({ ...r, overdue: new Date(r.nextDueAt).getTime() <= now.getTime() }));
  }

  /** Records a visit; needs found are added to the needs list in the same transaction. */
  async record(input: VisitInput, actor: Actor, reach: HouseholdReach = { kind: 'any' }): Promise<HouseholdVisit> {
    allow(actor, 'VISIT');
    if (!UUID.test(input.householdId)) throw badInput('input.householdId', 'is not an id');
    const findings = text(input.findings, 'input.findings', 4000);
    if (Number.isNaN(input.visitedAt.getTime())) throw badInput('input.visitedAt', 'is not a time');
    if ((input.checkInLng == null) !== (input.checkInLat == null))
      throw badInput('input.checkInLng', 'give both checkInLng and checkInLat, or neither');
    if (input.checkInLng != null && input.checkInLat != null) checkLngLat(input.checkInLng, input.checkInLat, 'input.checkIn');
    const needs = (input.needs ?? []).map((n, i) => ({ prefix: `input.needs.${i}`, checked: checkNeed(n, `input.needs.${i}`) }));
    return inTransaction(this.ds, SERVICE_CONSTRAINT_FIELDS, async (m) => {
      await requireHouseholdIn(m, input.householdId, reach, 'record a visit');
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO household_visit (household_id, visitor_name, visitor_role, visited_at, findings, check_in, check_in_distance_m)
         SELECT h.id, $2, $3, $4, $5, p.pt, ST_Distance(p.pt::geography, b.centroid::geography)
           FROM household h JOIN building b ON b.id = h.building_id
           CROSS JOIN LATERAL (SELECT CASE WHEN $6::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($6, $7), 4326) END AS pt) p
          WHERE h.id = $1
         RETURNING id`,
        [input.householdId, actor.name, actor.role, input.visitedAt, findings, input.checkInLng ?? null, input.checkInLat ?? null],
      );
      if (!row) throw badInput('input.householdId', 'no such household');
      const needIds: string[] = [];
      for (const n of needs) needIds.push(await insertNeed(m, input.householdId, NeedSource.VISIT, n.checked, row.id, n.prefix));
      await appendServiceEvent(m, 'VISIT', row.id, 'VISITED', actor, null, { householdId: input.householdId, needs: needIds });
      for (const id of needIds) await appendServiceEvent(m, 'NEED', id, 'RAISED', actor, null, { visitId: row.id });
      return m.getRepository(HouseholdVisit).findOneByOrFail({ id: row.id });
    });
  }

  /** A household's visits, newest first. */
  visits(householdId: string, first?: number | null): Promise<HouseholdVisit[]> {
    if (!UUID.test(householdId)) throw badInput('householdId', 'is not an id');
    return this.ds.getRepository(HouseholdVisit).find({ where: { householdId }, order: { visitedAt: 'DESC' }, take: pageSize(first) });
  }
}
