import { badInput, forbidden } from '../../platform/graphql/errors';
import { intIn, text } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import type { Scope } from '../../platform/identity/scope';
import { actorFor } from '../../platform/identity/actor';
import { type Actor, ActorRole } from '../../platform/identity/actor';
import type { WeeklyWindow } from './service.entity';

export type ServiceAction =
  | 'REGISTER'
  | 'RAISE_NEED'
  | 'CANCEL_NEED'
  | 'PROPOSE'
  | 'REVIEW_MATCH'
  | 'ANSWER_MATCH'
  | 'COMPLETE_MATCH'
  | 'EVALUATE'
  | 'POST_WISH'
  | 'REVIEW_WISH'
  | 'CLAIM_WISH'
  | 'THANK_WISH'
  | 'VISIT'
  | 'MANAGE_TEAM'
  | 'SIGN_UP'
  | 'RECORD_ATTENDANCE';

const { REPORTER, GRID_LEADER, COMMAND_CENTRE, VOLUNTEER, DEPARTMENT } = ActorRole;

/**
 * Who may do what in community services, the same way the case module's TRANSITIONS
 * table does for cases: the actor's role comes from the signed-in account (serviceActor),
 * and this table is enforced against it; where it may act (whose household, which grids,
 * which registration) is checked by householdReach, leaderPaths and volunteerAccount.
 */
export const SERVICE_ROLES: Record<ServiceAction, readonly ActorRole[]> = {
  /** 双报到 — a member or volunteer registers; a leader registers a unit */
  REGISTER: [VOLUNTEER, GRID_LEADER],
  /** 需求 — from residents, leaders (and visits, which leaders make) */
  RAISE_NEED: [REPORTER, GRID_LEADER],
  CANCEL_NEED: [REPORTER, GRID_LEADER],
  /** 精准匹配 — run the solver */
  PROPOSE: [GRID_LEADER, COMMAND_CENTRE],
  /** confirm, edit or reject a proposal */
  REVIEW_MATCH: [GRID_LEADER, COMMAND_CENTRE],
  /** the helper accepts or declines */
  ANSWER_MATCH: [VOLUNTEER],
  COMPLETE_MATCH: [VOLUNTEER, GRID_LEADER],
  /** 双评议 — the community (GRID_LEADER) or the unit (DEPARTMENT stands for the unit until identity lands) */
  EVALUATE: [GRID_LEADER, DEPARTMENT],
  /** 微心愿 */
  POST_WISH: [REPORTER, GRID_LEADER],
  REVIEW_WISH: [GRID_LEADER],
  CLAIM_WISH: [VOLUNTEER],
  THANK_WISH: [REPORTER, GRID_LEADER],
  /** 入户走访 */
  VISIT: [GRID_LEADER],
  /** 志愿服务队 */
  MANAGE_TEAM: [GRID_LEADER],
  SIGN_UP: [VOLUNTEER],
  RECORD_ATTENDANCE: [GRID_LEADER],
};

/** Throws FORBIDDEN unless the actor’s role may take `action`; validates the actor first. */
export function allow(actor: Actor, action: ServiceAction): void {
  if (!Object.values(ActorRole).includes(actor.role)) throw badInput('actor.role', 'is not a role');
  text(actor.name, 'actor.name', 100);
  const roles = SERVICE_ROLES[action];
  if (!roles.includes(actor.role))
    throw forbidden(`${actor.role} may not ${action.toLowerCase().replace('_', ' ')}; allowed: ${roles.join(', ')}`);
}

/** The validation kit's checks, under the names the service modules import from here. */
export { intIn, optionalText, text } from '../../platform/graphql/validate';

