import type { EntityManager } from 'typeorm';
import { elevated } from '../../platform/db/session';
import type { Topic } from '../../platform/events/bus';
import { announceInTransaction } from '../../platform/events/in-transaction';
import type { CaseEvent } from './case.entity';

/** The columns of case_event as a CaseEvent, for raw SQL. */
export const EVENT_COLUMNS = `id::text AS id, case_id AS "caseId", type, from_status AS "fromStatus", to_status AS "toStatus", version,
  actor_role AS "actorRole", actor_name AS "actorName", note, data, category, grid_id AS "gridId", grid_path::text AS "gridPath",
  ST_AsGeoJSON(location)::json AS location, at`;

/**
 * Committed case events on the event bus, in id order with no gap (case_event keeps them;
 * a subscriber that missed one replays from the table with its cursor).
 */
export const CASE_EVENTS: Topic<CaseEvent> = {
  name: 'case',
  revive: (e) => ({ ...e, at: new Date(e.at) }),
  order: {
    idOf: (e) => BigInt(e.id),
    async last(ds) {
      const [{ last }]: { last: string | null }[] = await ds.query(`SELECT max(id)::text AS last FROM case_event`);
      return last === null ? null : BigInt(last);
    },
    between: (ds, after, before) =>
      ds.query(`SELECT ${EVENT_COLUMNS} FROM case_event WHERE id > $1 AND id < $2 ORDER BY case_event.id`, [
        after.toString(),
        before.toString(),
      ]),
  },
};

/**
 * One lock for all event appends. Taken just before the insert and held to commit, it
 * makes event ids follow commit order, so a subscriber that has seen id n has seen every
 * committed event below n: the cursor is gap-free. It serialises only the last
 * statement of each case transaction.
 */
const EVENT_ORDER_LOCK = 0x5347_4341;

export interface EventNote {
  type: string;
  fromStatus: string | null;
  actor: { role: string; name: string };
  note?: string | null;
  data?: Record<string, unknown>;
}

/**
 * The grid an escalation goes to: the case's ancestor at `level` (MEDIUM or LARGE), or
 * null for STREET and DEPARTMENT.
 */
export async function escalationGrid(m: EntityManager, gridPath: string, level: string): Promise<{ id: string; code: string } | null> {
  if (level !== 'MEDIUM' && level !== 'LARGE') return null;
  // The grid above may lie outside the escalating leader's own subtree.
  const [grid] = await elevated(m, () => m.query(`SELECT id, code FROM grid WHERE path @> $1::ltree AND level = $2`, [gridPath, level]));
  return grid ?? null;
}

/**
 * Appends the event for a change already written to the case row, and hands it to the
 * in-transaction listeners of CASE_EVENTS; call last in the transaction.
 */
export async function appendEvent(m: EntityManager, caseId: string, e: EventNote): Promise<CaseEvent> {
  await m.query(`SELECT pg_advisory_xact_lock($1)`, [EVENT_ORDER_LOCK]);
  const [row]: CaseEvent[] = await m.query(
    `INSERT INTO case_event (case_id, type, from_status, to_status, version, actor_role, actor_name, note, data,
                             category, grid_id, grid_path, location)
     SELECT id, $2, $3, status, version, $4, $5, $6, $7, category, grid_id, grid_path, location FROM "case" WHERE id = $1
     RETURNING ${EVENT_COLUMNS}`,
    [caseId, e.type, e.fromStatus, e.actor.role, e.actor.name, e.note ?? null, JSON.stringify(e.data ?? {})],
  );
  // What the step causes elsewhere (the notify domain's inbox and outbox) commits with it.
  await announceInTransaction(m, CASE_EVENTS, [row]);
  return row;
}
