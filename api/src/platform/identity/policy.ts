import { forbidden } from '../graphql/errors';
import type { UserRole, Viewer } from './viewer';

/**
 * Who may change what: the one write policy, beside row-level security (which decides what
 * each caller can see and so reach at all). Every write path asks `can` / `requireCan`;
 * services no longer carry their own role checks.
 *
 * The vocabulary is the account's kind — a user's role or a department's key — and, for a
 * case or service step, the capacity it acts in (ActorRole, recorded in the timeline): which
 * capacities each kind holds is `CAPACITIES`, which capacity each step needs is the step's
 * table (case.rules.ts TRANSITIONS, service.rules.ts SERVICE_ROLES).
 */
export type AccountKind = UserRole | 'DEPARTMENT';

export type WriteAction =
  /** create and change grids (shape the street) */
  | 'SHAPE_GRIDS'
  /** buildings, households, residents inside a grid */
  | 'EDIT_PLACES'
  | 'IMPORT'
  | 'MANAGE_API_KEYS'
  | 'READ_AUDIT_LOG'
  /** take a case step (the step's own table says in which capacity) */
  | 'CASE_STEP'
  /** rate a closed case */
  | 'RATE_CASE'
  /** any community-service step (the step's own table says in which capacity) */
  | 'SERVICE_STEP';

/** What the write touches: the ltree path of the grid it lies in, and whose it is. */
export interface Resource {
  path?: string | null;
  /** The account that reported a case. */
  reporterUserId?: string | null;
}

/** The capacities each kind of account may act in (the first is what it acts as unless it asks for another). */
export const CAPACITIES: Record<AccountKind, readonly string[]> = {
  STREET_ADMIN: ['COMMAND_CENTRE', 'REPORTER', 'VOLUNTEER', 'GRID_LEADER', 'DEPARTMENT'],
  OPERATOR: ['COMMAND_CENTRE', 'REPORTER'],
  GRID_LEADER: ['GRID_LEADER', 'REPORTER'],
  VOLUNTEER: ['REPORTER', 'VOLUNTEER'],
  RESIDENT: ['REPORTER'],
  DEPARTMENT: ['DEPARTMENT'],
};

/** Which kinds of account may take each kind of write at all; `where` then narrows it to a place. */
const ALLOWED: Record<WriteAction, readonly AccountKind[]> = {
  SHAPE_GRIDS: ['STREET_ADMIN'],
  EDIT_PLACES: ['STREET_ADMIN', 'GRID_LEADER'],
  IMPORT: ['STREET_ADMIN'],
  MANAGE_API_KEYS: ['STREET_ADMIN'],
  READ_AUDIT_LOG: ['STREET_ADMIN'],
  // The operator is read-only but for the command centre's case steps.
  CASE_STEP: ['STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT'],
  RATE_CASE: ['STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT'],
  SERVICE_STEP: ['STREET_ADMIN', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT'],
};

const WHAT: Record<WriteAction, string> = {
  SHAPE_GRIDS: 'shape grids',
  EDIT_PLACES: 'change buildings, households or residents',
  IMPORT: 'import grids and buildings',
  MANAGE_API_KEYS: 'manage API keys',
  READ_AUDIT_LOG: 'read the personal-data audit log',
  CASE_STEP: 'act on cases',
  RATE_CASE: 'rate cases',
  SERVICE_STEP: 'act on community services (the command centre reads them)',
};

export function accountKind(viewer: Viewer): AccountKind | null {
  if (viewer.kind === 'department') return 'DEPARTMENT';
  return viewer.kind === 'user' ? viewer.role : null;
}

/** Whether `path` lies in one of `paths`' subtrees (an ltree `<@`): the one subtree test of the app. */
export function inSubtree(path: string, paths: readonly string[]): boolean {
  return paths.some((p) => path === p || path.startsWith(`${p}.`));
}

/** Why `viewer` may not take `action` on `resource`, or null when it may. */
export function refusal(viewer: Viewer, action: WriteAction, resource: Resource = {}): string | null {
  const kind = accountKind(viewer);
  if (!kind) return 'sign in first (a bearer token or a department API key)';
  if (!ALLOWED[action].includes(kind)) return `${describe(kind)} may not ${WHAT[action]}`;
  if (action === 'RATE_CASE' && !isReporter(viewer.kind === 'user' ? viewer.id : null, resource.reporterUserId))
    return 'only the person who reported a case rates it';
  // A grid leader writes inside the subtrees of the grids they lead.
  if (
    kind === 'GRID_LEADER' &&
    action === 'EDIT_PLACES' &&
    resource.path != null &&
    viewer.kind === 'user' &&
    !inSubtree(resource.path, viewer.gridPaths)
  ) {
    return 'you may not change anything outside the grids you lead';
  }
  return null;
}

/** Only the account that reported a case rates it (a case from a hotline or Open311 has none). */
export function isReporter(userId: string | null | undefined, reporterUserId: string | null | undefined): boolean {
  return userId != null && userId === reporterUserId;
}

export function can(viewer: Viewer, action: WriteAction, resource: Resource = {}): boolean {
  return refusal(viewer, action, resource) === null;
}

/** FORBIDDEN with the reason unless `viewer` may take `action` on `resource`. */
export function requireCan(viewer: Viewer, action: WriteAction, resource: Resource = {}): void {
  const reason = refusal(viewer, action, resource);
  if (reason) throw forbidden(reason);
}

function describe(kind: AccountKind): string {
  return kind === 'DEPARTMENT' ? 'a department' : `a ${kind.toLowerCase().replace('_', ' ')}`;
}
