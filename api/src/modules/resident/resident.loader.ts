import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { byKey, groupByKey, uuids } from '../../graphql/batch';
import { Resident } from './resident.entity';

export function createResidentLoaders(ds: DataSource) {
  const repo = ds.getRepository(Resident);
  const residentById = new DataLoader<string, Resident | null>(async (ids) => byKey(ids, await repo.findBy({ id: In(uuids(ids)) }), (r) => r.id));
  const residentsByHousehold = new DataLoader<string, Resident[]>(async (householdIds) => {
    const rows = await repo.find({ where: { householdId: In(uuids(householdIds)) }, order: { birthYear: 'ASC', id: 'ASC' } });
    for (const r of rows) residentById.prime(r.id, r);
    return groupByKey(householdIds, rows, (r) => r.householdId);
  });
  return { residentById, residentsByHousehold };
}
