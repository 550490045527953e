import type { Db } from '../../platform/db/session';
import { badInput, forbidden } from '../../platform/graphql/errors';
import type { Scope } from '../../platform/identity/scope';
import type { EventBus } from '../../platform/events/bus';
import { EventQueue } from '../../platform/events/queue';
import { SERVICE_CHANGES, type ServiceChange } from './service.events';

/**
 * Who may follow service changes live: street admins and operators, and grid leaders.
 * Needs, matches and visits are about named households, so residents, volunteers and
 * departments get no live feed (the public wish board they read with queries).
 */
export function mayFollowServices(scope: Scope): boolean {
  const v = scope.viewer;
  return scope.seesAll || (v.kind === 'user' && v.role === 'GRID_LEADER');
}

/**
 * Whether a live change of a service row at `gridPath` may reach the viewer (the
 * subscription's filter, like Scope.seesCaseAt for cases): street admins and operators
 * every change; a grid leader the rows under the grids they lead; a change whose grid
 * is not known, street staff only.
 */
export function seesServiceAt(scope: Scope, gridPath: string | null): boolean {
  if (scope.seesAll) return true;
  const v = scope.viewer;
  if (gridPath === null || v.kind !== 'user' || v.role !== 'GRID_LEADER') return false;
  return v.gridPaths.some((p) => gridPath === p || gridPath.startsWith(`${p}.`));
}

/**
 * The service changes committed from now on, in a grid's subtree (when `gridId` is
 * given) and visible to the viewer. Live only: no cursor and no replay.
 */
export async function serviceChangeStream(
  ds: Db,
  bus: EventBus,
  scope: Scope,
  filter: { gridId?: string | null },
): Promise<AsyncIterableIterator<ServiceChange>> {
  if (!mayFollowServices(scope)) throw forbidden('only street staff and grid leaders follow service changes');
  let path: string | null = null;
  if (filter.gridId) {
    const [grid]: { path: string }[] = await ds.query(`SELECT path::text AS path FROM grid WHERE id::text = $1`, [filter.gridId]);
    if (!grid) throw badInput('gridId', 'no such grid');
    path = grid.path;
  }
  const inSubtree = (p: string | null) => path === null || (p !== null && (p === path || p.startsWith(`${path}.`)));
  const queue = new EventQueue<ServiceChange>(() => unsubscribe());
  const unsubscribe = bus.subscribe(SERVICE_CHANGES, (c) => {
    if (inSubtree(c.gridPath) && seesServiceAt(scope, c.gridPath)) queue.push(c);
  });
  return queue;
}
