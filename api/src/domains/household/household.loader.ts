import DataLoader from 'dataloader';
import type { Db } from '../../platform/db/session';
import { byKey, groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { Household } from './household.entity';

export function createHouseholdLoaders(ds: Db, scope: Scope) {
  const households = () => applyScope(ds.getRepository(Household).createQueryBuilder('h'), scope, 'Household', 'h');
  const householdById = new DataLoader<string, Household | null>(async (ids) =>
    byKey(
      ids,
      await households()
        .andWhere('h.id IN (:...ids)', { ids: withNone(uuids(ids)) })
        .getMany(),
      (h) => h.id,
    ),
  );
  const householdsByBuilding = new DataLoader<string, Household[]>(async (buildingIds) => {
    const rows = await households()
      .andWhere('h.building_id IN (:...ids)', { ids: withNone(uuids(buildingIds)) })
      .orderBy('h.unit', 'ASC')
      .addOrderBy('h.room', 'ASC')
      .getMany();
    for (const h of rows) householdById.prime(h.id, h);
    return groupByKey(buildingIds, rows, (h) => h.buildingId);
  });
  return { householdById, householdsByBuilding };
}

type HouseholdLoaders = ReturnType<typeof createHouseholdLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends HouseholdLoaders {}
}