/** A weekly window: weekday 1–7, 0 ≤ start < end ≤ 1440. */
export function checkWindow(w: WeeklyWindow, field: string): WeeklyWindow {
  intIn(w.weekday, `${field}.weekday`, 1, 7);
  intIn(w.startMinute, `${field}.startMinute`, 0, 1439);
  intIn(w.endMinute, `${field}.endMinute`, 1, 1440);
  if (w.endMinute <= w.startMinute) throw badInput(`${field}.endMinute`, 'must be after startMinute');
  return w;
}

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** "Tue 09:00–11:00" */
export function formatWindow(w: WeeklyWindow): string {
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${DAYS[w.weekday]} ${hm(w.startMinute)}–${hm(w.endMinute)}`;
}

/** A matching period is an ISO week, named by its Monday: `YYYY-MM-DD`. */
export function checkPeriod(period: string, field = 'period'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period)) throw badInput(field, 'must be a date YYYY-MM-DD (the Monday of the week)');
  const d = new Date(`${period}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== period) throw badInput(field, 'is not a date');
  if (d.getUTCDay() !== 1) throw badInput(field, 'must be a Monday (a week is named by its Monday)');
  return period;
}

/**
 * The actor of a service step, from the signed-in caller (see actorFor): the role asked
 * for must be one the account holds; without one, a volunteer acts as VOLUNTEER and
 * everyone else in their natural role. The name recorded is the account's.
 */
export function serviceActor(scope: Scope, requested?: { role: ActorRole } | null): Actor {
  const v = scope.viewer;
  requireCan(v, 'SERVICE_STEP');
  const role = requested?.role ?? (v.kind === 'user' && v.role === 'VOLUNTEER' ? ActorRole.VOLUNTEER : undefined);
  return actorFor(scope, role ? { role } : null);
}

/** The subtrees a grid leader's account may act in; null: anywhere (staff, or a role the table already limits). */
export function leaderPaths(scope: Scope): string[] | null {
  const v = scope.viewer;
  return v.kind === 'user' && v.role === 'GRID_LEADER' ? v.gridPaths : null;
}

/**
 * Whose households the caller may act for in a household-bound service step (raise or
 * cancel a need, post or thank a wish): street staff any, a grid leader those inside the
 * grids they lead, a resident or volunteer only their own (none when unlinked).
 */
export type HouseholdReach = { kind: 'any' } | { kind: 'paths'; paths: string[] } | { kind: 'own'; householdId: string | null };

export function householdReach(scope: Scope): HouseholdReach {
  const v = scope.viewer;
  if (v.kind !== 'user') return { kind: 'any' }; // departments: the role table refuses them
  if (v.role === 'GRID_LEADER') return { kind: 'paths', paths: v.gridPaths };
  if (v.role === 'RESIDENT' || v.role === 'VOLUNTEER') return { kind: 'own', householdId: v.householdId };
  return { kind: 'any' };
}

/** The household a step is for: the one given, else a resident's or volunteer's own (BAD_USER_INPUT on `field` when there is none). */
export function householdFor(given: string | null | undefined, reach: HouseholdReach, field: string): string {
  if (given != null) return given;
  if (reach.kind === 'own' && reach.householdId) return reach.householdId;
  throw badInput(field, reach.kind === 'own' ? 'your account is linked to no household: give one' : 'give the household');
}

/** FORBIDDEN unless `path` lies in one of `paths` (null: no limit). */
export function requireInPaths(paths: string[] | null, path: string, what: string): void {
  if (paths === null || paths.some((p) => path === p || path.startsWith(`${p}.`))) return;
  throw forbidden(`you may not ${what} outside the grids you lead`);
}

/** The account a volunteer acts from, which must own the registration it acts for; null for staff. */
export function volunteerAccount(scope: Scope): string | null {
  const v = scope.viewer;
  return v.kind === 'user' && v.role === 'VOLUNTEER' ? v.id : null;
}

/** A volunteer registering themselves: their account and home (null for staff registering others). */
export function volunteerOwner(scope: Scope): { userId: string; householdId: string | null } | null {
  const v = scope.viewer;
  return v.kind === 'user' && v.role === 'VOLUNTEER' ? { userId: v.id, householdId: v.householdId } : null;
}
