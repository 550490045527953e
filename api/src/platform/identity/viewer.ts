/**
 * Roles of signed-in people. A department's systems come with API keys (viewer kind
 * `department`); its people sign in as DEPARTMENT_STAFF, tied to one department of the registry.
 */
export type UserRole = 'STREET_ADMIN' | 'OPERATOR' | 'GRID_LEADER' | 'VOLUNTEER' | 'RESIDENT' | 'DEPARTMENT_STAFF' | 'ORGANIZATION_STAFF';

/** What an API key may read: a type, or `Resident:personal` for unmasked phones and ID numbers. */
export type DepartmentScope =
  'Street' | 'Grid' | 'Building' | 'Household' | 'Resident' | 'Resident:personal' | 'PartyOrganization' | 'Case';
export const DEPARTMENT_SCOPES: DepartmentScope[] = [
  'Street',
  'Grid',
  'Building',
  'Household',
  'Resident',
  'Resident:personal',
  'PartyOrganization',
  'Case',
];

/** Who is asking: decided once per request from the bearer token or API key. */
export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      id: string;
      login: string;
      role: UserRole;
      /** ltree paths of the grids a GRID_LEADER leads (their subtrees are their scope). */
      gridPaths: string[];
      /** The resident record of a RESIDENT or VOLUNTEER, if linked. */
      residentId: string | null;
      householdId: string | null;
      /** Their household's building, and the ltree path of the small grid it stands in. */
      buildingId?: string | null;
      homePath?: string | null;
      /** The communities (LARGE grids) they work in: a leader's on the path to or under their grids; a member's home and registrations'. */
      communityIds?: string[];
      /** The department (registry id) a DEPARTMENT_STAFF account works for: they see the cases dispatched or escalated to it. */
      departmentId?: string | null;
      /** The organisation (a property company …) an ORGANIZATION_STAFF account works for: they see the cases dispatched to it. */
      organizationId?: string | null;
    }
  | { kind: 'department'; keyId: string; department: string; scopes: DepartmentScope[] };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/** A short label for audit rows and events: never personal data. */
export function actorLabel(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'user':
      return `user:${viewer.login}`;
    case 'department':
      return `department:${viewer.department}:${viewer.keyId.slice(0, 8)}`;
    default:
      return 'anonymous';
  }
}
