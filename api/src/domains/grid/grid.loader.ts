import DataLoader from 'dataloader';
import type { Db } from '../../platform/db/session';
import { byKey, groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { Grid, GridLevel } from './grid.entity';
import { GridCounts } from './grid.type';

/** Grid loaders; every query carries the viewer's scope, so an unseen grid loads as null. */
export function createGridLoaders(ds: Db, scope: Scope) {
  const grids = () => applyScope(ds.getRepository(Grid).createQueryBuilder('g'), scope, 'Grid', 'g');
  const gridById = new DataLoader<string, Grid | null>(async (ids) =>
    byKey(
      ids,
      await grids()
        .andWhere('g.id IN (:...ids)', { ids: withNone(uuids(ids)) })
        .getMany(),
      (g) => g.id,
    ),
  );
  const gridByCode = new DataLoader<string, Grid | null>(async (codes) => {
    const rows = await grids()
      .andWhere('g.code IN (:...codes)', { codes: [...codes] })
      .getMany();
    for (const g of rows) gridById.prime(g.id, g);
    return byKey(codes, rows, (g) => g.code);
  });
  const gridChildren = new DataLoader<string, Grid[]>(async (parentIds) => {
    const rows = await grids()
      .andWhere('g.parent_id IN (:...ids)', { ids: withNone(uuids(parentIds)) })
      .orderBy('g.code', 'ASC')
      .getMany();
    for (const g of rows) gridById.prime(g.id, g);
    return groupByKey(parentIds, rows, (g) => g.parentId!);
  });
  const largeGridsByStreet = new DataLoader<string, Grid[]>(async (streetIds) => {
    const rows = await grids()
      .andWhere('g.street_id IN (:...ids)', { ids: withNone(uuids(streetIds)) })
      .andWhere('g.level = :level', { level: GridLevel.LARGE })
      .orderBy('g.code', 'ASC')
      .getMany();
    for (const g of rows) gridById.prime(g.id, g);
    return groupByKey(streetIds, rows, (g) => g.streetId);
  });
  /**
   * Subtree counts for many grids in one statement. Only grids the viewer can see are
   * counted (their subtrees are in scope too); aggregate counts carry no personal data.
   */
  const gridCounts = new DataLoader<string, GridCounts>(async (ids) => {
    const visible = (await gridById.loadMany(ids)).filter((g): g is Grid => g instanceof Grid).map((g) => g.id);
    const rows: { id: string; children: number; buildings: number; households: number; residents: number }[] = visible.length
      ? await ds.query(
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
          [visible],
        )
      : [];
    return byKey(ids, rows, (r) => r.id).map((r) => r ?? { children: 0, buildings: 0, households: 0, residents: 0 });
  });
  return { gridById, gridByCode, gridChildren, largeGridsByStreet, gridCounts };
}

type GridLoaders = ReturnType<typeof createGridLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends GridLoaders {}
}
