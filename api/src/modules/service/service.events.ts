import type { EntityManager } from 'typeorm';
import type { Actor } from '../case/case.rules';

export type ServiceSubject = 'REGISTRATION' | 'NEED' | 'MATCH' | 'WISH' | 'VISIT' | 'TEAM' | 'ACTIVITY';

/**
 * Appends one audit event for a change already written, in the same transaction. Kept
 * beside case_event rather than in it: case_event rows belong to a case (case_id is
 * NOT NULL and the case subscription replays every row), so service changes there
 * would reach case subscribers as events of no case.
 */
export async function appendServiceEvent(
  m: EntityManager,
  subject: ServiceSubject,
  subjectId: string,
  type: string,
  actor: Actor | { role: string; name: string },
  note: string | null = null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await m.query(`INSERT INTO service_event (subject, subject_id, type, actor_role, actor_name, note, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    subject,
    subjectId,
    type,
    actor.role,
    actor.name,
    note,
    JSON.stringify(data),
  ]);
}
