import { registerEnumType } from 'type-graphql';
import { forbidden } from '../graphql/errors';
import { accountKind, CAPACITIES } from './policy';
import type { Scope } from './scope';

/**
 * The capacity a step is taken in, recorded in case and service timelines. Which capacities
 * an account holds is policy.ts CAPACITIES; which capacity a step needs is the step's table
 * (case.rules.ts TRANSITIONS, service.rules.ts SERVICE_ROLES).
 */
export enum ActorRole {
  REPORTER = 'REPORTER',
  GRID_LEADER = 'GRID_LEADER',
  COMMAND_CENTRE = 'COMMAND_CENTRE',
  DEPARTMENT = 'DEPARTMENT',
  /** A registered helper (在职党员/志愿者) acting on services; takes no case action. */
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(ActorRole, {
  name: 'ActorRole',
  description:
    'REPORTER 上报人, GRID_LEADER 网格长/网格员, COMMAND_CENTRE 指挥中心, DEPARTMENT 职能部门, VOLUNTEER 在职党员/志愿者 (services only)',
});

export interface Actor {
  role: ActorRole;
  name: string;
  /** The account acting, when a person signed in (never recorded as the name). */
  userId?: string | null;
}

/** The scheduler acts as SYSTEM; no client can claim it. */
export const SYSTEM_ACTOR = { role: 'SYSTEM', name: 'overdue-sweep' } as const;
/** The street's rating rule sending an unsatisfied case back for rework (不满意返工). */
export const RATING_RULE_ACTOR = { role: 'SYSTEM', name: 'rating-rule' } as const;

/**
 * The actor of a case step comes from the signed-in caller: the capacity asked for must be
 * one the caller's account holds (policy.ts CAPACITIES; a street admin may act in any, for
 * the command centre's console), and the name recorded in the timeline is the account's,
 * never a client's free text. Without `requested`, the account's first capacity is used.
 */
export function actorFor(scope: Scope, requested?: { role: ActorRole } | null): Actor {
  const v = scope.viewer;
  const kind = accountKind(v);
  if (!kind) throw forbidden('sign in first');
  const allowed = CAPACITIES[kind] as readonly ActorRole[];
  const role = requested?.role ?? allowed[0];
  if (!allowed.includes(role)) throw forbidden(`a ${kind} may not act as ${role}; allowed: ${allowed.join(', ')}`);
  const name = v.kind === 'department' ? v.department : v.kind === 'user' ? v.login : 'anonymous';
  return { role, name, userId: v.kind === 'user' ? v.id : null };
}
