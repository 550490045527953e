import type { DataSource } from 'typeorm';
import { type Db, type DbIdentity, withSession } from '../db/session';
import type { Viewer } from './viewer';

/**
 * The PostgreSQL roles a caller's transactions run as (created by the row-level security
 * migration). One role per kind of viewer, so that a policy that lets a kind see a whole
 * table is the constant `true` and the planner keeps every index for the caller's own
 * predicates (a policy that depends on a setting would keep non-leakproof predicates such
 * as `ST_Covers` or `<@` from being index conditions).
 */
export const DB_ROLES = {
  /** Street admins and the command centre's operators: the whole street. */
  street: 'sg_street',
  /** Grid leaders: the subtrees of their grids (`sg.paths`). */
  leader: 'sg_leader',
  /** Residents and volunteers: their household, the grids around it, their own registrations and tasks. */
  member: 'sg_member',
  /**
   * Departments: an API key the types its scopes name (`sg.scopes`); a staff account its department's cases (`sg.department_id`);
   * an organisation's staff account its organisation's cases (`sg.organization_id`).
   */
  department: 'sg_department',
  /** Not signed in: public projections only. */
  anonymous: 'sg_anonymous',
} as const;

/** The role and `sg.*` settings that the policies read for this viewer. */
export function dbIdentity(viewer: Viewer): DbIdentity {
  switch (viewer.kind) {
    case 'anonymous':
      return { role: DB_ROLES.anonymous, settings: { 'sg.role': 'ANONYMOUS' } };
    case 'department':
      return {
        role: DB_ROLES.department,
        settings: { 'sg.role': 'DEPARTMENT', 'sg.key_id': viewer.keyId, 'sg.scopes': arrayLiteral(viewer.scopes) },
      };
    case 'user': {
      const common = { 'sg.role': viewer.role, 'sg.user_id': viewer.id, 'sg.communities': arrayLiteral(viewer.communityIds ?? []) };
      if (viewer.role === 'STREET_ADMIN' || viewer.role === 'OPERATOR') return { role: DB_ROLES.street, settings: common };
      if (viewer.role === 'DEPARTMENT_STAFF')
        return { role: DB_ROLES.department, settings: { ...common, 'sg.scopes': '{}', 'sg.department_id': viewer.departmentId ?? '' } };
      // An organisation's staff work cases from outside the grids too: the department role, with their organisation.
      if (viewer.role === 'ORGANIZATION_STAFF')
        return { role: DB_ROLES.department, settings: { ...common, 'sg.scopes': '{}', 'sg.organization_id': viewer.organizationId ?? '' } };
      if (viewer.role === 'GRID_LEADER')
        return { role: DB_ROLES.leader, settings: { ...common, 'sg.paths': arrayLiteral(viewer.gridPaths) } };
      return {
        role: DB_ROLES.member,
        settings: {
          ...common,
          'sg.household_id': viewer.householdId ?? '',
          'sg.building_id': viewer.buildingId ?? '',
          'sg.home_path': viewer.homePath ?? '',
        },
      };
    }
  }
}

/** A PostgreSQL array literal with every element quoted: `{"a","b"}`. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Runs `work` on a session of its own as `viewer` (REST routes, one-off work outside GraphQL). */
export function asViewer<T>(ds: DataSource, viewer: Viewer, work: (db: Db) => Promise<T>, opts?: { read?: boolean }): Promise<T> {
  return withSession(ds, dbIdentity(viewer), work, opts);
}
