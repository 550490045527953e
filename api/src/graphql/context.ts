import type { DataSource } from 'typeorm';
import { type Db, DbSession } from '../db/session';
import { dbIdentity } from '../modules/auth/db-identity';
import { ANONYMOUS, type AuthService, Scope, type Viewer } from '../modules/auth';
import { createBuildingLoaders } from '../modules/building/building.loader';
import type { CaseBus } from '../modules/case/case.bus';
import { createCaseLoaders } from '../modules/case/case.loader';
import { createGridLoaders } from '../modules/grid/grid.loader';
import { createHouseholdLoaders } from '../modules/household/household.loader';
import { createPartyLoaders } from '../modules/party/party.loader';
import { createResidentLoaders } from '../modules/resident/resident.loader';
import { createStreetLoaders } from '../modules/street/street.loader';

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
