import type { Db } from '../../platform/db/session';
import { requireCan } from '../../platform/identity/policy';
import { paginate } from '../../platform/graphql/connection';
import type { CompileNodes } from '../../platform/graphql/compiled-read';
import { type SyncArgs, type SyncConnectionShape, syncPage, withoutSync } from '../../platform/graphql/sync';
import { badInput, conflict, missing, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { NAME_MAX, text } from '../../platform/graphql/validate';
import { Building } from '../building/building.entity';
import { Grid } from '../grid/grid.entity';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { gridPathOfBuilding } from '../household/household.service';
import { Household } from '../household/household.entity';
import { Resident } from './resident.entity';
import type { CreateResidentInput, UpdateResidentInput } from './resident.input';
import { isValidIdNumber, isValidPhone } from './resident.privacy';

const CONSTRAINT_FIELDS = { resident_id_number_key: 'input.idNumber' };

export interface ResidentFilter {
  gridId?: string | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

export class ResidentService {
  constructor(
    private readonly ds: Db,
    private readonly scope: Scope,
  ) {}

  /**
   * `search` matches the start of the name (姓名前缀); never phones or ID numbers. With `compile`,
   * the nodes are built as the query selects them in the page's statement when the selection compiles.
   */
  async list(filter: ResidentFilter, sync?: SyncArgs, compile?: CompileNodes): Promise<SyncConnectionShape<Resident>> {
    const qb = applyScope(this.ds.getRepository(Resident).createQueryBuilder('r'), this.scope, 'Resident', 'r');
    if (filter.gridId) {
      qb.innerJoin(Household, 'h', 'h.id = r.household_id')
        .innerJoin(Building, 'b', 'b.id = h.building_id')
        .innerJoin(Grid, 'g', 'g.id = b.grid_id')
        .innerJoin(Grid, 't', 'g.path <@ t.path')
        .andWhere('t.id = :gridId', { gridId: filter.gridId });
    }
    if (filter.search != null) {
      const search = text(filter.search, 'search', 50);
      qb.andWhere(`r.name LIKE :prefix ESCAPE '\\'`, { prefix: search.replace(/[\\%_]/g, (c) => `\\${c}`) + '%' });
    }
    if (sync?.changedSince != null)
      return syncPage(
        this.ds,
        sync.config,
        qb,
        'r',
        { kind: 'Resident', underGridId: filter.gridId },
        { ...filter, changedSince: sync.changedSince },
      );
    return withoutSync(await paginate(qb, 'r.id', (r) => r.id, filter, 'ASC', compile?.('r')));
  }

  async create(input: CreateResidentInput): Promise<Resident> {
    // Who may edit at all first: an operator or a resident learns nothing from an id.
    requireCan(this.scope.viewer, 'EDIT_PLACES');
    const name = text(input.name, 'input.name', NAME_MAX);
    checkPersonal(input);
    if (!(input.birthYear >= 1900 && input.birthYear <= new Date().getFullYear()))
      throw badInput('input.birthYear', 'must be a year from 1900 to now');
    return inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
      const household = await m.getRepository(Household).findOneBy({ id: input.householdId });
      if (!household) throw missing('input.householdId', 'household', this.scope.seesEverything('Household'));
      requireCan(this.scope.viewer, 'EDIT_PLACES', { path: await gridPathOfBuilding(m, household.buildingId) });
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO resident (household_id, name, gender, birth_year, relation, phone, id_number,
                               is_party_member, is_volunteer, is_retired_cadre, is_in_service_party_member)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          household.id,
          name,
          input.gender,
          input.birthYear,
          input.relation,
          input.phone ?? null,
          input.idNumber ?? null,
          input.isPartyMember,
          input.isVolunteer,
          input.isRetiredCadre,
          input.isInServicePartyMember,
        ],
      );
      return m.getRepository(Resident).findOneByOrFail({ id });
    });
  }

  async update(id: string, input: UpdateResidentInput): Promise<Resident> {
    // Who may edit at all first: an operator or a resident learns nothing from an id.
    requireCan(this.scope.viewer, 'EDIT_PLACES');
    const name = input.name == null ? null : text(input.name, 'input.name', NAME_MAX);
    checkPersonal(input);
    return inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
      const resident = await m
        .getRepository(Resident)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id', { id })
        .getOne();
      if (!resident) throw notFound('Resident', id);
      const { buildingId } = await m.getRepository(Household).findOneByOrFail({ id: resident.householdId });
      requireCan(this.scope.viewer, 'EDIT_PLACES', { path: await gridPathOfBuilding(m, buildingId) });
      if (resident.version !== input.version) throw conflict('Resident', id, input.version, resident.version);
      await m.query(
        `UPDATE resident SET name = coalesce($2, name), relation = coalesce($3, relation), phone = coalesce($4, phone),
                is_party_member = coalesce($5, is_party_member), is_volunteer = coalesce($6, is_volunteer),
                is_retired_cadre = coalesce($7, is_retired_cadre), is_in_service_party_member = coalesce($8, is_in_service_party_member),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [
          id,
          name,
          input.relation ?? null,
          input.phone ?? null,
          input.isPartyMember ?? null,
          input.isVolunteer ?? null,
          input.isRetiredCadre ?? null,
          input.isInServicePartyMember ?? null,
        ],
      );
      return m.getRepository(Resident).findOneByOrFail({ id });
    });
  }
}

/** Refuses malformed personal data without echoing it back in the message. */
function checkPersonal(input: { phone?: string | null; idNumber?: string | null }): void {
  if (input.phone != null && !isValidPhone(input.phone)) throw badInput('input.phone', 'is not a mainland mobile or landline number');
  if (input.idNumber != null && !isValidIdNumber(input.idNumber))
    throw badInput('input.idNumber', 'is not a valid 18-character ID-card number');
}
