import type { EntityManager } from 'typeorm';
import type { CaseEvent } from '../case/case.entity';
import type { ServiceChange } from '../service/service.events';
import { NotificationKind, NotificationSubject } from './notify.type';
import type { Notice } from './notify.writer';

/** Case event types that tell the case's handler something, and the kind each becomes. */
const CASE_KINDS: Record<string, NotificationKind> = {
  DISPATCHED: NotificationKind.CASE_DISPATCHED,
  RETURNED: NotificationKind.CASE_RETURNED,
  EXTENDED: NotificationKind.EXTENSION_APPROVED,
  EXTENSION_DECLINED: NotificationKind.EXTENSION_DECLINED,
  RATED: NotificationKind.CASE_RATED,
};

/**
 * Who hears of a case step: the grid leader it was dispatched to (the accounts of that
 * leader's resident), else — when no department took it — the leader accounts of the
 * case's own small grid. A case with a department and no leader has nobody yet (department
 * accounts will be its recipients). Runs as the system (inside `writeNotices`' caller).
 */
async function caseHandlers(m: EntityManager, caseId: string, leaderId: string | null, department: boolean): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT DISTINCT u.id FROM "case" c, app_user u
      WHERE c.id = $1 AND NOT u.disabled AND (
        ($2::uuid IS NOT NULL AND u.resident_id = (SELECT gl.resident_id FROM grid_leader gl WHERE gl.id = $2))
        OR ($2::uuid IS NULL AND NOT $3 AND u.role = 'GRID_LEADER'
            AND EXISTS (SELECT 1 FROM user_grid ug WHERE ug.user_id = u.id AND ug.grid_id = c.grid_id)))
      ORDER BY u.id`,
    [caseId, leaderId, department],
  );
  return rows.map((r) => r.id);
}

/** The notices a batch of committed-to-be case events causes (read as the system). */
export async function caseNotices(m: EntityManager, events: readonly CaseEvent[]): Promise<Notice[]> {
  const out: Notice[] = [];
  for (const e of events) {
    const kind = CASE_KINDS[e.type];
    if (!kind) continue;
    const [c]: { number: string | null; assigned_leader_id: string | null; department: string | null }[] = await m.query(
      `SELECT number, assigned_leader_id, department FROM "case" WHERE id = $1`,
      [e.caseId],
    );
    if (!c) continue;
    const data = (e.data ?? {}) as Record<string, unknown>;
    // A dispatch names its leader (or department) in the event; later steps go to whoever holds the case.
    const leaderId = e.type === 'DISPATCHED' ? ((data.leaderId as string | null) ?? null) : c.assigned_leader_id;
    const department = e.type === 'DISPATCHED' ? data.department != null : c.department != null;
    const params: Record<string, unknown> = { number: c.number, category: e.category };
    if (e.note && (e.type === 'RETURNED' || e.type === 'EXTENSION_DECLINED')) params.note = e.note;
    if (e.type === 'EXTENDED' && typeof data.newDueAt === 'string') params.until = data.newDueAt;
    if (e.type === 'RATED' && typeof data.rating === 'number') params.rating = data.rating;
    for (const userId of await caseHandlers(m, e.caseId, leaderId, department)) {
      out.push({ userId, kind, subjectType: NotificationSubject.CASE, subjectId: e.caseId, params });
    }
  }
  return out;
}

/**
 * The notices service changes cause: a task confirmed to a helper (the helper's account);
 * a micro-wish claimed or fulfilled (the accounts of the wish's household).
 */
export async function serviceNotices(m: EntityManager, changes: readonly ServiceChange[]): Promise<Notice[]> {
  const out: Notice[] = [];
  for (const c of changes) {
    if (c.subject === 'MATCH' && c.type === 'CONFIRMED') {
      const rows: { user_id: string }[] = await m.query(
        `SELECT r.user_id FROM service_match x JOIN service_registration r ON r.id = x.registration_id
          JOIN app_user u ON u.id = r.user_id WHERE x.id = $1 AND NOT u.disabled`,
        [c.subjectId],
      );
      for (const r of rows)
        out.push({
          userId: r.user_id,
          kind: NotificationKind.TASK_CONFIRMED,
          subjectType: NotificationSubject.MATCH,
          subjectId: c.subjectId,
          params: {},
        });
    } else if (c.subject === 'WISH' && (c.type === 'CLAIMED' || c.type === 'FULFILLED')) {
      const rows: { id: string; title: string | null }[] = await m.query(
        `SELECT u.id, w.title FROM micro_wish w JOIN resident res ON res.household_id = w.household_id
          JOIN app_user u ON u.resident_id = res.id WHERE w.id = $1 AND NOT u.disabled ORDER BY u.id`,
        [c.subjectId],
      );
      const kind = c.type === 'CLAIMED' ? NotificationKind.WISH_CLAIMED : NotificationKind.WISH_FULFILLED;
      for (const r of rows)
        out.push({ userId: r.id, kind, subjectType: NotificationSubject.WISH, subjectId: c.subjectId, params: { title: r.title } });
    }
  }
  return out;
}
