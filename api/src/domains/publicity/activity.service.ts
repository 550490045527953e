import type { EntityManager } from 'typeorm';
import { elevated, type Db } from '../../platform/db/session';
import { badInput, conflict, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { intIn, isUuid, optionalText, text, uuid } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import type { Scope } from '../../platform/identity/scope';
import { actorLabel } from '../../platform/identity/viewer';
import { CONCERNS, GRID_JSON, PUBLICITY_CONSTRAINT_FIELDS, status, versionArg, writableGrid } from './publicity.rules';
import {
  type ActivityParticipant,
  type CommunityActivity,
  type CommunityActivityInput,
  CommunityActivityKind,
  PublicationStatus,
} from './publicity.type';

const COLUMNS = `a.id, ${GRID_JSON('g')} AS grid, a.kind, a.title, a.description, a.place, a.starts_at AS "startsAt",
  a.ends_at AS "endsAt", a.capacity, a.status, a.version`;
const FROM = `community_activity a JOIN public_grid g ON g.id = a.grid_id`;
/** A sign-up's columns, with the service hours its attendance credited (read through the caller's policies, as the hours are). */
export const PARTICIPANT_COLUMNS = `activity_id AS "activityId", user_id AS "userId", name, people, signed_up_at AS "signedUpAt", attended,
  (SELECT sum(r.hours)::float8 FROM service_record r JOIN service_registration sr ON sr.id = r.registration_id
    WHERE r.community_activity_id = community_activity_signup.activity_id
      AND sr.user_id = community_activity_signup.user_id) AS "serviceHours"`;
const KINDS = new Set<string>(Object.values(CommunityActivityKind));
const YEAR_MS = 366 * 86_400_000;
const HOUR_MS = 3_600_000;
/** The most hours one service record holds (service_record's check). */
const MAX_RECORD_HOURS = 24;

function clean(input: CommunityActivityInput) {
  const gridId = uuid(input.gridId, 'input.gridId');
  if (!KINDS.has(input.kind)) throw badInput('input.kind', `must be one of ${[...KINDS].join(', ')}`);
  const title = text(input.title, 'input.title', 100);
  const description = optionalText(input.description, 'input.description', 2000);
  const place = text(input.place, 'input.place', 200);
  const starts = input.startsAt instanceof Date ? input.startsAt.getTime() : NaN;
  const ends = input.endsAt instanceof Date ? input.endsAt.getTime() : NaN;
  if (!Number.isFinite(starts)) throw badInput('input.startsAt', 'is not a time');
  if (!Number.isFinite(ends) || ends <= starts) throw badInput('input.endsAt', 'must be after startsAt');
  if (ends - starts > YEAR_MS) throw badInput('input.endsAt', 'an activity lasts at most a year');
  const capacity = intIn(input.capacity, 'input.capacity', 1, 10_000);
  const st = status(input.status, 'input.status');
  return { gridId, kind: input.kind, title, description, place, startsAt: input.startsAt, endsAt: input.endsAt, capacity, status: st };
}

/**
 * 惠民活动 — community activities (mobile library, circuit court, free clinic, sports,
 * parent-child games) of a community, compound or building grid. Managed like notices; the
 * residents of the grid see the published ones and sign up. Sign-ups to one activity queue on
 * its row, so capacity holds under concurrency; attendance is recorded per person by its managers.
 */
export class ActivityService {
  constructor(private readonly db: Db) {}

  /** Activities the caller sees, not over before `from` (default now), soonest first; all, or those concerning a grid. */
  async list(scope: Scope, gridId: string | null | undefined, from: Date | null | undefined): Promise<CommunityActivity[]> {
    scope.requireSignedIn();
    if (gridId != null) uuid(gridId, 'gridId');
    if (from != null && !Number.isFinite(from.getTime())) throw badInput('from', 'is not a time');
    return this.db.query(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE ${CONCERNS('a')}
          AND a.ends_at > $2
        ORDER BY a.starts_at, a.id LIMIT 200`,
      [gridId ?? null, from ?? new Date()],
    );
  }

  async create(scope: Scope, input: CommunityActivityInput): Promise<CommunityActivity> {
    requireCan(scope.viewer, 'PUBLICITY');
    const c = clean(input);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const grid = await writableGrid(m, scope, c.gridId, 'input.gridId');
      const [{ id }] = await m.query(
        `INSERT INTO community_activity (grid_id, grid_path, kind, title, description, place, starts_at, ends_at, capacity, status)
         VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [grid.id, grid.path, c.kind, c.title, c.description, c.place, c.startsAt, c.endsAt, c.capacity, c.status],
      );
      return this.read(m, id);
    });
  }

  async update(scope: Scope, id: string, version: number, input: CommunityActivityInput): Promise<CommunityActivity> {
    requireCan(scope.viewer, 'PUBLICITY');
    if (!isUuid(id)) throw notFound('CommunityActivity', id);
    const expected = versionArg(version);
    const c = clean(input);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const [row] = await m.query(`SELECT grid_path::text AS path, version FROM community_activity WHERE id = $1`, [id]);
      if (!row) throw notFound('CommunityActivity', id);
      requireCan(scope.viewer, 'PUBLICITY', { path: row.path });
      if (row.version !== expected) throw conflict('CommunityActivity', id, expected, row.version);
      const grid = await writableGrid(m, scope, c.gridId, 'input.gridId');
      const [{ n }] = await m.query(`SELECT coalesce(sum(n), 0)::int AS n FROM community_activity_counts(ARRAY[$1]::uuid[])`, [id]);
      if (c.capacity < n) throw badInput('input.capacity', `${n} places are taken: the capacity cannot be less`);
      const [updated]: [{ id: string }[], number] = await m.query(
        `UPDATE community_activity SET grid_id = $2, grid_path = $3::ltree, kind = $4, title = $5, description = $6, place = $7,
                starts_at = $8, ends_at = $9, capacity = $10, status = $11, version = version + 1
          WHERE id = $1 AND version = $12 RETURNING id`,
        [id, grid.id, grid.path, c.kind, c.title, c.description, c.place, c.startsAt, c.endsAt, c.capacity, c.status, expected],
      );
      if (!updated.length) throw conflict('CommunityActivity', id, expected, expected + 1);
      return this.read(m, id);
    });
  }

  /**
   * Signs the caller (and `people − 1` of their household) up. The activity's row is locked as
   * the system (a resident may read it, not lock it), so concurrent sign-ups queue and the
   * places taken — counted over every sign-up, not only the caller's — never pass capacity.
   */
  async signUp(scope: Scope, activityId: string, people: number): Promise<ActivityParticipant> {
    requireCan(scope.viewer, 'JOIN_ACTIVITY');
    const v = scope.viewer;
    if (v.kind !== 'user') throw notFound('CommunityActivity', activityId);
    if (!isUuid(activityId)) throw notFound('CommunityActivity', activityId);
    const count = intIn(people, 'people', 1, 10);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const [seen] = await m.query(`SELECT status, ends_at AS "endsAt" FROM community_activity WHERE id = $1`, [activityId]);
      if (!seen) throw notFound('CommunityActivity', activityId);
      if (seen.status !== PublicationStatus.PUBLISHED) throw badInput('activityId', 'is not published yet');
      if (new Date(seen.endsAt).getTime() <= Date.now()) throw badInput('activityId', 'is over');
      const [locked] = await elevated(m, () => m.query(`SELECT capacity FROM community_activity WHERE id = $1 FOR UPDATE`, [activityId]));
      const [mine] = await m.query(`SELECT 1 FROM community_activity_signup WHERE activity_id = $1 AND user_id = $2`, [activityId, v.id]);
      if (mine) throw badInput('activityId', 'you have already signed up');
      const [{ n }] = await m.query(`SELECT coalesce(sum(n), 0)::int AS n FROM community_activity_counts(ARRAY[$1]::uuid[])`, [activityId]);
      if (n + count > locked.capacity)
        throw badInput('activityId', `is full (${locked.capacity} places, ${locked.capacity - n} left)`, {
          placesLeft: locked.capacity - n,
        });
      const [row] = await m.query(
        `INSERT INTO community_activity_signup (activity_id, user_id, household_id, name, people)
         VALUES ($1, $2, $3, coalesce((SELECT display_name FROM app_user WHERE id = $2), $4), $5) RETURNING ${PARTICIPANT_COLUMNS}`,
        [activityId, v.id, v.householdId, actorLabel(v), count],
      );
      return row;
    });
  }

  /** Takes back the caller's own sign-up before the activity starts. */
  async withdraw(scope: Scope, activityId: string): Promise<CommunityActivity> {
    requireCan(scope.viewer, 'JOIN_ACTIVITY');
    const v = scope.viewer;
    if (v.kind !== 'user' || !isUuid(activityId)) throw notFound('CommunityActivity', activityId);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const [seen] = await m.query(`SELECT starts_at AS "startsAt" FROM community_activity WHERE id = $1`, [activityId]);
      if (!seen) throw notFound('CommunityActivity', activityId);
      if (new Date(seen.startsAt).getTime() <= Date.now()) throw badInput('activityId', 'has started: sign-ups stay as they are');
      const [gone]: [unknown[], number] = await m.query(
        `DELETE FROM community_activity_signup WHERE activity_id = $1 AND user_id = $2 RETURNING activity_id`,
        [activityId, v.id],
      );
      if (!gone.length) throw badInput('activityId', 'you have not signed up');
      return this.read(m, activityId);
    });
  }

  /**
   * Attendance of one person who signed up (如志愿服务签到): attended or not, with who recorded it
   * and when. An attendee who is a registered helper (双报到: an active registration with the
   * activity's community) is credited service hours (服务时长) in the same transaction, as a team
   * activity's attendance is: `hours` when given, else the activity's scheduled length
   * (ends − starts; one lasting more than a day needs `hours`). One record per activity and
   * registration: recording again replaces it, recording absence takes it back.
   */
  async recordAttendance(
    scope: Scope,
    activityId: string,
    userId: string,
    attended: boolean,
    hours: number | null = null,
  ): Promise<ActivityParticipant> {
    requireCan(scope.viewer, 'PUBLICITY');
    if (!isUuid(activityId)) throw notFound('CommunityActivity', activityId);
    uuid(userId, 'userId');
    if (typeof attended !== 'boolean') throw badInput('attended', 'must be true or false');
    if (hours != null && !attended) throw badInput('hours', 'only for someone who attended');
    if (hours != null && !(Number.isFinite(hours) && hours > 0 && hours <= MAX_RECORD_HOURS))
      throw badInput('hours', `more than 0 and at most ${MAX_RECORD_HOURS}`);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const [row] = await m.query(
        `SELECT grid_path::text AS path, starts_at AS "startsAt", ends_at AS "endsAt" FROM community_activity WHERE id = $1`,
        [activityId],
      );
      if (!row) throw notFound('CommunityActivity', activityId);
      requireCan(scope.viewer, 'PUBLICITY', { path: row.path });
      const length = (new Date(row.endsAt).getTime() - new Date(row.startsAt).getTime()) / HOUR_MS;
      if (hours != null && hours > length) throw badInput('hours', `at most the activity’s length (${round(length)} h)`);
      const [updated]: [unknown[], number] = await m.query(
        `UPDATE community_activity_signup SET attended = $3, attendance_recorded_by = $4, attendance_recorded_at = now()
          WHERE activity_id = $1 AND user_id = $2 RETURNING activity_id`,
        [activityId, userId, attended, actorLabel(scope.viewer)],
      );
      if (!updated.length) throw badInput('userId', 'did not sign up for this activity');
      await this.creditHours(m, { id: activityId, path: row.path, length }, userId, attended, hours);
      const [participant] = await m.query(
        `SELECT ${PARTICIPANT_COLUMNS} FROM community_activity_signup WHERE activity_id = $1 AND user_id = $2`,
        [activityId, userId],
      );
      return participant;
    });
  }

  /**
   * Replaces the service hours `userId` holds for an activity: none unless they attended, else
   * `hours` (null: the activity's length) on their active registration with the activity's
   * community, the oldest if several. Someone not registered there is credited nothing.
   */
  private async creditHours(
    m: EntityManager,
    activity: { id: string; path: string; length: number },
    userId: string,
    attended: boolean,
    hours: number | null,
  ): Promise<void> {
    await m.query(
      `DELETE FROM service_record WHERE community_activity_id = $1
          AND registration_id IN (SELECT id FROM service_registration WHERE user_id = $2)`,
      [activity.id, userId],
    );
    if (!attended) return;
    const [registration] = await m.query(
      `SELECT r.id FROM service_registration r JOIN public_grid c ON c.id = r.community_id
        WHERE r.user_id = $1 AND r.active AND $2::ltree <@ c.path ORDER BY r.created_at, r.id LIMIT 1`,
      [userId, activity.path],
    );
    if (!registration) return;
    if (hours == null && activity.length > MAX_RECORD_HOURS)
      throw badInput('hours', 'the activity lasts more than a day: give the hours served');
    await m.query(`INSERT INTO service_record (registration_id, community_activity_id, hours) VALUES ($1, $2, $3)`, [
      registration.id,
      activity.id,
      Math.max(0.01, round(hours ?? activity.length)),
    ]);
  }

  private async read(m: EntityManager, id: string): Promise<CommunityActivity> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1`, [id]);
    return row;
  }
}

/** Hours to the hundredth (service_record keeps numeric(5,2)). */
function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}
