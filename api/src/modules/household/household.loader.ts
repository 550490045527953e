import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { byKey, groupByKey, uuids } from '../../graphql/batch';
import { Household } from './household.entity';

export function createHouseholdLoaders(ds: DataSource) {
  const repo = ds.getRepository(Household);
  const householdById = new DataLoader<string, Household | null>(async (ids) => byKey(ids, await repo.findBy({ id: In(uuids(ids)) }), (h) => h.id));
  const householdsByBuilding = new DataLoader<string, Household[]>(async (buildingIds) => {
    const rows = await repo.find({ where: { buildingId: In(uuids(buildingIds)) }, order: { unit: 'ASC', room: 'ASC' } });
    for (const h of rows) householdById.prime(h.id, h);
    return groupByKey(buildingIds, rows, (h) => h.buildingId);
  });
  return { householdById, householdsByBuilding };
}
