import DataLoader from 'dataloader';
import type { MultiPolygon, Point } from 'geojson';
import type { Db } from '../../platform/db/session';
import { byKey, groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import { countExpression, type CountSql } from '../../platform/graphql/compiled-read';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { Grid, GridLevel } from './grid.entity';
import { GridCounts } from './grid.type';

/** The counts a grid's subtree can answer, each one statement part over an indexed path. */
export const COUNT_FIELDS = ['children', 'buildings', 'households', 'residents'] as const;
/**
 * Each count over the places' indexed `grid_path`; the scope's predicate narrows it to what the caller's lists show.
 * A SMALL grid is a leaf (its code is the deepest level: geo's `codeToLtreePath`), so its buildings are those
 * whose `grid_id` is its id: a btree probe where `<@` is a GiST one, three times the cost in the grid tree.
 */
export const COUNT_SQL: Record<(typeof COUNT_FIELDS)[number], CountSql> = {
  children: { table: 'grid', where: '$child.parent_id = $parent.id' },
  buildings: {
    table: 'building',
    scoped: 'Building',
    where: '$child.grid_path <@ $parent.path',
    leaf: { when: `$parent.level = 'SMALL'`, where: '$child.grid_id = $parent.id' },
  },
  households: { table: 'household', scoped: 'Household', where: '$child.grid_path <@ $parent.path' },
  residents: { table: 'resident', scoped: 'Resident', where: '$child.grid_path <@ $parent.path' },
};

export interface GridShape {
  geometry: MultiPolygon;
  labelPoint: Point;
}

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
   * Subtree counts for many grids in one statement, of only the counts asked for: each is an
   * index-backed count over the places' `grid_path` (GiST), never a join down the tree. Only
   * grids the viewer can see are counted, and only rows they can see (row-level security);
   * aggregate counts carry no personal data. One loader per set of counts in a request.
   */
  const countLoaders = new Map<string, DataLoader<string, Partial<GridCounts>>>();
  const gridCounts = (asked: Iterable<string>) => {
    const fields = COUNT_FIELDS.filter((f) => [...asked].includes(f));
    const key = fields.join(',');
    let loader = countLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, Partial<GridCounts>>(async (ids) => {
        const visible = (await gridById.loadMany(ids)).filter((g): g is Grid => g instanceof Grid).map((g) => g.id);
        const params: unknown[] = [visible];
        const columns = fields.map((f) => {
          const count = COUNT_SQL[f];
          const scoped = count.scoped ? scope.whereRaw(count.scoped, 'x', params.length + 1) : { sql: 'true', params: [] };
          params.push(...scoped.params);
          return `${countExpression(count, 't', 'x', scoped.sql)} AS "${f}"`;
        });
        const rows: ({ id: string } & Partial<GridCounts>)[] =
          visible.length && fields.length
            ? await ds.query(`SELECT t.id, ${columns.join(', ')} FROM grid t WHERE t.id = ANY($1::uuid[])`, params)
            : [];
        const none = Object.fromEntries(fields.map((f) => [f, 0])) as Partial<GridCounts>;
        return byKey(ids, rows, (r) => r.id).map((r) => (r ? r : none));
      });
      countLoaders.set(key, loader);
    }
    return loader;
  };
  /** A grid's boundary and label point, for grids loaded without them (one statement per batch). */
  const gridShape = new DataLoader<string, GridShape | null>(async (ids) => {
    const rows: ({ id: string } & GridShape)[] = await ds.query(
      `SELECT id, ST_AsGeoJSON(geom)::json AS geometry, ST_AsGeoJSON(label_point)::json AS "labelPoint"
         FROM grid WHERE id = ANY($1::uuid[])`,
      [uuids(ids)],
    );
    return byKey(ids, rows, (r) => r.id);
  });
  return { gridById, gridByCode, gridChildren, largeGridsByStreet, gridCounts, gridShape };
}

type GridLoaders = ReturnType<typeof createGridLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends GridLoaders {}
}
