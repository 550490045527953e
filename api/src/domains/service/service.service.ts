import type { Db } from '../../platform/db/session';
import { elevated } from '../../platform/db/session';
import type { EntityManager } from 'typeorm';
import { paginate, type ConnectionShape } from '../../platform/graphql/connection';
import { badInput, conflict, forbidden, missing, notFound, outOfReach } from '../../platform/graphql/errors';
import { checkLngLat } from '../../platform/graphql/spatial-args';
import { UUID } from '../../platform/graphql/validate';
import { inTransaction } from '../../platform/graphql/transaction';
import type { Actor } from '../../platform/identity/actor';
import {
  NeedSource,
  NeedStatus,
  RegistrationKind,
  ServiceNeed,
  ServiceRegistration,
  ServiceSkill,
  type WeeklyWindow,
} from './service.entity';
import { appendServiceEvent } from './service.events';
import type { NeedInput, RegistrationInput, VisitNeedInput } from './service.input';
import type { Scope } from '../../platform/identity/scope';
import { allow, checkWindow, householdFor, type HouseholdReach, intIn, optionalText, requireInPaths, text } from './service.rules';

/** The validation kit's id pattern, under the name the service modules import from here. */
export { UUID } from '../../platform/graphql/validate';

export const SERVICE_CONSTRAINT_FIELDS: Record<string, string> = {
  service_registration_unit_id_fkey: 'input.unitId',
  service_registration_community_id_fkey: 'input.communityId',
  service_registration_household_id_fkey: 'input.householdId',
  service_need_household_id_fkey: 'input.householdId',
  service_need_type_fkey: 'input.type',
  service_availability_pkey: 'input.availability',
};

export interface NeedFilter {
  gridId?: string | null;
  status?: NeedStatus | null;
  type?: string | null;
  first?: number | null;
  after?: string | null;
}

/** 双报到 and the needs list: registrations with their availability, and household needs. */
export class ServiceService {
  constructor(private readonly ds: Db) {}

  skills(): Promise<ServiceSkill[]> {
    return this.ds.getRepository(ServiceSkill).find({ order: { sort: 'ASC' } });
  }

