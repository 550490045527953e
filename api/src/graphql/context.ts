import type { DataSource } from 'typeorm';
import { ANONYMOUS, type AuthService, Scope, type Viewer } from '../modules/auth';
import { createBuildingLoaders } from '../modules/building/building.loader';
import type { CaseBus } from '../modules/case/case.bus';
import { createCaseLoaders } from '../modules/case/case.loader';
import { createGridLoaders } from '../modules/grid/grid.loader';
import { createHouseholdLoaders } from '../modules/household/household.loader';
import { createPartyLoaders } from '../modules/party/party.loader';
import { createResidentLoaders } from '../modules/resident/resident.loader';
import { createStreetLoaders } from '../modules/street/street.loader';

export function createLoaders(ds: DataSource, scope: Scope) {
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
 * Per-request context: the database, the case event bus, who is asking (`scope`, which
 * every loader and list applies), sign-in, and a fresh set of DataLoaders.
 */
export interface Context {
  db: DataSource;
  bus: CaseBus;
  scope: Scope;
  auth: AuthService;
  loaders: Loaders;
}

export function createContext(db: DataSource, bus: CaseBus, auth: AuthService, viewer: Viewer = ANONYMOUS): Context {
  const scope = new Scope(viewer);
  return { db, bus, scope, auth, loaders: createLoaders(db, scope) };
}
