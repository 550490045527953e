import type { DataSource } from 'typeorm';
import { type Db, DbSession } from '../platform/db/session';
import { dbIdentity } from '../platform/identity/db-identity';
import { ANONYMOUS, type AuthService, Scope, type Viewer } from '../platform/identity';
import { createBuildingLoaders } from '../domains/building/building.loader';
import type { CaseBus } from '../platform/events/bus';
import { createCaseLoaders } from '../domains/case/case.loader';
import { createGridLoaders } from '../domains/grid/grid.loader';
import { createHouseholdLoaders } from '../domains/household/household.loader';
import { createPartyLoaders } from '../domains/party/party.loader';
import { createResidentLoaders } from '../domains/resident/resident.loader';
import { createStreetLoaders } from '../domains/street/street.loader';

export function createLoaders(ds: Db, scope: Scope) {
  return {
    ...createStreetLoaders(ds, scope),
    ...createGridLoaders(ds, scope),
    ...createBuildingLoaders(ds, scope),
    ...createHouseholdLoaders(ds, scope),
    ...createResidentLoaders(ds, scope),
    ...createPartyLoaders(ds, scope),
    ...createCaseLoaders(ds, scope),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Per-request context: the database as the caller sees it (`db`, the manager of the
 * request's session: every statement runs as the caller's role under row-level
 * security), the case event bus, who is asking (`scope`, whose predicates the queries
 * still add for index use), sign-in, and a fresh set of DataLoaders. The session is
 * ended (its connection returned) when the response is sent.
 */
export interface Context {
  db: Db;
  session: DbSession;
  bus: CaseBus;
  scope: Scope;
  auth: AuthService;
  loaders: Loaders;
  /** The client's address over HTTP (express `req.ip`, behind TRUST_PROXY), for sign-in throttling; absent on the websocket. */
  clientAddress?: string;
}

export function createContext(ds: DataSource, bus: CaseBus, auth: AuthService, viewer: Viewer = ANONYMOUS, clientAddress?: string): Context {
  const scope = new Scope(viewer);
  const session = new DbSession(ds, dbIdentity(viewer));
  return { db: session.manager, session, bus, scope, auth, loaders: createLoaders(session.manager, scope), clientAddress };
}
