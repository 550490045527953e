import type { DomainManifest } from '../../platform/domain';
import { Household } from './household.entity';
import { createHouseholdLoaders } from './household.loader';
import { resolveHouseholdReference } from './household.reference';
import { HouseholdResolver, BuildingHouseholdsResolver } from './household.resolver';

/** 户 — households in a building's unit and room, with their tags. */
export const household: DomainManifest = {
  name: 'household',
  entities: [Household],
  resolvers: [HouseholdResolver, BuildingHouseholdsResolver],
  references: { Household: resolveHouseholdReference },
  loaders: createHouseholdLoaders,
  reads: {
    Household: {
      building: {
        type: 'Building',
        kind: 'one',
        on: '$child.id = $parent.building_id',
        key: 'building_id',
        scoped: 'Building',
      },
    },
    Building: {
      households: {
        type: 'Household',
        kind: 'many',
        on: '$child.building_id = $parent.id',
        orderBy: '$child.unit, $child.room',
        scoped: 'Household',
      },
    },
  },
};
