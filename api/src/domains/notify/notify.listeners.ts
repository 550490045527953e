import type { EntityManager } from 'typeorm';
import type { CaseEvent } from '../case/case.entity';
import type { ServiceChange } from '../service/service.events';
import { NotificationKind, NotificationSubject } from './notify.type';
import type { Notice } from './notify.writer';

/** Case event types that tell the case's handler something, and the kind each becomes. */
const CASE_KINDS: Record<string, NotificationKind> = {
  DISPATCHED: NotificationKind.CASE_DISPATCHED,
  ESCALATED: NotificationKind.CASE_ESCALATED,
  RETURNED: NotificationKind.CASE_RETURNED,
  EXTENDED: NotificationKind.EXTENSION_APPROVED,
  EXTENSION_DECLINED: NotificationKind.EXTENSION_DECLINED,
  RATED: NotificationKind.CASE_RATED,
};

/** Who holds a case: a grid leader, a registered department or an organisation (a property company), or none yet. */
interface Holder {
  leaderId: string | null;
  departmentId: string | null;
  organizationId: string | null;
  /** A department by name alone (not in the registry): it has no accounts to tell. */
  unregisteredDepartment: boolean;
}

/**
 * Who hears of a case step: the accounts of the grid leader it was dispatched to (their
 * resident's), else the staff accounts of the registered department or the organisation that
 * holds it (部门工作人员, 物业公司工作人员), else — when nobody was named — the leader accounts of
 * the case's own small grid. A department known by name only has nobody to tell. Runs as the
 * system (inside `writeNotices`' caller).
 */
async function caseHandlers(m: EntityManager, caseId: string, h: Holder): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT DISTINCT u.id FROM "case" c, app_user u
      WHERE c.id = $1 AND NOT u.disabled AND (
        ($2::uuid IS NOT NULL AND u.resident_id = (SELECT gl.resident_id FROM grid_leader gl WHERE gl.id = $2))
        OR ($2::uuid IS NULL AND $3::uuid IS NOT NULL AND u.role = 'DEPARTMENT_STAFF' AND u.department_id = $3)
        OR ($2::uuid IS NULL AND $3::uuid IS NULL AND $4::uuid IS NOT NULL AND u.role = 'ORGANIZATION_STAFF' AND u.organization_id = $4)
        OR ($2::uuid IS NULL AND $3::uuid IS NULL AND $4::uuid IS NULL AND NOT $5 AND u.role = 'GRID_LEADER'
            AND EXISTS (SELECT 1 FROM user_grid ug WHERE ug.user_id = u.id AND ug.grid_id = c.grid_id)))
      ORDER BY u.id`,
    [caseId, h.leaderId, h.departmentId, h.organizationId, h.unregisteredDepartment],
  );
  return rows.map((r) => r.id);
}

/**
 * Who hears of an escalation (上报上级): the staff of the registered department it went to, else the
 * leader accounts of the grid above it was raised to (the community's, the street's). Nobody else:
 * the small grid's own leaders raised it.
 */
async function escalationReceivers(m: EntityManager, departmentId: string | null, toGridId: string | null): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT DISTINCT u.id FROM app_user u
      WHERE NOT u.disabled AND (
        ($1::uuid IS NOT NULL AND u.role = 'DEPARTMENT_STAFF' AND u.department_id = $1)
        OR ($1::uuid IS NULL AND $2::uuid IS NOT NULL AND u.role = 'GRID_LEADER'
            AND EXISTS (SELECT 1 FROM user_grid ug WHERE ug.user_id = u.id AND ug.grid_id = $2)))
      ORDER BY u.id`,
    [departmentId, toGridId],
  );
  return rows.map((r) => r.id);
}

/** The notices a batch of committed-to-be case events causes (read as the system). */
export async function caseNotices(m: EntityManager, events: readonly CaseEvent[]): Promise<Notice[]> {
  const out: Notice[] = [];
  for (const e of events) {
    const kind = CASE_KINDS[e.type];
    if (!kind) continue;
    const [c]: {
      number: string | null;
      assigned_leader_id: string | null;
      department: string | null;
      department_id: string | null;
      organization_id: string | null;
    }[] = await m.query(`SELECT number, assigned_leader_id, department, department_id, organization_id FROM "case" WHERE id = $1`, [
      e.caseId,
    ]);
    if (!c) continue;
    const data = (e.data ?? {}) as Record<string, unknown>;
    const id = (v: unknown) => (typeof v === 'string' ? v : null);
    // A dispatch names whom it went to in the event; later steps go to whoever holds the case.
    const holder: Holder =
      e.type === 'DISPATCHED'
        ? {
            leaderId: id(data.leaderId),
            departmentId: id(data.departmentId),
            organizationId: id(data.organizationId),
            unregisteredDepartment: data.department != null && data.departmentId == null,
          }
        : {
            leaderId: c.assigned_leader_id,
            departmentId: c.department_id,
            organizationId: c.organization_id,
            unregisteredDepartment: c.department != null && c.department_id == null,
          };
    const params: Record<string, unknown> = { number: c.number, category: e.category };
    if (e.note && (e.type === 'RETURNED' || e.type === 'EXTENSION_DECLINED' || e.type === 'ESCALATED')) params.note = e.note;
    if (e.type === 'EXTENDED' && typeof data.newDueAt === 'string') params.until = data.newDueAt;
    if (e.type === 'RATED' && typeof data.rating === 'number') params.rating = data.rating;
    const receivers =
      e.type === 'ESCALATED'
        ? await escalationReceivers(m, data.escalatedTo === 'DEPARTMENT' ? c.department_id : null, id(data.toGridId))
        : await caseHandlers(m, e.caseId, holder);
    for (const userId of receivers) {
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
