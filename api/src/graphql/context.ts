import type { DataSource } from 'typeorm';
import { createBuildingLoaders } from '../modules/building/building.loader';
import type { CaseBus } from '../modules/case/case.bus';
import { createCaseLoaders } from '../modules/case/case.loader';
import { createGridLoaders } from '../modules/grid/grid.loader';
import { createHouseholdLoaders } from '../modules/household/household.loader';
import { createPartyLoaders } from '../modules/party/party.loader';
import { createResidentLoaders } from '../modules/resident/resident.loader';
import { createStreetLoaders } from '../modules/street/street.loader';

export function createLoaders(ds: DataSource) {
  return {
    ...createStreetLoaders(ds),
    ...createGridLoaders(ds),
    ...createBuildingLoaders(ds),
    ...createHouseholdLoaders(ds),
    ...createResidentLoaders(ds),
    ...createPartyLoaders(ds),
    ...createCaseLoaders(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Per-request context: the database, the case event bus and a fresh set of DataLoaders. */
export interface Context {
  db: DataSource;
  bus: CaseBus;
  loaders: Loaders;
}

export function createContext(db: DataSource, bus: CaseBus): Context {
  return { db, bus, loaders: createLoaders(db) };
}
