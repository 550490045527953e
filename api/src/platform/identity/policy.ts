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
  /** create, change and dissolve party organisations; appoint and end grid leaders */
  | 'MANAGE_PARTY'
  /** give a resident a code to make their own account (邀请注册) */
  | 'INVITE'
  /** the street's rules (the case rules: when a rating sends a case back) */
  | 'SET_STREET_RULES'
  /** list, create, disable, enable accounts, reset their passwords, change their roles */
  | 'MANAGE_ACCOUNTS'
  /** take a case step (the step's own table says in which capacity) */
  | 'CASE_STEP'
  /** rate a closed case */
  | 'RATE_CASE'
  /** any community-service step (the step's own table says in which capacity) */
  | 'SERVICE_STEP'
  /** mark one's own notifications read, set one's own notification preferences */
  | 'OWN_NOTIFICATIONS'
  /** 宣传: notices, the covenant, exemplary deeds, community activities and their attendance */
  | 'PUBLICITY'
  /** sign up for (or withdraw from) a community activity (惠民活动), as a person of a household */
  | 'JOIN_ACTIVITY'
  /** 五方联动 organisations, councils, their members and mediation records, of a community or compound */
  | 'MANAGE_ORGANIZATIONS';

/** What the write touches: the ltree path of the grid it lies in, and whose it is. */
export interface Resource {
  path?: string | null;
  /** The account that reported a case. */
  reporterUserId?: string | null;
  /** An account being managed: its role, and where it belongs (its grids' paths, its resident's small grid). */
  account?: { role: string; places: readonly string[] };
}

/** The roles of the accounts a community's leader (large-grid leader) manages, inside their community. */
export const COMMUNITY_MANAGED_ROLES: readonly string[] = ['RESIDENT', 'VOLUNTEER', 'GRID_LEADER', 'ORGANIZATION_STAFF'];

/** The communities (LARGE grids: an ltree path of two labels, `s<street>.c<community>`) among a leader's grids. */
export function communityPaths(gridPaths: readonly string[]): string[] {
  return gridPaths.filter((p) => p.split('.').length === 2);
}

/** The capacities each kind of account may act in (the first is what it acts as unless it asks for another). */
export const CAPACITIES: Record<AccountKind, readonly string[]> = {
  STREET_ADMIN: ['COMMAND_CENTRE', 'REPORTER', 'VOLUNTEER', 'GRID_LEADER', 'DEPARTMENT'],
  OPERATOR: ['COMMAND_CENTRE', 'REPORTER'],
  GRID_LEADER: ['GRID_LEADER', 'REPORTER'],
  VOLUNTEER: ['REPORTER', 'VOLUNTEER'],
  RESIDENT: ['REPORTER'],
  DEPARTMENT: ['DEPARTMENT'],
  DEPARTMENT_STAFF: ['DEPARTMENT'],
  ORGANIZATION_STAFF: ['DEPARTMENT'],
};

/** Which kinds of account may take each kind of write at all; `where` then narrows it to a place. */
const ALLOWED: Record<WriteAction, readonly AccountKind[]> = {
  SHAPE_GRIDS: ['STREET_ADMIN'],
  EDIT_PLACES: ['STREET_ADMIN', 'GRID_LEADER'],
  IMPORT: ['STREET_ADMIN'],
  MANAGE_API_KEYS: ['STREET_ADMIN'],
  READ_AUDIT_LOG: ['STREET_ADMIN'],
  MANAGE_PARTY: ['STREET_ADMIN'],
  SET_STREET_RULES: ['STREET_ADMIN'],
  INVITE: ['STREET_ADMIN', 'GRID_LEADER'],
  // A grid leader only when they lead a community (see `refusal`).
  MANAGE_ACCOUNTS: ['STREET_ADMIN', 'GRID_LEADER'],
  // The operator is read-only but for the command centre's case steps.
  CASE_STEP: ['STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT', 'DEPARTMENT_STAFF', 'ORGANIZATION_STAFF'],
  RATE_CASE: ['STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT'],
  SERVICE_STEP: ['STREET_ADMIN', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT'],
  // A person's inbox: every account of a person (a department key has none).
  OWN_NOTIFICATIONS: ['STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT_STAFF', 'ORGANIZATION_STAFF'],
  // A grid leader inside the subtrees of the grids they lead (see `refusal`).
  PUBLICITY: ['STREET_ADMIN', 'GRID_LEADER'],
  JOIN_ACTIVITY: ['GRID_LEADER', 'VOLUNTEER', 'RESIDENT'],
  // A grid leader inside the grids they lead (a community's secretary, a compound's leader).
  MANAGE_ORGANIZATIONS: ['STREET_ADMIN', 'GRID_LEADER'],
};

const WHAT: Record<WriteAction, string> = {
  SHAPE_GRIDS: 'shape grids',
  EDIT_PLACES: 'change buildings, households or residents',
  IMPORT: 'import grids and buildings',
  MANAGE_API_KEYS: 'manage API keys',
  READ_AUDIT_LOG: 'read the personal-data audit log',
  MANAGE_ACCOUNTS: 'manage accounts',
  SET_STREET_RULES: 'set the street’s rules',
  INVITE: 'invite residents to make an account',
  MANAGE_PARTY: 'manage party organisations or appoint grid leaders',
  CASE_STEP: 'act on cases',
  RATE_CASE: 'rate cases',
  SERVICE_STEP: 'act on community services (the command centre reads them)',
  OWN_NOTIFICATIONS: 'have notifications (they belong to people’s accounts)',
  PUBLICITY: 'manage notices, the covenant, exemplary deeds or community activities',
  JOIN_ACTIVITY: 'sign up for community activities (residents do)',
  MANAGE_ORGANIZATIONS: 'manage organisations, councils or mediation records',
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
    (action === 'EDIT_PLACES' || action === 'INVITE' || action === 'PUBLICITY' || action === 'MANAGE_ORGANIZATIONS') &&
    resource.path != null &&
    viewer.kind === 'user' &&
    !inSubtree(resource.path, viewer.gridPaths)
  ) {
    return 'you may not change anything outside the grids you lead';
  }
  if (action === 'MANAGE_ACCOUNTS' && kind === 'GRID_LEADER' && viewer.kind === 'user') return accountRefusal(viewer.gridPaths, resource);
  return null;
}

/**
 * A large-grid leader (the community's secretary) manages resident, volunteer and grid-leader
 * accounts that belong wholly below their community: every grid such an account leads, and
 * its resident's home, lies under (not at) the community's grid; and the staff accounts of the
 * community's organisations (registered at the community or at a compound in it).
 */
function accountRefusal(gridPaths: readonly string[], resource: Resource): string | null {
  const communities = communityPaths(gridPaths);
  if (!communities.length) return 'only the street admins and a community’s large-grid leader manage accounts';
  if (!resource.account) return null;
  if (!COMMUNITY_MANAGED_ROLES.includes(resource.account.role))
    return `a large-grid leader manages only ${COMMUNITY_MANAGED_ROLES.join(', ')} accounts`;
  // An organisation's staff account belongs where its organisation does: the community itself or a compound in it.
  const atOrg = resource.account.role === 'ORGANIZATION_STAFF';
  const below = (p: string) => communities.some((c) => p.startsWith(`${c}.`) || (atOrg && p === c));
  if (!resource.account.places.length || !resource.account.places.every(below))
    return 'a large-grid leader manages only accounts of grids and residents inside their community';
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
