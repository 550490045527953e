import { elevated } from '../../../platform/db/session';
import type { Db } from '../../../platform/db/session';
import type { EntityManager } from 'typeorm';
import { badInput, notFound, outOfReach } from '../../../platform/graphql/errors';
import { pageSize } from '../../../platform/graphql/connection';
import { inTransaction } from '../../../platform/graphql/transaction';
import type { Actor } from '../../../platform/identity/actor';
import { appendServiceEvent } from '../service.events';
import type { ActivityInput } from './team.input';
import { allow, intIn, requireInPaths, text } from '../service.rules';
import { checkOwner, SERVICE_CONSTRAINT_FIELDS, UUID } from '../service.service';
import { ActivitySignup, TeamActivity, VolunteerTeam } from './team.entity';

const TEAM_CONSTRAINT_FIELDS = {
  ...SERVICE_CONSTRAINT_FIELDS,
  volunteer_team_community_id_fkey: 'communityId',
  volunteer_team_community_id_name_key: 'name',
  team_member_pkey: 'registrationId',
  team_member_registration_id_fkey: 'registrationId',
  team_member_team_id_fkey: 'teamId',
  team_activity_team_id_fkey: 'input.teamId',
  activity_signup_pkey: 'registrationId',
  activity_signup_registration_id_fkey: 'registrationId',
};

/**
 * A grid leader manages the teams of a community only when it lies inside the grids they
 * lead (`paths` null: anywhere). `ref` is a community, team or activity id.
 */
async function requireCommunityIn(
  m: EntityManager,
  ref: { communityId?: string; teamId?: string; activityId?: string },
  paths: string[] | null,
  what: string,
): Promise<void> {
  if (paths === null) return;
  const [row] = await m.query(
    `SELECT g.path::text AS path FROM grid g
      WHERE g.id = coalesce($1::uuid,
                            (SELECT community_id FROM volunteer_team
                              WHERE id = coalesce($2::uuid, (SELECT team_id FROM team_activity WHERE id = $3::uuid))))`,
    [ref.communityId ?? null, ref.teamId ?? null, ref.activityId ?? null],
  );
  if (!row)
    throw outOfReach(
      ref.communityId ? 'communityId' : ref.teamId ? 'teamId' : 'activityId',
      ref.communityId ? 'community' : ref.teamId ? 'team' : 'activity',
    );
  requireInPaths(paths, row.path, what);
}

/**
 * 志愿服务队 — teams, members, activities with sign-ups up to capacity, attendance and
 * hours. Managing (teams, members, activities, attendance) is for the community's leaders:
 * each method takes the caller's led `paths` (null: no limit).
 */
export class TeamService {
  constructor(private readonly ds: Db) {}

