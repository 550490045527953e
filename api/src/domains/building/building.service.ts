import { NAME_MAX, text } from '../../platform/graphql/validate';
import type { Db } from '../../platform/db/session';
import { requireCan } from '../../platform/identity/policy';
import type { EntityManager } from 'typeorm';
import { paginate } from '../../platform/graphql/connection';
import type { CompileNodes } from '../../platform/graphql/compiled-read';
import { type SyncArgs, type SyncConnectionShape, syncPage, withoutSync } from '../../platform/graphql/sync';
import { badInput, conflict, missing, notFound } from '../../platform/graphql/errors';
import { checkBBox, checkNear, type NearInput } from '../../platform/graphql/spatial-args';
import { inTransaction } from '../../platform/graphql/transaction';
import { Grid, GridLevel } from '../grid/grid.entity';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { checkPolygonal } from '../../platform/geometry';
import { Building } from './building.entity';
import type { CreateBuildingInput, UpdateBuildingInput } from './building.input';

const CONSTRAINT_FIELDS = { building_code_key: 'input.code', building_floors_check: 'input.floors', building_units_check: 'input.units' };

export interface BuildingFilter {
  gridId?: string | null;
  bbox?: number[] | null;
  near?: NearInput | null;
  first?: number | null;
  after?: string | null;
}

export class BuildingService {
  constructor(
    private readonly ds: Db,
    private readonly scope: Scope,
  ) {}

  /** A page of buildings; with `compile`, its nodes built as the query selects them when the selection compiles. */
  async list(filter: BuildingFilter, sync?: SyncArgs, compile?: CompileNodes): Promise<SyncConnectionShape<Building>> {
    const bbox = checkBBox(filter.bbox);
    const near = checkNear(filter.near);
    const qb = applyScope(this.ds.getRepository(Building).createQueryBuilder('b'), this.scope, 'Building', 'b');
    if (filter.gridId) {
      qb.innerJoin(Grid, 'g', 'g.id = b.grid_id')
        .innerJoin(Grid, 't', 'g.path <@ t.path')
        .andWhere('t.id = :gridId', { gridId: filter.gridId });
    }
    if (bbox) qb.andWhere('b.footprint && ST_MakeEnvelope(:w, :s, :e, :n, 4326)', { w: bbox[0], s: bbox[1], e: bbox[2], n: bbox[3] });
    if (near) {
      qb.andWhere('ST_DWithin(b.centroid::geography, ST_SetSRID(ST_MakePoint(:lng, :lat), 4326)::geography, :meters)', near);
    }
    if (sync?.changedSince != null)
      return syncPage(
        this.ds,
        sync.config,
        qb,
        'b',
        { kind: 'Building', underGridId: filter.gridId },
        { ...filter, changedSince: sync.changedSince },
      );
    return withoutSync(await paginate(qb, 'b.id', (b) => b.id, filter, 'ASC', compile?.('b')));
  }

  async create(input: CreateBuildingInput): Promise<Building> {
    // Who may edit at all first: an operator or a resident learns nothing from an id.
    requireCan(this.scope.viewer, 'EDIT_PLACES');
    const fields = checkFields(input);
    return inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
      const footprint = await checkPolygonal(m, input.footprint, 'input.footprint');
      const grid = await checkInSmallGrid(m, footprint, input.gridId, this.scope.seesEverything('Grid'));
      requireCan(this.scope.viewer, 'EDIT_PLACES', { path: grid.path });
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO building (grid_id, code, name, address, floors, units, footprint, centroid)
         SELECT $1, $2, $3, $4, $5, $6, g, ST_PointOnSurface(g)
           FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($7), 4326)) AS g) x
         RETURNING id`,
        [input.gridId, input.code ?? null, fields.name, fields.address, input.floors, input.units, footprint],
      );
      return m.getRepository(Building).findOneByOrFail({ id });
    });
  }

  async update(id: string, input: UpdateBuildingInput): Promise<Building> {
    // Who may edit at all first: an operator or a resident learns nothing from an id.
    requireCan(this.scope.viewer, 'EDIT_PLACES');
    const fields = checkFields(input);
    return inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
      const building = await m
        .getRepository(Building)
        .createQueryBuilder('b')
        .setLock('pessimistic_write')
        .where('b.id = :id', { id })
        .getOne();
      if (!building) throw notFound('Building', id);
      const { path } = await m.getRepository(Grid).findOneByOrFail({ id: building.gridId });
      requireCan(this.scope.viewer, 'EDIT_PLACES', { path });
      if (building.version !== input.version) throw conflict('Building', id, input.version, building.version);
      let footprint: string | null = null;
      if (input.footprint != null) {
        footprint = await checkPolygonal(m, input.footprint, 'input.footprint');
        await checkInSmallGrid(m, footprint, building.gridId, true);
      }
      await m.query(
        `UPDATE building SET name = coalesce($2, name), address = coalesce($3, address),
                floors = coalesce($4, floors), units = coalesce($5, units),
                footprint = coalesce(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($6), 4326)), footprint),
                centroid = coalesce(ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON($6), 4326)), centroid),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, fields.name ?? null, fields.address ?? null, input.floors ?? null, input.units ?? null, footprint],
      );
      return m.getRepository(Building).findOneByOrFail({ id });
    });
  }
}

function checkFields(input: { name?: string; address?: string; floors?: number; units?: number }) {
  if (input.floors != null && !(input.floors >= 1 && input.floors <= 200)) throw badInput('input.floors', 'must be from 1 to 200');
  if (input.units != null && !(input.units >= 1 && input.units <= 100)) throw badInput('input.units', 'must be from 1 to 100');
  return {
    name: input.name == null ? undefined : text(input.name, 'input.name', NAME_MAX),
    address: input.address == null ? undefined : text(input.address, 'input.address', NAME_MAX),
  };
}

/** A building belongs to a SMALL grid and its footprint lies inside it (1 m² or 1% tolerance). */
async function checkInSmallGrid(m: EntityManager, footprint: string, gridId: string, seesAll: boolean): Promise<Grid> {
  const grid = await m.getRepository(Grid).findOneBy({ id: gridId });
  if (!grid) throw missing('input.gridId', 'grid', seesAll);
  if (grid.level !== GridLevel.SMALL) throw badInput('input.gridId', `must be a SMALL grid, not ${grid.level}`);
  const [{ outside_m2, area_m2 }]: { outside_m2: number; area_m2: number }[] = await m.query(
    `SELECT ST_Area(ST_Difference(f, g.geom)::geography) AS outside_m2, ST_Area(f::geography) AS area_m2
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS f) x, grid g WHERE g.id = $2`,
    [footprint, gridId],
  );
  if (outside_m2 > Math.max(1, 0.01 * area_m2))
    throw badInput('input.footprint', `extends ${outside_m2.toFixed(1)} m² outside grid ${grid.code}`);
  return grid;
}
