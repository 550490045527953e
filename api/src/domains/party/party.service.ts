import type { EntityManager } from 'typeorm';
import type { Db } from '../../platform/db/session';
import { badInput, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { NAME_MAX, optionalText, text, uuid } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import { actorLabel, type Viewer } from '../../platform/identity/viewer';
import { audit } from '../account/user.service';
import { GridLeader, LeaderRole, PartyOrganization, PartyOrgLevel } from './party.entity';
import type {
  AppointGridLeaderInput,
  CreatePartyOrganizationInput,
  UpdateGridLeaderInput,
  UpdatePartyOrganizationInput,
} from './party.input';

/** The grid level each organisation level is aligned to (五级链条 ↔ 网格). */
export const LEVEL_OF_GRID: Record<string, PartyOrgLevel> = {
  LARGE: PartyOrgLevel.COMMUNITY,
  MEDIUM: PartyOrgLevel.COMPOUND_BRANCH,
  SMALL: PartyOrgLevel.BUILDING_GROUP,
};

/**
 * The seed's rules for who may lead a grid (网格长), by the grid's level. Each is checked
 * on appointing a LEADER; a violation answers BAD_USER_INPUT naming the rule.
 */
export const LEADER_RULES = {
  LARGE: { rule: 'LARGE_GRID_LEADER', text: 'a large-grid leader (大网格长) is the secretary of the community party organisation' },
  MEDIUM: {
    rule: 'MEDIUM_GRID_LEADER',
    text: 'a medium-grid leader (中网格长) is a party member living in the compound or the head of its owners’ committee (业委会主任)',
  },
  SMALL: {
    rule: 'SMALL_GRID_LEADER',
    text:
      'a small-grid leader (小网格长) lives in the grid and is a party member (a building head, volunteer or in-service member) ' +
      'or a retired cadre',
  },
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An office number as the posts board shows it: digits with spaces, +, -, parentheses; 3 to 30 characters. */
const PHONE = /^[0-9+\-() ]{3,30}$/;
/** The longest duties text on the posts board. */
export const DUTIES_MAX = 500;

/** An optional phone number: absent is undefined (unchanged), blank is null (cleared), else checked. */
export function optionalPhone(value: string | null | undefined, field: string): string | null | undefined {
  if (value == null) return undefined;
  const t = optionalText(value, field, 30);
  if (t != null && (!PHONE.test(t) || !/\d{3}/.test(t.replace(/\D/g, ''))))
    throw badInput(field, 'must be a phone number: digits, spaces, +, - and parentheses');
  return t;
}

interface GridRow {
  id: string;
  code: string;
  level: 'LARGE' | 'MEDIUM' | 'SMALL';
  path: string;
  street_id: string;
  parent_id: string | null;
}

interface ResidentRow {
  id: string;
  name: string;
  grid_path: string | null;
  is_party_member: boolean;
  is_in_service_party_member: boolean;
  is_retired_cadre: boolean;
  is_owners_committee_head: boolean;
}

const CONSTRAINTS = { party_org_live_grid: 'input.gridId' };

function isoDate(value: string | null | undefined, field: string): string {
  if (value == null) return new Date().toISOString().slice(0, 10);
  if (
    !ISO_DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  )
    throw badInput(field, 'must be a date YYYY-MM-DD');
  return value;
}

async function gridOf(m: EntityManager, id: string, field: string): Promise<GridRow> {
  const [grid]: GridRow[] = await m.query(`SELECT id, code, level, path::text AS path, street_id, parent_id FROM grid WHERE id = $1`, [
    uuid(id, field),
  ]);
  if (!grid) throw badInput(field, 'no such grid');
  return grid;
}

async function residentOf(m: EntityManager, id: string, field: string): Promise<ResidentRow> {
  const [resident]: ResidentRow[] = await m.query(
    `SELECT id, name, grid_path::text AS grid_path, is_party_member, is_in_service_party_member, is_retired_cadre, is_owners_committee_head
       FROM resident WHERE id = $1`,
    [uuid(id, field)],
  );
  if (!resident) throw badInput(field, 'no such resident');
  return resident;
}

const livesIn = (r: ResidentRow, path: string | null) => path == null || (r.grid_path != null && `${r.grid_path}.`.startsWith(`${path}.`));
const isPartyMember = (r: ResidentRow) => r.is_party_member || r.is_in_service_party_member;

/** A secretary: a party member living in the organisation's grid (anywhere in the street for the committee). */
async function secretaryFor(
  m: EntityManager,
  id: string | null | undefined,
  gridPath: string | null,
  field: string,
  who = 'a secretary (书记)',
) {
  if (id == null || id === '') return null;
  const resident = await residentOf(m, id, field);
  if (!isPartyMember(resident)) throw badInput(field, `${who} is a party member`, { rule: 'SECRETARY_PARTY_MEMBER' });
  if (!livesIn(resident, gridPath)) throw badInput(field, `${who} lives in the organisation’s grid`, { rule: 'SECRETARY_IN_GRID' });
  return resident;
}

const DEPUTY = 'a deputy secretary (副书记)';

/** The deputy is not the secretary. */
function checkDeputy(secretaryId: string | null | undefined, deputyId: string | null | undefined, field: string): void {
  if (secretaryId && deputyId && secretaryId === deputyId)
    throw badInput(field, 'the deputy secretary (副书记) is not the secretary', { rule: 'DEPUTY_NOT_SECRETARY' });
}

async function orgOf(m: EntityManager, id: string): Promise<PartyOrganization> {
  const org = await m.getRepository(PartyOrganization).findOneBy({ id: uuid(id, 'id') });
  if (!org || org.dissolvedAt) throw notFound('PartyOrganization', id);
  return org;
}

/** 党组织 and 网格长: the street admins shape the five-level chain and appoint the grids' leaders. */
export class PartyService {
  constructor(private readonly db: Db) {}

  /** A new organisation aligned to its grid (or the street), under the organisation of the grid above. */
  async create(viewer: Viewer, input: CreatePartyOrganizationInput): Promise<PartyOrganization> {
    requireCan(viewer, 'MANAGE_PARTY');
    const name = text(input.name, 'input.name', NAME_MAX);
    const officePhone = optionalPhone(input.officePhone, 'input.officePhone') ?? null;
    return inTransaction(this.db, CONSTRAINTS, async (m) => {
      let streetId: string;
      let gridId: string | null = null;
      let parentId: string | null = null;
      let path: string | null = null;
      if (input.level === PartyOrgLevel.STREET_COMMITTEE) {
        if (input.gridId) throw badInput('input.gridId', 'the street committee is aligned to the street: give streetId, no grid');
        streetId = uuid(input.streetId ?? '', 'input.streetId');
        const [street] = await m.query(`SELECT id FROM street WHERE id = $1`, [streetId]);
        if (!street) throw badInput('input.streetId', 'no such street');
        const [existing] = await m.query(
          `SELECT 1 FROM party_organization WHERE street_id = $1 AND level = 'STREET_COMMITTEE' AND dissolved_at IS NULL`,
          [streetId],
        );
        if (existing) throw badInput('input.streetId', 'the street already has a committee');
      } else if (input.level === PartyOrgLevel.CENTRAL_HOUSEHOLD) {
        if (input.gridId) throw badInput('input.gridId', 'a central household is aligned to a household: give householdId, no grid');
        const [household]: { id: string; grid_path: string; street_id: string; grid_id: string }[] = await m.query(
          `SELECT h.id, h.grid_path::text, g.street_id, g.id AS grid_id
             FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id WHERE h.id = $1`,
          [uuid(input.householdId ?? '', 'input.householdId')],
        );
        if (!household) throw badInput('input.householdId', 'no such household');
        const [member] = await m.query(
          `SELECT 1 FROM resident WHERE household_id = $1 AND (is_party_member OR is_in_service_party_member)`,
          [household.id],
        );
        if (!member) throw badInput('input.householdId', 'a central household (党员中心户) is the home of a party member');
        const [taken] = await m.query(
          `SELECT 1 FROM party_organization WHERE household_id = $1 AND level = 'CENTRAL_HOUSEHOLD' AND dissolved_at IS NULL`,
          [household.id],
        );
        if (taken) throw badInput('input.householdId', 'is already a central household');
        const [parent]: { id: string }[] = await m.query(
          `SELECT id FROM party_organization WHERE grid_id = $1 AND level <> 'CENTRAL_HOUSEHOLD' AND dissolved_at IS NULL`,
          [household.grid_id],
        );
        if (!parent) throw badInput('input.householdId', 'its small grid has no building group (楼栋党小组) yet: create that first');
        if (input.secretaryId || input.deputySecretaryId) throw badInput('input.secretaryId', 'a central household has no secretary');
        const [{ id }]: { id: string }[] = await m.query(
          `INSERT INTO party_organization (street_id, parent_id, level, name, household_id, office_phone)
           VALUES ($1, $2, 'CENTRAL_HOUSEHOLD', $3, $4, $5) RETURNING id`,
          [household.street_id, parent.id, name, household.id, officePhone],
        );
        return orgOf(m, id);
      } else {
        if (!input.gridId) throw badInput('input.gridId', 'give the grid the organisation is aligned to');
        const grid = await gridOf(m, input.gridId, 'input.gridId');
        if (LEVEL_OF_GRID[grid.level] !== input.level)
          throw badInput('input.level', `a ${grid.level} grid is aligned to a ${LEVEL_OF_GRID[grid.level]} organisation`);
        const [parent]: { id: string }[] = await m.query(
          grid.parent_id
            ? `SELECT id FROM party_organization WHERE grid_id = $1 AND level <> 'CENTRAL_HOUSEHOLD' AND dissolved_at IS NULL`
            : `SELECT id FROM party_organization WHERE street_id = $1 AND level = 'STREET_COMMITTEE' AND dissolved_at IS NULL`,
          [grid.parent_id ?? grid.street_id],
        );
        if (!parent) throw badInput('input.gridId', 'the grid above has no party organisation yet: create that first');
        const [taken] = await m.query(
          `SELECT 1 FROM party_organization WHERE grid_id = $1 AND level <> 'CENTRAL_HOUSEHOLD' AND dissolved_at IS NULL`,
          [grid.id],
        );
        if (taken) throw badInput('input.gridId', 'already has a party organisation');
        [streetId, gridId, parentId, path] = [grid.street_id, grid.id, parent.id, grid.path];
      }
      const secretary = await secretaryFor(m, input.secretaryId, path, 'input.secretaryId');
      const deputy = await secretaryFor(m, input.deputySecretaryId, path, 'input.deputySecretaryId', DEPUTY);
      checkDeputy(secretary?.id, deputy?.id, 'input.deputySecretaryId');
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO party_organization (street_id, parent_id, level, name, grid_id, secretary_id, secretary_name,
                secretary_publish_contact, deputy_id, deputy_name, deputy_publish_contact, office_phone)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          streetId,
          parentId,
          input.level,
          name,
          gridId,
          secretary?.id ?? null,
          secretary?.name ?? null,
          Boolean(secretary && input.secretaryPublishContact),
          deputy?.id ?? null,
          deputy?.name ?? null,
          Boolean(deputy && input.deputyPublishContact),
          officePhone,
        ],
      );
      return orgOf(m, id);
    });
  }

  /** Renames an organisation or appoints its secretary (书记). */
  async update(viewer: Viewer, id: string, input: UpdatePartyOrganizationInput): Promise<PartyOrganization> {
    requireCan(viewer, 'MANAGE_PARTY');
    const name = optionalText(input.name, 'input.name', NAME_MAX);
    const officePhone = optionalPhone(input.officePhone, 'input.officePhone');
    return inTransaction(this.db, CONSTRAINTS, async (m) => {
      const org = await orgOf(m, id);
      const path = org.gridId ? (await gridOf(m, org.gridId, 'id')).path : null;
      const secretary = await secretaryFor(m, input.secretaryId, path, 'input.secretaryId');
      const deputy = await secretaryFor(m, input.deputySecretaryId, path, 'input.deputySecretaryId', DEPUTY);
      checkDeputy(secretary?.id ?? org.secretaryId, deputy?.id ?? org.deputyId, deputy ? 'input.deputySecretaryId' : 'input.secretaryId');
      // A new secretary or deputy publishes a contact only on their own consent, never on their predecessor's.
      await m.query(
        `UPDATE party_organization SET name = coalesce($2, name), secretary_id = coalesce($3, secretary_id),
                secretary_name = coalesce($4, secretary_name),
                secretary_publish_contact = CASE WHEN $3::uuid IS NOT NULL THEN coalesce($5::boolean, false)
                                                 ELSE coalesce($5::boolean, secretary_publish_contact) END,
                deputy_id = coalesce($6, deputy_id), deputy_name = coalesce($7, deputy_name),
                deputy_publish_contact = CASE WHEN $6::uuid IS NOT NULL THEN coalesce($8::boolean, false)
                                              ELSE coalesce($8::boolean, deputy_publish_contact) END,
                office_phone = CASE WHEN $9::boolean THEN $10 ELSE office_phone END
          WHERE id = $1`,
        [
          org.id,
          name,
          secretary?.id ?? null,
          secretary?.name ?? null,
          input.secretaryPublishContact ?? null,
          deputy?.id ?? null,
          deputy?.name ?? null,
          input.deputyPublishContact ?? null,
          officePhone !== undefined,
          officePhone ?? null,
        ],
      );
      return orgOf(m, org.id);
    });
  }

  /** Dissolves an organisation that has no live organisation under it; it stays as history. */
  async dissolve(viewer: Viewer, id: string): Promise<PartyOrganization> {
    requireCan(viewer, 'MANAGE_PARTY');
    return inTransaction(this.db, CONSTRAINTS, async (m) => {
      const org = await orgOf(m, id);
      const [child] = await m.query(`SELECT 1 FROM party_organization WHERE parent_id = $1 AND dissolved_at IS NULL`, [org.id]);
      if (child) throw badInput('id', 'dissolve the organisations under it first');
      await m.query(`UPDATE party_organization SET dissolved_at = now() WHERE id = $1`, [org.id]);
      return { ...org, dissolvedAt: new Date() };
    });
  }

  /**
   * Appoints a grid leader, deputy or worker from `since`. A LEADER must meet the rule of the
   * grid's level (LEADER_RULES) and replaces the current leader from that day. The
   * appointee's accounts (linked to the resident) lead the grid from their next request or
   * token refresh: a resident's or volunteer's account becomes a GRID_LEADER's.
   */
  async appoint(viewer: Viewer, input: AppointGridLeaderInput): Promise<GridLeader> {
    requireCan(viewer, 'MANAGE_PARTY');
    const since = isoDate(input.since, 'input.since');
    const officePhone = optionalPhone(input.officePhone, 'input.officePhone') ?? null;
    const duties = optionalText(input.duties, 'input.duties', DUTIES_MAX);
    return inTransaction(this.db, CONSTRAINTS, async (m) => {
      const grid = await gridOf(m, input.gridId, 'input.gridId');
      const resident = input.residentId ? await residentOf(m, input.residentId, 'input.residentId') : null;
      if (!resident && input.role !== LeaderRole.WORKER) throw badInput('input.residentId', 'a LEADER or DEPUTY is a resident');
      const name = resident?.name ?? text(input.name, 'input.name', NAME_MAX);
      if (resident && input.role === LeaderRole.LEADER) await this.checkRule(m, grid, resident);
      if (resident) {
        const [serving] = await m.query(`SELECT 1 FROM grid_leader WHERE grid_id = $1 AND resident_id = $2 AND until IS NULL`, [
          grid.id,
          resident.id,
        ]);
        if (serving) throw badInput('input.residentId', 'already serves this grid');
      }
      if (input.role === LeaderRole.LEADER)
        await m.query(`UPDATE grid_leader SET until = greatest(since, $2::date) WHERE grid_id = $1 AND role = 'LEADER' AND until IS NULL`, [
          grid.id,
          since,
        ]);
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO grid_leader (grid_id, resident_id, name, role, since, publish_contact, office_phone, duties)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [grid.id, resident?.id ?? null, name, input.role, since, Boolean(resident && input.publishContact), officePhone, duties],
      );
      if (resident) await this.followAccounts(m, viewer, resident.id, grid, 'appointed');
      return (await m.getRepository(GridLeader).findOneBy({ id }))!;
    });
  }

  /** Ends an appointment on `until` (default today); the appointee's accounts stop leading the grid. */
  async end(viewer: Viewer, id: string, until?: string | null): Promise<GridLeader> {
    requireCan(viewer, 'MANAGE_PARTY');
    const day = isoDate(until, 'until');
    return inTransaction(this.db, CONSTRAINTS, async (m) => {
      const leader = await m.getRepository(GridLeader).findOneBy({ id: uuid(id, 'id') });
      if (!leader || leader.until) throw notFound('GridLeader', id);
      if (day < leader.since) throw badInput('until', `must be on or after ${leader.since}`);
      await m.query(`UPDATE grid_leader SET until = $2 WHERE id = $1`, [leader.id, day]);
      if (leader.residentId) await this.followAccounts(m, viewer, leader.residentId, await gridOf(m, leader.gridId, 'id'), 'ended');
      return (await m.getRepository(GridLeader).findOneBy({ id: leader.id }))!;
    });
  }

  /** Changes what the posts board shows of a current appointment: the consent to publish the phone, the office number, the duties. */
  async updatePost(viewer: Viewer, id: string, input: UpdateGridLeaderInput): Promise<GridLeader> {
    requireCan(viewer, 'MANAGE_PARTY');
    const officePhone = optionalPhone(input.officePhone, 'input.officePhone');
    const duties = input.duties == null ? undefined : optionalText(input.duties, 'input.duties', DUTIES_MAX);
    return inTransaction(this.db, CONSTRAINTS, async (m) => {
      const leader = await m.getRepository(GridLeader).findOneBy({ id: uuid(id, 'id') });
      if (!leader || leader.until) throw notFound('GridLeader', id);
      if (input.publishContact && !leader.residentId)
        throw badInput('input.publishContact', 'only an appointed resident has a phone to publish; give an office number');
      await m.query(
        `UPDATE grid_leader SET publish_contact = coalesce($2, publish_contact),
                office_phone = CASE WHEN $3::boolean THEN $4 ELSE office_phone END,
                duties = CASE WHEN $5::boolean THEN $6 ELSE duties END WHERE id = $1`,
        [leader.id, input.publishContact ?? null, officePhone !== undefined, officePhone ?? null, duties !== undefined, duties ?? null],
      );
      return (await m.getRepository(GridLeader).findOneBy({ id: leader.id }))!;
    });
  }

  private async checkRule(m: EntityManager, grid: GridRow, r: ResidentRow): Promise<void> {
    const { rule, text: says } = LEADER_RULES[grid.level];
    let ok: boolean;
    if (grid.level === 'LARGE') {
      const [org] = await m.query(
        `SELECT 1 FROM party_organization WHERE grid_id = $1 AND level = 'COMMUNITY' AND dissolved_at IS NULL AND secretary_id = $2`,
        [grid.id, r.id],
      );
      ok = Boolean(org);
    } else if (grid.level === 'MEDIUM') ok = livesIn(r, grid.path) && (isPartyMember(r) || r.is_owners_committee_head);
    else ok = livesIn(r, grid.path) && (isPartyMember(r) || r.is_retired_cadre);
    if (!ok) throw badInput('input.residentId', `breaks the rule ${rule}: ${says}`, { rule });
  }

  /**
   * The accounts of the resident lead the grids of their current appointments: `appointed`
   * adds the grid (a RESIDENT's or VOLUNTEER's account becomes a GRID_LEADER's), `ended`
   * removes it unless another current appointment holds it (with no grid left, a
   * GRID_LEADER account linked to a resident is a RESIDENT's again). Each change is audited.
   */
  private async followAccounts(m: EntityManager, viewer: Viewer, residentId: string, grid: GridRow, what: 'appointed' | 'ended') {
    const accounts: { id: string; login: string; role: string }[] = await m.query(
      `SELECT id, login, role FROM app_user WHERE resident_id = $1 AND NOT disabled`,
      [residentId],
    );
    const actor = { label: actorLabel(viewer), userId: viewer.kind === 'user' ? viewer.id : null };
    for (const a of accounts) {
      if (what === 'appointed') {
        await m.query(`INSERT INTO user_grid (user_id, grid_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [a.id, grid.id]);
        if (a.role === 'RESIDENT' || a.role === 'VOLUNTEER')
          await m.query(`UPDATE app_user SET role = 'GRID_LEADER' WHERE id = $1`, [a.id]);
      } else {
        const [still] = await m.query(`SELECT 1 FROM grid_leader WHERE grid_id = $1 AND resident_id = $2 AND until IS NULL`, [
          grid.id,
          residentId,
        ]);
        if (still) continue;
        await m.query(`DELETE FROM user_grid WHERE user_id = $1 AND grid_id = $2`, [a.id, grid.id]);
        const [left] = await m.query(`SELECT 1 FROM user_grid WHERE user_id = $1`, [a.id]);
        if (!left && a.role === 'GRID_LEADER') await m.query(`UPDATE app_user SET role = 'RESIDENT' WHERE id = $1`, [a.id]);
      }
      const [now]: { role: string }[] = await m.query(`SELECT role FROM app_user WHERE id = $1`, [a.id]);
      await audit(
        m,
        actor,
        'ROLE_CHANGED',
        a.id,
        { login: a.login, from: a.role, role: now.role, grid: grid.code, [what]: true },
        `grid leader ${what}: ${grid.code}`,
      );
    }
  }
}