  /**
   * Registers a member, volunteer or unit with a community. Everything is checked before
   * anything is written. `owner`: the volunteer account registering itself (it owns the
   * registration; with neither a household nor a point it starts from its own household);
   * without a community the one the starting point lies in is taken. `paths`: a leader
   * registering a unit, who may name only the community they work in.
   */
  async register(
    input: RegistrationInput,
    actor: Actor,
    owner: { userId: string; householdId: string | null } | null = null,
    paths: string[] | null = null,
  ): Promise<ServiceRegistration> {
    allow(actor, 'REGISTER');
    const name = text(input.name, 'input.name', 200);
    const unitName = optionalText(input.unitName, 'input.unitName', 200);
    if (input.kind === RegistrationKind.UNIT && input.unitId != null)
      throw badInput('input.unitId', 'a unit does not belong to another unit');
    if (input.unitId != null && !UUID.test(input.unitId)) throw badInput('input.unitId', 'is not an id');
    if (input.communityId != null && !UUID.test(input.communityId)) throw badInput('input.communityId', 'is not an id');
    if (input.householdId != null && !UUID.test(input.householdId)) throw badInput('input.householdId', 'is not an id');
    // A volunteer registering themselves with neither starts from their own home.
    const householdId = input.householdId ?? (input.lng == null && input.lat == null ? (owner?.householdId ?? null) : null);
    if (householdId == null) {
      if (input.lng == null || input.lat == null) throw badInput('input.lng', 'give a householdId or a point (lng, lat)');
      checkLngLat(input.lng, input.lat, 'input');
    }
    const skills = [...new Set(input.skills)];
    if (!skills.length) throw badInput('input.skills', 'at least one skill');
    const willServe = [...new Set(input.willServe ?? [])];
    intIn(input.radiusM, 'input.radiusM', 50, 50_000);
    intIn(input.weeklyCapacity, 'input.weeklyCapacity', 0, 50);
    if (!input.availability.length || input.availability.length > 28) throw badInput('input.availability', 'give 1 to 28 weekly windows');
    input.availability.forEach((w, i) => checkWindow(w, `input.availability.${i}`));

    return inTransaction(this.ds, SERVICE_CONSTRAINT_FIELDS, async (m) => {
      await checkSkills(m, skills, 'input.skills');
      const unknownWill = willServe.filter((s) => !skills.includes(s));
      if (unknownWill.length) throw badInput('input.willServe', `must be among the registration's skills (not ${unknownWill.join(', ')})`);
      if (input.unitId != null) {
        const [unit] = await m.query(`SELECT kind FROM service_registration WHERE id = $1`, [input.unitId]);
        if (!unit || unit.kind !== RegistrationKind.UNIT) throw badInput('input.unitId', 'must be a UNIT registration');
      }
      let point: [number, number];
      if (householdId != null) {
        const [h] = await m.query(
          `SELECT ST_X(b.centroid) AS lng, ST_Y(b.centroid) AS lat
             FROM household h JOIN building b ON b.id = h.building_id WHERE h.id = $1`,
          [householdId],
        );
        // Street staff register from any household (owner and paths null); a volunteer or leader only from one they see.
        if (!h) throw missing('input.householdId', 'household', owner === null && paths === null);
        point = [h.lng, h.lat];
      } else point = [input.lng as number, input.lat as number];
      let communityId = input.communityId ?? null;
      // Which community a point lies in, and whether an id is a community, are the street's map, not the caller's view of it.
      if (communityId == null) {
        const [found] = await elevated(m, () =>
          m.query(
            `SELECT id FROM grid
              WHERE level = 'LARGE' AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY code LIMIT 1`,
            point,
          ),
        );
        if (!found) throw badInput('input.communityId', 'the starting point lies in no community: give the community');
        communityId = found.id as string;
      }
      const [community] = await elevated(m, () => m.query(`SELECT level, path::text AS path FROM grid WHERE id = $1`, [communityId]));
      if (!community || community.level !== 'LARGE') throw badInput('input.communityId', 'must be a community (a LARGE grid)');
      // A leader registers units with the community they work in (on the path to or under their grids).
      if (paths && !paths.some((p) => p === community.path || p.startsWith(`${community.path}.`) || community.path.startsWith(`${p}.`))) {
        throw forbidden('you may register only with the community you work in');
      }
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO service_registration (kind, name, unit_name, unit_id, community_id, household_id, location, skills, will_serve,
                                          radius_m, weekly_capacity, user_id)
         VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326), $9, $10, $11, $12, $13) RETURNING id`,
        [
          input.kind,
          name,
          unitName,
          input.unitId ?? null,
          communityId,
          householdId,
          point[0],
          point[1],
          skills,
          willServe,
          input.radiusM,
          input.weeklyCapacity,
          owner?.userId ?? null,
        ],
      );
      await writeAvailability(m, row.id, input.availability);
      await appendServiceEvent(m, 'REGISTRATION', row.id, 'REGISTERED', actor, null, { kind: input.kind, skills });
      return m.getRepository(ServiceRegistration).findOneByOrFail({ id: row.id });
    });
  }

  /** The resources list (资源清单): the registrations the viewer may see (Scope), by community and skill. */
  registrations(
    args: { communityId?: string | null; skill?: string | null; first?: number | null; after?: string | null },
    scope: Scope,
  ): Promise<ConnectionShape<ServiceRegistration>> {
    scope.requireSignedIn();
    const visible = scope.where('ServiceRegistration', 'r');
    const qb = this.ds.getRepository(ServiceRegistration).createQueryBuilder('r').where('r.active').andWhere(visible.sql, visible.params);
    if (args.communityId != null) {
      if (!UUID.test(args.communityId)) throw badInput('communityId', 'is not an id');
      qb.andWhere('r.community_id = :c', { c: args.communityId });
    }
    if (args.skill != null) qb.andWhere(':skill = ANY(r.skills)', { skill: args.skill });
    return paginate(qb, 'r.id', (r) => r.id, args);
  }

  /** Adds a need to the needs list (需求清单), at the household's building. */
  async raiseNeed(input: NeedInput, actor: Actor, reach: HouseholdReach = { kind: 'any' }): Promise<ServiceNeed> {
    allow(actor, 'RAISE_NEED');
    const householdId = householdFor(input.householdId, reach, 'input.householdId');
    if (!UUID.test(householdId)) throw badInput('input.householdId', 'is not an id');
    const fields = checkNeed(input, 'input');
    return inTransaction(this.ds, SERVICE_CONSTRAINT_FIELDS, async (m) => {
      await requireHouseholdIn(m, householdId, reach, 'raise a need');
      const id = await insertNeed(m, householdId, input.source, fields, null, 'input');
      await appendServiceEvent(m, 'NEED', id, 'RAISED', actor, fields.notes, { type: fields.type, source: input.source });
      return m.getRepository(ServiceNeed).findOneByOrFail({ id });
    });
  }

  async cancelNeed(
    id: string,
    version: number,
    actor: Actor,
    reason: string,
    reach: HouseholdReach = { kind: 'any' },
  ): Promise<ServiceNeed> {
    allow(actor, 'CANCEL_NEED');
    const why = text(reason, 'reason', 1000);
    if (!UUID.test(id)) throw notFound('ServiceNeed', id);
    return inTransaction(this.ds, SERVICE_CONSTRAINT_FIELDS, async (m) => {
      const need = await m
        .getRepository(ServiceNeed)
        .createQueryBuilder('n')
        .setLock('pessimistic_write')
        .where('n.id = :id', { id })
        .getOne();
      if (!need) throw notFound('ServiceNeed', id);
      await requireHouseholdIn(m, need.householdId, reach, 'cancel a need');
      if (need.version !== version) throw conflict('ServiceNeed', id, version, need.version);
      if (need.status === NeedStatus.DONE || need.status === NeedStatus.CANCELLED)
        throw badInput('id', `a ${need.status} need cannot be cancelled`);
      await m.query(`UPDATE service_need SET status = 'CANCELLED', version = version + 1 WHERE id = $1`, [id]);
      await m.query(
        `UPDATE service_match SET status = 'REJECTED', version = version + 1
          WHERE need_id = $1 AND status IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED')`,
        [id],
      );
      await appendServiceEvent(m, 'NEED', id, 'CANCELLED', actor, why);
      return m.getRepository(ServiceNeed).findOneByOrFail({ id });
    });
  }

  /** The needs list of a grid's subtree, oldest first. */
  async needs(filter: NeedFilter, scope: Scope): Promise<ConnectionShape<ServiceNeed>> {
    scope.requireSignedIn();
    const visible = scope.where('ServiceNeed', 'n');
    const qb = this.ds.getRepository(ServiceNeed).createQueryBuilder('n').where(visible.sql, visible.params);
    if (filter.gridId != null) {
      if (!UUID.test(filter.gridId)) throw badInput('gridId', 'is not an id');
      qb.andWhere('n.grid_path <@ (SELECT path FROM grid WHERE id = :g)', { g: filter.gridId });
    }
    if (filter.status != null) qb.andWhere('n.status = :s', { s: filter.status });
    if (filter.type != null) qb.andWhere('n.type = :t', { t: filter.type });
    return paginate(qb, 'n.seq', (n) => n.seq, filter);
  }
}

