import { forbidden } from '../graphql/errors';
import type { DepartmentScope, Viewer } from './viewer';

/** The kinds of rows whose visibility depends on who asks. */
export type ScopedEntity =
  | 'Street'
  | 'Grid'
  | 'Building'
  | 'Household'
  | 'Resident'
  | 'PartyOrganization'
  | 'Case'
  | 'ServiceNeed'
  | 'MicroWish'
  | 'ServiceRegistration'
  | 'ServiceMatch';

export interface ScopeSql {
  sql: string;
  params: Record<string, unknown>;
}

const HOME_PATH = `(SELECT hg.path FROM household hh JOIN building hb ON hb.id = hh.building_id JOIN grid hg ON hg.id = hb.grid_id
                    WHERE hh.id = :scope_household)`;
/** The street's party working committee is public to everyone signed in. */
const STREET_COMMITTEE = (alias: string) => `${alias}.level = 'STREET_COMMITTEE'`;
const IN_PATHS = (pathExpr: string) => `${pathExpr} <@ ANY(CAST(:scope_paths AS ltree[]))`;
/**
 * A row under the leader's paths, with the communities those paths lie in (implied by the
 * paths, so no result changes): the planner knows each community's share of a table from the
 * extended statistics on `sg_community_path` and picks the path index for a community's page,
 * where `<@ ANY` alone gets a fixed guess (migration 1765970000000). Leaders of a whole street
 * (a one-label path) get the paths alone.
 */
const IN_PATHS_OF_COMMUNITIES = (pathExpr: string, communities: string[] | null) =>
  communities
    ? `(${IN_PATHS(pathExpr)} AND sg_community_path(${pathExpr}) = ANY(CAST(:scope_community_paths AS ltree[])))`
    : IN_PATHS(pathExpr);

/** The communities (street.community, the first two labels) of `paths`; null when one is wider than a community. */
export function communityPaths(paths: readonly string[]): string[] | null {
  const out = new Set<string>();
  for (const path of paths) {
    const labels = path.split('.');
    if (labels.length < 2) return null;
    out.add(labels.slice(0, 2).join('.'));
  }
  return [...out];
}
/** Match statuses a helper sees: a leader's proposal reaches the helper once confirmed. */
const HELPER_MATCH = `('CONFIRMED', 'ACCEPTED', 'DONE', 'DECLINED')`;
const OWN_REGISTRATION = (regExpr: string) =>
  `EXISTS (SELECT 1 FROM service_registration sr WHERE sr.id = ${regExpr} AND sr.user_id = :scope_user)`;

/**
 * What the viewer may see, enforced in one place: every loader, list and spatial search
 * adds `where(entity, alias)` to its SQL, so a nested field, a connection, a count, a
 * bbox search or a federation `_entities` lookup cannot reach a row the viewer may not
 * see. Street admins and operators see the street; a grid leader sees the subtrees of
 * the grids they lead; a resident sees their own household, its building and the grids
 * around it (a volunteer also their own registration, the tasks confirmed to it and those
 * tasks' needs); a department sees the types its API key's scopes name; anonymous sees nothing.
 */
export class Scope {
  constructor(readonly viewer: Viewer) {}

  get isSignedIn(): boolean {
    return this.viewer.kind !== 'anonymous';
  }

  /** Everything in the street, for street-wide roles. */
  get seesAll(): boolean {
    const v = this.viewer;
    return v.kind === 'user' && (v.role === 'STREET_ADMIN' || v.role === 'OPERATOR');
  }

  /** Whether every row of `entity` is visible (no predicate narrows it). */
  seesEverything(entity: ScopedEntity): boolean {
    return this.where(entity, 'x').sql === '1 = 1';
  }

  hasDepartmentScope(scope: DepartmentScope): boolean {
    return this.viewer.kind === 'department' && this.viewer.scopes.includes(scope);
  }

