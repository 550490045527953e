import { NAME_MAX, text } from '../../platform/graphql/validate';
import type { Db } from '../../platform/db/session';
import { requireCan } from '../../platform/identity/policy';
import type { EntityManager } from 'typeorm';
import { paginate } from '../../platform/graphql/connection';
import type { CompileNodes } from '../../platform/graphql/compiled-read';
import { type SyncArgs, type SyncConnectionShape, syncPage, withoutSync } from '../../platform/graphql/sync';
import { badInput, conflict, missing, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { Building } from '../building/building.entity';
import { Grid } from '../grid/grid.entity';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { Household, HouseholdTag } from './household.entity';
import type { CreateHouseholdInput, UpdateHouseholdInput } from './household.input';

const CONSTRAINT_FIELDS = { household_building_id_unit_room_key: 'input.room', household_size_check: 'input.size' };

export interface HouseholdFilter {
  buildingId?: string | null;
  gridId?: string | null;
  tags?: HouseholdTag[] | null;
  first?: number | null;
  after?: string | null;
}

export class HouseholdService {
  constructor(
    private readonly ds: Db,
    private readonly scope: Scope,
  ) {}

  /**
   * A page of households. With `compile`, the nodes are built as the query selects them in the
   * page's statement when the selection compiles; else, with `withBuilding`, each one's building
   * (as the caller may see it: the building's scope in the join; null when hidden) comes in the
   * same statement, as `buildingOf`.
   */
  async list(
    filter: HouseholdFilter,
    sync?: SyncArgs,
    opts: { withBuilding?: boolean; compile?: CompileNodes } = {},
  ): Promise<SyncConnectionShape<Household>> {
    const qb = applyScope(this.ds.getRepository(Household).createQueryBuilder('h'), this.scope, 'Household', 'h');
    if (filter.buildingId) qb.andWhere('h.building_id = :buildingId', { buildingId: filter.buildingId });
    if (filter.gridId) {
      qb.innerJoin(Building, 'b', 'b.id = h.building_id')
        .innerJoin(Grid, 'g', 'g.id = b.grid_id')
        .innerJoin(Grid, 't', 'g.path <@ t.path')
        .andWhere('t.id = :gridId', { gridId: filter.gridId });
    }
    if (filter.tags?.length) qb.andWhere('h.tags @> :tags', { tags: filter.tags });
    if (sync?.changedSince != null)
      return syncPage(
        this.ds,
        sync.config,
        qb,
        'h',
        { kind: 'Household', underGridId: filter.gridId },
        { ...filter, changedSince: sync.changedSince },
      );
    const compiled = opts.compile?.('h');
    if (compiled) return withoutSync(await paginate(qb, 'h.id', (h) => h.id, filter, 'ASC', compiled));
    if (opts.withBuilding) {
      const visible = this.scope.where('Building', 'hb');
      qb.leftJoinAndMapOne('h.buildingOf', Building, 'hb', `hb.id = h.building_id AND (${visible.sql})`, visible.params);
    }
    return withoutSync(await paginate(qb, 'h.id', (h) => h.id, filter));
  }

  async create(input: CreateHouseholdInput): Promise<Household> {
    // Who may edit at all first: an operator or a resident learns nothing from an id.
    requireCan(this.scope.viewer, 'EDIT_PLACES');
    checkSize(input.size);
    const room = text(input.room, 'input.room', NAME_MAX);
    return inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
      const building = await m.getRepository(Building).findOneBy({ id: input.buildingId });
      if (!building) throw missing('input.buildingId', 'building', this.scope.seesEverything('Building'));
      requireCan(this.scope.viewer, 'EDIT_PLACES', { path: await gridPathOfBuilding(m, building.id) });
      if (!(input.unit >= 1 && input.unit <= building.units)) throw badInput('input.unit', `must be from 1 to ${building.units}`);
      const address = input.address ? text(input.address, 'input.address', NAME_MAX) : `${building.address} ${input.unit}单元 ${room}室`;
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO household (building_id, unit, room, address, size, tags) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [building.id, input.unit, room, address, input.size, unique(input.tags)],
      );
      return m.getRepository(Household).findOneByOrFail({ id });
    });
  }

  async update(id: string, input: UpdateHouseholdInput): Promise<Household> {
    // Who may edit at all first: an operator or a resident learns nothing from an id.
    requireCan(this.scope.viewer, 'EDIT_PLACES');
    if (input.size != null) checkSize(input.size);
    const address = input.address == null ? null : text(input.address, 'input.address', NAME_MAX);
    return inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
      const household = await m
        .getRepository(Household)
        .createQueryBuilder('h')
        .setLock('pessimistic_write')
        .where('h.id = :id', { id })
        .getOne();
      if (!household) throw notFound('Household', id);
      requireCan(this.scope.viewer, 'EDIT_PLACES', { path: await gridPathOfBuilding(m, household.buildingId) });
      if (household.version !== input.version) throw conflict('Household', id, input.version, household.version);
      await m.query(
        `UPDATE household SET size = coalesce($2, size), tags = coalesce($3, tags), address = coalesce($4, address),
                version = version + 1, updated_at = now() WHERE id = $1`,
        [id, input.size ?? null, input.tags ? unique(input.tags) : null, address],
      );
      return m.getRepository(Household).findOneByOrFail({ id });
    });
  }
}

/** The ltree path of the small grid a building lies in (write permission is per grid). */
export async function gridPathOfBuilding(m: EntityManager, buildingId: string): Promise<string> {
  const [row]: { path: string }[] = await m.query(
    `SELECT g.path::text AS path FROM building b JOIN grid g ON g.id = b.grid_id WHERE b.id = $1`,
    [buildingId],
  );
  return row?.path ?? '';
}

function checkSize(size: number): void {
  if (!(Number.isInteger(size) && size >= 0 && size <= 50)) throw badInput('input.size', 'must be from 0 to 50');
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
