import type { DomainManifest } from '../../platform/domain';
import { Resident } from './resident.entity';
import { createResidentLoaders } from './resident.loader';
import { resolveResidentReference } from './resident.reference';
import { ResidentResolver, HouseholdResidentsResolver } from './resident.resolver';

/** 居民 — residents of households; phones and ID numbers leave masked. */
export const resident: DomainManifest = {
  name: 'resident',
  entities: [Resident],
  resolvers: [ResidentResolver, HouseholdResidentsResolver],
  references: { Resident: resolveResidentReference },
  loaders: createResidentLoaders,
  reads: {
    Resident: {
      household: {
        type: 'Household',
        kind: 'one',
        on: '$child.id = $parent.household_id',
        key: 'household_id',
        scoped: 'Household',
      },
    },
    Household: {
      residents: {
        type: 'Resident',
        kind: 'many',
        on: '$child.household_id = $parent.id',
        orderBy: '$child.birth_year, $child.id',
        scoped: 'Resident',
      },
    },
  },
};
