import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { byKey, groupByKey, uuids } from '../../graphql/batch';
import { Grid } from './grid.entity';
import { GridCounts } from './grid.type';

export function createGridLoaders(ds: DataSource) {
  const repo = ds.getRepository(Grid);
  const gridById = new DataLoader<string, Grid | null>(async (ids) => byKey(ids, await repo.findBy({ id: In(uuids(ids)) }), (g) => g.id));
  const gridByCode = new DataLoader<string, Grid | null>(async (codes) => {
    const rows = await repo.findBy({ code: In([...codes]) });
    for (const g of rows) gridById.prime(g.id, g);
    return byKey(codes, rows, (g) => g.code);
  });
  const gridChildren = new DataLoader<string, Grid[]>(async (parentIds) => {
    const rows = await repo.find({ where: { parentId: In(uuids(parentIds)) }, order: { code: 'ASC' } });
    for (const g of rows) gridById.prime(g.id, g);
    return groupByKey(parentIds, rows, (g) => g.parentId!);
  });
  const largeGridsByStreet = new DataLoader<string, Grid[]>(async (streetIds) => {
    const rows = await repo.find({ where: { streetId: In(uuids(streetIds)), parentId: undefined, level: 'LARGE' as Grid['level'] }, order: { code: 'ASC' } });
    for (const g of rows) gridById.prime(g.id, g);
    return groupByKey(streetIds, rows, (g) => g.streetId);
  });
  /** Subtree counts for many grids in one statement. */
  const gridCounts = new DataLoader<string, GridCounts>(async (ids) => {
    const rows: { id: string; children: number; buildings: number; households: number; residents: number }[] = await ds.query(
      `SELECT t.id,
              (SELECT count(*) FROM grid c WHERE c.parent_id = t.id)::int AS children,
              count(DISTINCT b.id)::int AS buildings,
              count(DISTINCT h.id)::int AS households,
              count(r.id)::int AS residents
         FROM grid t
         JOIN grid g ON g.path <@ t.path
         LEFT JOIN building b ON b.grid_id = g.id
         LEFT JOIN household h ON h.building_id = b.id
         LEFT JOIN resident r ON r.household_id = h.id
        WHERE t.id = ANY($1::uuid[])
        GROUP BY t.id`,
      [uuids(ids)],
    );
    return byKey(ids, rows, (r) => r.id).map((r) => r ?? { children: 0, buildings: 0, households: 0, residents: 0 });
  });
  return { gridById, gridByCode, gridChildren, largeGridsByStreet, gridCounts };
}
