import DataLoader from 'dataloader';
import type { MultiPolygon, Point } from 'geojson';
import type { Db } from '../../platform/db/session';
import { byKey, groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { Building } from './building.entity';

export interface BuildingShape {
  footprint: MultiPolygon;
  centroid: Point;
}

export function createBuildingLoaders(ds: Db, scope: Scope) {
  const buildings = () => applyScope(ds.getRepository(Building).createQueryBuilder('b'), scope, 'Building', 'b');
  const buildingById = new DataLoader<string, Building | null>(async (ids) =>
    byKey(
      ids,
      await buildings()
        .andWhere('b.id IN (:...ids)', { ids: withNone(uuids(ids)) })
        .getMany(),
      (b) => b.id,
    ),
  );
  const byLimit = new Map<number, DataLoader<string, Building[]>>();
  /**
   * The first `limit` buildings (by code) in each grid's subtree, for many grids at once:
   * one statement finds the ids with a lateral join (within the viewer's scope), one loads them.
   */
  function buildingsInGrid(limit: number): DataLoader<string, Building[]> {
    let loader = byLimit.get(limit);
    if (loader) return loader;
    loader = new DataLoader<string, Building[]>(async (gridIds) => {
      const visible = scope.whereRaw('Building', 'b', 3);
      const pairs: { grid_id: string; building_id: string }[] = await ds.query(
        `SELECT t.id AS grid_id, b.id AS building_id
           FROM grid t
           CROSS JOIN LATERAL (
             SELECT b.id, b.code FROM building b
              -- the subtree's grid ids first, so building_grid_idx is used (3× faster than a hash join)
              WHERE b.grid_id = ANY(ARRAY(SELECT g.id FROM grid g WHERE g.path <@ t.path)) AND ${visible.sql}
              ORDER BY b.code, b.id LIMIT $2) b
          WHERE t.id = ANY($1::uuid[])
          ORDER BY b.code, b.id`,
        [uuids(gridIds), limit, ...visible.params],
      );
      const found = await buildingById.loadMany(pairs.map((p) => p.building_id));
      const withGrid = pairs.flatMap((p, i) =>
        found[i] instanceof Building ? [{ gridId: p.grid_id, building: found[i] as Building }] : [],
      );
      return groupByKey(gridIds, withGrid, (x) => x.gridId).map((list) => list.map((x) => x.building));
    });
    byLimit.set(limit, loader);
    return loader;
  }
  /** A building's footprint and centroid, for buildings loaded without them (one statement per batch). */
  const buildingShape = new DataLoader<string, BuildingShape | null>(async (ids) => {
    const rows: ({ id: string } & BuildingShape)[] = await ds.query(
      `SELECT id, ST_AsGeoJSON(footprint)::json AS footprint, ST_AsGeoJSON(centroid)::json AS centroid
         FROM building WHERE id = ANY($1::uuid[])`,
      [uuids(ids)],
    );
    return byKey(ids, rows, (r) => r.id);
  });
  return { buildingById, buildingsInGrid, buildingShape };
}

type BuildingLoaders = ReturnType<typeof createBuildingLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends BuildingLoaders {}
}