  /** A SQL predicate on `alias` (a row of `entity`) with TypeORM named parameters. */
  where(entity: ScopedEntity, alias: string): ScopeSql {
    const v = this.viewer;
    if (v.kind === 'anonymous') return { sql: '1 = 0', params: {} };
    if (v.kind === 'department') return { sql: v.scopes.includes(entity as DepartmentScope) ? '1 = 1' : '1 = 0', params: {} };
    // A department's staff: the cases dispatched or escalated to their department, nothing else.
    if (v.role === 'DEPARTMENT_STAFF')
      return entity === 'Case'
        ? { sql: `${alias}.department_id = :scope_department`, params: { scope_department: v.departmentId ?? null } }
        : { sql: '1 = 0', params: {} };
    // An organisation's staff (a property company's): the cases dispatched to their organisation, nothing else.
    if (v.role === 'ORGANIZATION_STAFF')
      return entity === 'Case'
        ? { sql: `${alias}.organization_id = :scope_organization`, params: { scope_organization: v.organizationId ?? null } }
        : { sql: '1 = 0', params: {} };
    if (this.seesAll || entity === 'Street') return { sql: '1 = 1', params: {} };
    if (v.role === 'GRID_LEADER') {
      const params = { scope_paths: v.gridPaths };
      switch (entity) {
        case 'Grid':
          return { sql: IN_PATHS(`${alias}.path`), params };
        case 'Building':
        case 'Household':
        case 'Resident':
        case 'Case': {
          // Each carries its small grid's path (kept by triggers); these are the large tables of a district.
          const communities = communityPaths(v.gridPaths);
          return {
            sql: IN_PATHS_OF_COMMUNITIES(`${alias}.grid_path`, communities),
            params: communities ? { ...params, scope_community_paths: communities } : params,
          };
        }
        case 'ServiceNeed':
        case 'MicroWish':
          return { sql: IN_PATHS(`${alias}.grid_path`), params };
        case 'PartyOrganization':
          return {
            sql: `(${STREET_COMMITTEE(alias)} OR EXISTS (SELECT 1 FROM grid sg WHERE sg.id = ${alias}.grid_id AND ${IN_PATHS('sg.path')}))`,
            params,
          };
        case 'ServiceMatch':
          return { sql: `EXISTS (SELECT 1 FROM service_need sn WHERE sn.id = ${alias}.need_id AND ${IN_PATHS('sn.grid_path')})`, params };
        case 'ServiceRegistration':
          // The resources list of the communities they work in (a building's leader included:
          // those on the path to or under their grids), and any helper proposed for a need inside their grids.
          return {
            sql: `(${alias}.community_id = ANY(CAST(:scope_communities AS uuid[]))
                   OR EXISTS (SELECT 1 FROM service_match sx JOIN service_need sn ON sn.id = sx.need_id
                               WHERE sx.registration_id = ${alias}.id AND ${IN_PATHS('sn.grid_path')}))`,
            params: { ...params, scope_communities: v.communityIds ?? [] },
          };
      }
    }
    // RESIDENT and VOLUNTEER: their own household and what contains it; cases they reported.
    const params = { scope_household: v.householdId, scope_user: v.id };
    switch (entity) {
      case 'Grid':
        return { sql: `${alias}.path @> ${HOME_PATH}`, params };
      case 'Building':
        return { sql: `${alias}.id = (SELECT building_id FROM household WHERE id = :scope_household)`, params };
      case 'Household':
        return { sql: `${alias}.id = :scope_household`, params };
      case 'Resident':
        return { sql: `${alias}.household_id = :scope_household`, params };
      case 'PartyOrganization':
        return {
          sql: `(${STREET_COMMITTEE(alias)} OR EXISTS (SELECT 1 FROM grid sg WHERE sg.id = ${alias}.grid_id AND sg.path @> ${HOME_PATH}))`,
          params,
        };
      case 'Case':
        return { sql: `${alias}.reporter_user_id = :scope_user`, params };
      case 'MicroWish':
        // The public wish board, and their own household's wishes at any stage.
        return {
          sql: `(${alias}.status IN ('PUBLISHED', 'CLAIMED', 'FULFILLED', 'THANKED') OR ${alias}.household_id = :scope_household)`,
          params,
        };
      case 'ServiceRegistration':
        return { sql: `${alias}.user_id = :scope_user`, params };
      case 'ServiceMatch':
        return { sql: `(${alias}.status IN ${HELPER_MATCH} AND ${OWN_REGISTRATION(`${alias}.registration_id`)})`, params };
      case 'ServiceNeed':
        // Their own household's needs, and the needs they were given as tasks.
        return {
          sql: `(${alias}.household_id = :scope_household
                 OR EXISTS (SELECT 1 FROM service_match sx
                             WHERE sx.need_id = ${alias}.id AND sx.status IN ${HELPER_MATCH}
                               AND ${OWN_REGISTRATION('sx.registration_id')}))`,
          params,
        };
    }
    return { sql: '1 = 0', params: {} };
  }

  /** The same predicate for raw SQL: named parameters become `$n` from `firstIndex`. */
  whereRaw(entity: ScopedEntity, alias: string, firstIndex: number): { sql: string; params: unknown[] } {
    const { sql, params } = this.where(entity, alias);
    const names: string[] = [];
    const text = sql.replace(/:(scope_[a-z_]+)/g, (_m, name: string) => {
      let i = names.indexOf(name);
      if (i < 0) i = names.push(name) - 1;
      return `$${firstIndex + i}`;
    });
    return { sql: text, params: names.map((n) => params[n]) };
  }

  /**
   * Whether a live event of a case routed to `gridPath` may reach this viewer (the
   * subscription's filter: events carry the path, not the reporter).
   */
  seesCaseAt(gridPath: string): boolean {
    const v = this.viewer;
    if (v.kind === 'department') return v.scopes.includes('Case');
    if (this.seesAll) return true;
    return v.kind === 'user' && v.role === 'GRID_LEADER' && v.gridPaths.some((p) => gridPath === p || gridPath.startsWith(`${p}.`));
  }

  /** Refuses anonymous callers. */
  requireSignedIn(): void {
    if (!this.isSignedIn) throw forbidden('sign in first (a bearer token or a department API key)');
  }

  /**
   * Household visits and the visit schedule (入户走访: vulnerable households with their tags
   * and findings): street staff and grid leaders, as row-level security on household_visit.
   * Residents, volunteers and departments may not ask for them at all.
   */
  get seesVisits(): boolean {
    const v = this.viewer;
    return this.seesAll || (v.kind === 'user' && v.role === 'GRID_LEADER');
  }

  /** Unmasked phones and ID numbers: street admins, leaders (in scope), departments with `Resident:personal`. */
  get mayRevealPersonal(): boolean {
    const v = this.viewer;
    if (v.kind === 'department') return v.scopes.includes('Resident:personal');
    return v.kind === 'user' && (v.role === 'STREET_ADMIN' || v.role === 'GRID_LEADER');
  }
}

/** Adds the viewer's visibility predicate for `entity` (aliased `alias`) to a query. */
export function applyScope<Q extends { andWhere(sql: string, params?: Record<string, unknown>): Q }>(
  qb: Q,
  scope: Scope,
  entity: ScopedEntity,
  alias: string,
): Q {
  const { sql, params } = scope.where(entity, alias);
  return qb.andWhere(sql, params);
}
