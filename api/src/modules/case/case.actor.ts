import { forbidden } from '../../graphql/errors';
import type { Scope } from '../auth/scope';
import { type Actor, ActorRole } from './case.rules';

/** Which case roles each kind of caller may act in (the transition table then decides the step). */
const ROLES_OF: Record<string, ActorRole[]> = {
  STREET_ADMIN: [ActorRole.REPORTER, ActorRole.VOLUNTEER, ActorRole.GRID_LEADER, ActorRole.COMMAND_CENTRE, ActorRole.DEPARTMENT],
  OPERATOR: [ActorRole.REPORTER, ActorRole.COMMAND_CENTRE],
  GRID_LEADER: [ActorRole.REPORTER, ActorRole.GRID_LEADER],
  VOLUNTEER: [ActorRole.VOLUNTEER, ActorRole.REPORTER],
  RESIDENT: [ActorRole.REPORTER],
  DEPARTMENT: [ActorRole.DEPARTMENT],
};

/** The role used when the caller names none: what the account is for. */
const NATURAL_ROLE: Record<string, ActorRole> = {
  STREET_ADMIN: ActorRole.COMMAND_CENTRE,
  OPERATOR: ActorRole.COMMAND_CENTRE,
  GRID_LEADER: ActorRole.GRID_LEADER,
  VOLUNTEER: ActorRole.REPORTER,
  RESIDENT: ActorRole.REPORTER,
  DEPARTMENT: ActorRole.DEPARTMENT,
};

/**
 * The actor of a case step comes from the signed-in caller: the role asked for must be
 * one the caller holds (a street admin may act in any, for the command centre's console),
 * and the name recorded in the timeline is the account's, never a client's free text.
 * Without `requested`, the caller's natural role is used.
 */
export function actorFor(scope: Scope, requested?: { role: ActorRole } | null): Actor {
  const v = scope.viewer;
  if (v.kind === 'anonymous') throw forbidden('sign in first');
  const kind = v.kind === 'department' ? 'DEPARTMENT' : v.role;
  const allowed = ROLES_OF[kind] ?? [];
  const role = requested?.role ?? NATURAL_ROLE[kind];
  if (!allowed.includes(role)) throw forbidden(`a ${kind} may not act as ${role}; allowed: ${allowed.join(', ')}`);
  const name = v.kind === 'department' ? v.department : v.login;
  return { role, name };
}
