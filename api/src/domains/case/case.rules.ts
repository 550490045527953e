import { ActorRole } from '../../platform/identity/actor';
import { CasePriority, CaseStatus } from './case.entity';
import type { CaseCategory } from './case.entity';

export type CaseAction =
  | 'FILE'
  | 'REJECT'
  | 'DISPATCH'
  | 'START'
  | 'HANDLE'
  | 'RETURN'
  | 'CLOSE'
  | 'RATE'
  | 'ESCALATE'
  | 'EXTEND'
  | 'REQUEST_EXTENSION'
  | 'DECLINE_EXTENSION'
  | 'MEDIATE';

export interface TransitionRule {
  from: readonly CaseStatus[];
  /** Null: the status stays (a deadline extension). */
  to: CaseStatus | null;
  roles: readonly ActorRole[];
  /** The case_event type written. */
  event: string;
}

const { REPORTER, GRID_LEADER, COMMAND_CENTRE, DEPARTMENT } = ActorRole;
const S = CaseStatus;

/** Statuses whose deadline may move (extension and its requests). */
const EXTENDABLE = [S.FILED, S.DISPATCHED, S.IN_PROGRESS, S.ESCALATED];

/** The closed loop: from which statuses each action may be taken, and by whom. */
export const TRANSITIONS: Record<CaseAction, TransitionRule> = {
  /** 立案 */
  FILE: { from: [S.REPORTED], to: S.FILED, roles: [GRID_LEADER, COMMAND_CENTRE], event: 'FILED' },
  /** 不予立案 — not a case, or a duplicate of another */
  REJECT: { from: [S.REPORTED, S.FILED], to: S.REJECTED, roles: [GRID_LEADER, COMMAND_CENTRE], event: 'REJECTED' },
  /** 派遣 */
  DISPATCH: { from: [S.FILED, S.ESCALATED], to: S.DISPATCHED, roles: [COMMAND_CENTRE, GRID_LEADER], event: 'DISPATCHED' },
  /** 处置 starts */
  START: { from: [S.DISPATCHED], to: S.IN_PROGRESS, roles: [DEPARTMENT, GRID_LEADER], event: 'STARTED' },
  /** 反馈 — handled, with feedback */
  HANDLE: { from: [S.IN_PROGRESS], to: S.HANDLED, roles: [DEPARTMENT, GRID_LEADER], event: 'HANDLED' },
  /** 返工 — verification failed, back to work */
  RETURN: { from: [S.HANDLED], to: S.IN_PROGRESS, roles: [COMMAND_CENTRE], event: 'RETURNED' },
  /** 核查结案 */
  CLOSE: { from: [S.HANDLED], to: S.CLOSED, roles: [COMMAND_CENTRE], event: 'CLOSED' },
  /** 评价 */
  RATE: { from: [S.CLOSED], to: S.RATED, roles: [REPORTER], event: 'RATED' },
  /** 上报上级 — to the next grid level up, or to a department */
  ESCALATE: { from: [S.FILED, S.DISPATCHED, S.IN_PROGRESS], to: S.ESCALATED, roles: [GRID_LEADER, COMMAND_CENTRE], event: 'ESCALATED' },
  /** 延期 — a new deadline, with a reason; only the command centre decides (it also approves a request this way) */
  EXTEND: { from: EXTENDABLE, to: null, roles: [COMMAND_CENTRE], event: 'EXTENDED' },
  /**
   * 延期申请 — whoever works the case (the grid leader, or the department) asks the command
   * centre for a later deadline, with a reason; the deadline stays until EXTEND approves it.
   * One request may be pending at a time.
   */
  REQUEST_EXTENSION: { from: EXTENDABLE, to: null, roles: [GRID_LEADER, DEPARTMENT], event: 'EXTENSION_REQUESTED' },
  /** 驳回延期申请 — the command centre declines the pending request, with a reason; the deadline stays */
  DECLINE_EXTENSION: { from: EXTENDABLE, to: null, roles: [COMMAND_CENTRE], event: 'EXTENSION_DECLINED' },
  /**
   * 调解结案 — a dispute settled by mediation: recording the mediation's agreement (organization domain's
   * mediation record) closes the open case it is linked to, in the record's transaction. A CLOSED event,
   * with the record in its data, so the loop's indicators count it like any closure.
   */
  MEDIATE: {
    from: [S.FILED, S.DISPATCHED, S.IN_PROGRESS, S.HANDLED, S.ESCALATED],
    to: S.CLOSED,
    roles: [GRID_LEADER, COMMAND_CENTRE],
    event: 'CLOSED',
  },
};

/** Escalation climbs the grid chain: small grid → MEDIUM → LARGE → STREET (the command centre). */
export function nextEscalation(current: string | null): string {
  if (current === null) return 'MEDIUM';
  if (current === 'MEDIUM') return 'LARGE';
  return 'STREET';
}

/** The time limit (处置时限) in hours for a category at a priority. */
export function limitHours(category: CaseCategory, priority: CasePriority): number {
  if (priority === CasePriority.URGENT) return category.hoursUrgent;
  if (priority === CasePriority.HIGH) return category.hoursHigh;
  return category.hoursNormal;
}

/** The note of an escalation by the overdue sweep, as the timeline and the receiver's notification show it. */
export const OVERDUE_ESCALATION_NOTE = '超期未处置，系统自动上报';