export interface CheckedNeed {
  type: string;
  urgency: string;
  window: WeeklyWindow;
  durationMinutes: number;
  recurrence: string;
  notes: string | null;
}

/**
 * Validates a need's own fields (not the household) under `prefix`; a duration given must fit
 * in the window (absent: an hour, or the window when shorter).
 */
export function checkNeed(input: NeedInput | VisitNeedInput, prefix: string): CheckedNeed {
  text(input.type, `${prefix}.type`, 50);
  checkWindow(input.window, `${prefix}.window`);
  const windowMinutes = input.window.endMinute - input.window.startMinute;
  const durationMinutes = input.durationMinutes ?? Math.min(60, windowMinutes);
  if (input.durationMinutes != null) {
    intIn(durationMinutes, `${prefix}.durationMinutes`, 15, 720);
    if (durationMinutes > windowMinutes) throw badInput(`${prefix}.durationMinutes`, 'must fit in the window');
  }
  return {
    type: input.type,
    urgency: input.urgency,
    window: input.window,
    durationMinutes,
    recurrence: input.recurrence,
    notes: optionalText(input.notes, `${prefix}.notes`, 2000),
  };
}

/** Writes a need at the household's building; the type must be a skill code. */
export async function insertNeed(
  m: EntityManager,
  householdId: string,
  source: NeedSource,
  need: CheckedNeed,
  visitId: string | null,
  prefix: string,
): Promise<string> {
  await checkSkills(m, [need.type], `${prefix}.type`);
  const [row]: { id: string }[] = await m.query(
    `INSERT INTO service_need (household_id, grid_id, grid_path, location, type, urgency, source, weekday, start_minute, end_minute,
                               recurrence, notes, visit_id, duration_minutes)
     SELECT h.id, g.id, g.path, b.centroid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
       FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id
      WHERE h.id = $1
     RETURNING id`,
    [
      householdId,
      need.type,
      need.urgency,
      source,
      need.window.weekday,
      need.window.startMinute,
      need.window.endMinute,
      need.recurrence,
      need.notes,
      visitId,
      need.durationMinutes,
    ],
  );
  if (!row) throw badInput('input.householdId', 'no such household');
  return row.id;
}

