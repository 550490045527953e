import type { EntityManager } from 'typeorm';
import type { Db } from '../../platform/db/session';
import { badInput, missing } from '../../platform/graphql/errors';
import { requireCan } from '../../platform/identity/policy';
import type { Scope } from '../../platform/identity/scope';
import { PublicationStatus } from './publicity.type';

/** Constraint names → the input field they guard (a violation that slipped past validation answers BAD_USER_INPUT there). */
export const PUBLICITY_CONSTRAINT_FIELDS: Record<string, string> = {
  notice_grid_id_fkey: 'input.gridId',
  exemplary_deed_grid_id_fkey: 'input.gridId',
  exemplary_deed_consent_check: 'input.consentGiven',
  community_activity_grid_id_fkey: 'input.gridId',
  covenant_version_community_id_version_key: 'baseVersion',
  community_activity_signup_pkey: 'activityId',
};

/** The grid columns every publicity row shows, read through the public projection (a leader reads grids above their own). */
export const GRID_JSON = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'code', ${alias}.code, 'name', ${alias}.name, 'level', ${alias}.level)`;

/** Rows (aliased `alias`) concerning the grid `$1` — on its path above it or below it — or every row when `$1` is null. */
export const CONCERNS = (alias: string) =>
  `($1::uuid IS NULL OR EXISTS (SELECT 1 FROM public_grid t
                               WHERE t.id = $1 AND (${alias}.grid_path <@ t.path OR ${alias}.grid_path @> t.path)))`;

export interface TargetGrid {
  id: string;
  path: string;
  level: string;
}

/**
 * The grid a write names, as the caller sees it (row-level security): none is `missing`
 * (FORBIDDEN naming the field to a leader, "no such grid" to street staff); one outside the
 * grids the caller leads is FORBIDDEN by the write policy. `levels` narrows the kinds allowed.
 */
export async function writableGrid(
  m: EntityManager | Db,
  scope: Scope,
  gridId: string,
  field: string,
  levels: readonly string[] = ['LARGE', 'MEDIUM', 'SMALL'],
): Promise<TargetGrid> {
  const [grid]: TargetGrid[] = await m.query(`SELECT id, path::text AS path, level::text AS level FROM grid WHERE id = $1`, [gridId]);
  if (!grid) throw missing(field, 'grid', scope.seesAll);
  requireCan(scope.viewer, 'PUBLICITY', { path: grid.path });
  if (!levels.includes(grid.level)) throw badInput(field, `must be a ${levels.join(' or ')} grid`);
  return grid;
}

/** A publication status from the input (the enum is checked by GraphQL; this keeps the service honest when called directly). */
export function status(value: PublicationStatus | null | undefined, field: string): PublicationStatus {
  if (value == null) return PublicationStatus.DRAFT;
  if (value !== PublicationStatus.DRAFT && value !== PublicationStatus.PUBLISHED) throw badInput(field, 'must be DRAFT or PUBLISHED');
  return value;
}

/** A version the caller read: a positive integer. */
export function versionArg(value: number, field = 'version'): number {
  if (!Number.isInteger(value) || value < 1) throw badInput(field, 'must be the version you read (a positive integer)');
  return value;
}
