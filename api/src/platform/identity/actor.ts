import { forbidden } from '../graphql/errors';
import { accountKind, CAPACITIES } from './policy';
import type { Scope } from './scope';
import { type Actor, ActorRole } from '../../domains/case/case.rules';

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