  async createTeam(communityId: string, name: string, kind: string, actor: Actor, paths: string[] | null = null): Promise<VolunteerTeam> {
    allow(actor, 'MANAGE_TEAM');
    if (!UUID.test(communityId)) throw badInput('communityId', 'is not an id');
    const teamName = text(name, 'name', 100);
    const teamKind = text(kind, 'kind', 50);
    return inTransaction(this.ds, TEAM_CONSTRAINT_FIELDS, async (m) => {
      await requireCommunityIn(m, { communityId }, paths, 'manage the teams of a community');
      const [g] = await m.query(`SELECT level FROM grid WHERE id = $1`, [communityId]);
      if (!g || g.level !== 'LARGE') throw badInput('communityId', 'must be a community (a LARGE grid)');
      const [skill] = await m.query(`SELECT 1 FROM service_skill WHERE code = $1`, [teamKind]);
      if (!skill) throw badInput('kind', 'is not a skill code (see serviceSkills)');
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO volunteer_team (community_id, name, kind) VALUES ($1, $2, $3) RETURNING id`,
        [communityId, teamName, teamKind],
      );
      await appendServiceEvent(m, 'TEAM', row.id, 'CREATED', actor);
      return m.getRepository(VolunteerTeam).findOneByOrFail({ id: row.id });
    });
  }

  async addMember(teamId: string, registrationId: string, actor: Actor, paths: string[] | null = null): Promise<VolunteerTeam> {
    allow(actor, 'MANAGE_TEAM');
    if (!UUID.test(teamId)) throw notFound('VolunteerTeam', teamId);
    if (!UUID.test(registrationId)) throw badInput('registrationId', 'is not an id');
    return inTransaction(this.ds, TEAM_CONSTRAINT_FIELDS, async (m) => {
      const team = await m.getRepository(VolunteerTeam).findOneBy({ id: teamId });
      if (!team) throw notFound('VolunteerTeam', teamId);
      await requireCommunityIn(m, { teamId }, paths, 'manage the teams of a community');
      await m.query(`INSERT INTO team_member (team_id, registration_id) VALUES ($1, $2)`, [teamId, registrationId]);
      await appendServiceEvent(m, 'TEAM', teamId, 'MEMBER_ADDED', actor, null, { registrationId });
      return team;
    });
  }

  async createActivity(input: ActivityInput, actor: Actor, paths: string[] | null = null): Promise<TeamActivity> {
    allow(actor, 'MANAGE_TEAM');
    if (!UUID.test(input.teamId)) throw badInput('input.teamId', 'is not an id');
    const title = text(input.title, 'input.title', 200);
    const place = text(input.place, 'input.place', 200);
    intIn(input.capacity, 'input.capacity', 1, 10_000);
    if (!(input.endsAt.getTime() > input.startsAt.getTime())) throw badInput('input.endsAt', 'must be after startsAt');
    return inTransaction(this.ds, TEAM_CONSTRAINT_FIELDS, async (m) => {
      await requireCommunityIn(m, { teamId: input.teamId }, paths, 'manage the teams of a community');
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO team_activity (team_id, title, place, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [input.teamId, title, place, input.startsAt, input.endsAt, input.capacity],
      );
      await appendServiceEvent(m, 'ACTIVITY', row.id, 'CREATED', actor);
      return m.getRepository(TeamActivity).findOneByOrFail({ id: row.id });
    });
  }

  /** Signs a helper up; the activity row is locked so concurrent sign-ups never pass capacity. */
  async signUp(activityId: string, registrationId: string, actor: Actor, asUser: string | null = null): Promise<ActivitySignup> {
    allow(actor, 'SIGN_UP');
    if (!UUID.test(activityId)) throw notFound('TeamActivity', activityId);
    if (!UUID.test(registrationId)) throw badInput('registrationId', 'is not an id');
    return inTransaction(this.ds, TEAM_CONSTRAINT_FIELDS, async (m) => {
      // Sign-ups to one activity queue on its row (a helper may read activities, not lock them)
      // and count every sign-up, not only those the caller sees.
      const activity = await elevated(m, () =>
        m.getRepository(TeamActivity).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id: activityId }).getOne(),
      );
      if (!activity) throw notFound('TeamActivity', activityId);
      await checkOwner(m, registrationId, asUser);
      const [{ n } = { n: 0 }] = await m.query(`SELECT n FROM activity_signup_counts(ARRAY[$1]::uuid[])`, [activityId]);
      if (n >= activity.capacity) throw badInput('activityId', `is full (${activity.capacity} places)`);
      await m.query(`INSERT INTO activity_signup (activity_id, registration_id) VALUES ($1, $2)`, [activityId, registrationId]);
      await appendServiceEvent(m, 'ACTIVITY', activityId, 'SIGNED_UP', actor, null, { registrationId });
      return m.getRepository(ActivitySignup).findOneByOrFail({ activityId, registrationId });
    });
  }

  /** Records attendance; attended with hours adds a service record (服务时长). */
  async recordAttendance(
    activityId: string,
    registrationId: string,
    attended: boolean,
    hours: number | null,
    actor: Actor,
    paths: string[] | null = null,
  ): Promise<ActivitySignup> {
    allow(actor, 'RECORD_ATTENDANCE');
    if (!UUID.test(activityId)) throw notFound('TeamActivity', activityId);
    if (!UUID.test(registrationId)) throw badInput('registrationId', 'is not an id');
    if (attended && (hours == null || !(hours > 0) || hours > 24))
      throw badInput('hours', 'attended: give hours, more than 0 and at most 24');
    if (!attended && hours != null) throw badInput('hours', 'only for someone who attended');
    return inTransaction(this.ds, TEAM_CONSTRAINT_FIELDS, async (m) => {
      await requireCommunityIn(m, { activityId }, paths, 'record attendance for a community');
      const [[row]]: [{ activity_id: string }[], number] = await m.query(
        `UPDATE activity_signup SET attended = $3, hours = $4 WHERE activity_id = $1 AND registration_id = $2 RETURNING activity_id`,
        [activityId, registrationId, attended, hours],
      );
      if (!row) throw badInput('registrationId', 'did not sign up for this activity');
      await m.query(`DELETE FROM service_record WHERE activity_id = $1 AND registration_id = $2`, [activityId, registrationId]);
      if (attended)
        await m.query(`INSERT INTO service_record (registration_id, activity_id, hours) VALUES ($1, $2, $3)`, [
          registrationId,
          activityId,
          hours,
        ]);
      await appendServiceEvent(m, 'ACTIVITY', activityId, attended ? 'ATTENDED' : 'ABSENT', actor, null, { registrationId, hours });
      return m.getRepository(ActivitySignup).findOneByOrFail({ activityId, registrationId });
    });
  }

  /** 活动 — a community's activities ending after `from`, soonest first, with the team's name. */
  async activities(communityId: string, from: Date, first?: number | null): Promise<(TeamActivity & { teamName: string })[]> {
    if (!UUID.test(communityId)) throw badInput('communityId', 'is not an id');
    const rows: (TeamActivity & { teamName: string })[] = await this.ds.query(
      `SELECT a.id, a.team_id AS "teamId", a.title, a.place, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.capacity,
              t.name AS "teamName"
         FROM team_activity a JOIN volunteer_team t ON t.id = a.team_id
        WHERE t.community_id = $1 AND a.ends_at > $2 ORDER BY a.starts_at, a.id LIMIT $3`,
      [communityId, from, pageSize(first)],
    );
    return rows.map((r) => Object.assign(new TeamActivity(), r));
  }

  teams(communityId: string): Promise<VolunteerTeam[]> {
    if (!UUID.test(communityId)) throw badInput('communityId', 'is not an id');
    return this.ds.getRepository(VolunteerTeam).find({ where: { communityId }, order: { name: 'ASC' } });
  }
}
