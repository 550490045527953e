import type { DataSource } from 'typeorm';
import { createBuildingLoaders } from '../modules/building/building.loader';
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
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Per-request context: the database and a fresh set of DataLoaders. */
export interface Context {
  db: DataSource;
  loaders: Loaders;
}

export function createContext(db: DataSource): Context {
  return { db, loaders: createLoaders(db) };
}