/**
 * FORBIDDEN unless the caller may act for the household (see householdReach): a leader inside
 * the grids they lead, a resident or volunteer for their own.
 */
export async function requireHouseholdIn(m: EntityManager, householdId: string, r: HouseholdReach, what: string): Promise<void> {
  if (r.kind === 'any') return;
  if (r.kind === 'own') {
    if (r.householdId !== householdId) throw forbidden(`you may ${what} only for your own household`);
    return;
  }
  const [h] = await m.query(
    `SELECT g.path::text AS path FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id WHERE h.id = $1`,
    [householdId],
  );
  if (!h) throw outOfReach('input.householdId', 'household');
  requireInPaths(r.paths, h.path, what);
}

/**
 * A volunteer account may act only for its own registration (`userId` null: staff, who
 * act on anyone's behalf). Nothing is written before this holds.
 */
export async function checkOwner(m: EntityManager, registrationId: string, userId: string | null): Promise<void> {
  if (userId === null) return;
  const [row] = await m.query(`SELECT user_id FROM service_registration WHERE id = $1`, [registrationId]);
  if (!row) throw outOfReach('registrationId', 'registration');
  if (row.user_id !== userId) throw forbidden('this registration belongs to another account');
}

async function checkSkills(m: EntityManager, codes: string[], field: string): Promise<void> {
  const rows: { code: string }[] = await m.query(`SELECT code FROM service_skill WHERE code = ANY($1)`, [codes]);
  const known = new Set(rows.map((r) => r.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw badInput(field, `not skill codes (see serviceSkills): ${unknown.join(', ')}`);
}

async function writeAvailability(m: EntityManager, registrationId: string, windows: WeeklyWindow[]): Promise<void> {
  await m.query(
    `INSERT INTO service_availability (registration_id, weekday, start_minute, end_minute)
     SELECT $1, * FROM unnest($2::smallint[], $3::smallint[], $4::smallint[])`,
    [registrationId, windows.map((w) => w.weekday), windows.map((w) => w.startMinute), windows.map((w) => w.endMinute)],
  );
}
