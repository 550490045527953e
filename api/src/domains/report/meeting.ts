import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Db } from '../../platform/db/session';
import type { Context } from '../../platform/graphql/context';
import { badInput, forbidden, missing } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { actorLabel } from '../../platform/identity/viewer';
import type { Scope } from '../../platform/identity/scope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@ObjectType({ description: '工作例会 — a work meeting of the street (no community) or of a community' })
export class WorkMeeting {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The community (LARGE grid); null: a street-level meeting' })
  communityId!: string | null;

  @Field({ description: 'The day it was held, YYYY-MM-DD' })
  heldOn!: string;

  @Field()
  title!: string;

  @Field(() => [String])
  attendees!: string[];

  @Field({ description: '议程' })
  agenda!: string;

  @Field({ description: '决定事项' })
  decisions!: string;

  @Field(() => [ID], { description: 'The cases it concerns' })
  caseIds!: string[];
}

@InputType({ description: 'A work meeting to log' })
export class WorkMeetingInput {
  @Field(() => ID, { nullable: true, description: 'The community; absent: a street-level meeting (street staff, with streetId)' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The street of a street-level meeting' })
  streetId?: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  heldOn!: string;

  @Field()
  title!: string;

  @Field(() => [String], { description: '1 to 100 names' })
  attendees!: string[];

  @Field()
  agenda!: string;

  @Field({ defaultValue: '' })
  decisions!: string;

  @Field(() => [ID], { nullable: true, description: 'Cases it concerns (ones you can see; at most 50)' })
  caseIds?: string[] | null;
}

const COLUMNS = `id, community_id AS "communityId", to_char(held_on, 'YYYY-MM-DD') AS "heldOn", title, attendees, agenda, decisions,
                 case_ids AS "caseIds"`;

function text(value: string, field: string, max: number, min = 1): string {
  const t = value.trim();
  if (t.length < min || t.length > max) throw badInput(field, `must be ${min} to ${max} characters`);
  return t;
}

/** Who may read or log meetings: street staff any; a grid leader the communities they work in (read) or lead (log). */
export class WorkMeetingService {
  constructor(private readonly db: Db) {}

  async record(scope: Scope, input: WorkMeetingInput): Promise<WorkMeeting> {
    const v = scope.viewer;
    if (!(v.kind === 'user' && (scope.seesAll || v.role === 'GRID_LEADER')))
      throw forbidden('only street staff and community leaders may log work meetings');
    if (!DAY.test(input.heldOn) || Number.isNaN(Date.parse(`${input.heldOn}T00:00:00Z`)))
      throw badInput('heldOn', 'must be a day, YYYY-MM-DD');
    const title = text(input.title, 'title', 100);
    const agenda = text(input.agenda, 'agenda', 4000);
    const decisions = text(input.decisions ?? '', 'decisions', 4000, 0);
    if (input.attendees.length < 1 || input.attendees.length > 100) throw badInput('attendees', 'give 1 to 100 names');
    const attendees = input.attendees.map((a) => text(a, 'attendees', 50));
    const caseIds = [...new Set(input.caseIds ?? [])];
    if (caseIds.length > 50) throw badInput('caseIds', 'at most 50 cases');
    if (caseIds.some((id) => !UUID.test(id))) throw badInput('caseIds', 'is not an id');
    let streetId: string;
    let communityId: string | null = null;
    if (input.communityId != null) {
      if (!UUID.test(input.communityId)) throw badInput('communityId', 'is not an id');
      const visible = scope.whereRaw('Grid', 'g', 2);
      const [grid] = await this.db.query(`SELECT g.street_id, g.level FROM grid g WHERE g.id = $1 AND ${visible.sql}`, [
        input.communityId,
        ...visible.params,
      ]);
      if (!grid) throw missing('communityId', 'community', scope.seesAll);
      if (grid.level !== 'LARGE') throw badInput('communityId', 'is not a community (LARGE grid)');
      streetId = grid.street_id;
      communityId = input.communityId;
    } else {
      if (!scope.seesAll) throw forbidden('street-level meetings are logged by street staff');
      if (input.streetId == null || !UUID.test(input.streetId)) throw badInput('streetId', 'give the street of a street-level meeting');
      const [street] = await this.db.query(`SELECT id FROM street WHERE id = $1`, [input.streetId]);
      if (!street) throw badInput('streetId', 'no such street');
      streetId = input.streetId;
    }
    if (caseIds.length) {
      const visible = scope.whereRaw('Case', 'c', 2);
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM "case" c WHERE c.id = ANY($1::uuid[]) AND ${visible.sql}`, [
        caseIds,
        ...visible.params,
      ]);
      if (n !== caseIds.length) throw badInput('caseIds', 'names a case that does not exist or that you cannot see');
    }
    return inTransaction(this.db, {}, async (m) => {
      const [row] = await m.query(
        `INSERT INTO work_meeting (street_id, community_id, held_on, title, attendees, agenda, decisions, case_ids, recorded_by)
         VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8::uuid[], $9) RETURNING ${COLUMNS}`,
        [streetId, communityId, input.heldOn, title, attendees, agenda, decisions, caseIds, actorLabel(v)],
      );
      return row as WorkMeeting;
    });
  }

  async list(scope: Scope, month: string, communityId: string | null): Promise<WorkMeeting[]> {
    const v = scope.viewer;
    if (!MONTH.test(month)) throw badInput('month', 'must be YYYY-MM');
    if (communityId != null && !UUID.test(communityId)) throw badInput('communityId', 'is not an id');
    if (!scope.seesAll) {
      if (v.kind !== 'user' || v.role !== 'GRID_LEADER') throw forbidden('only street staff and community leaders may read work meetings');
      if (communityId == null || !(v.communityIds ?? []).includes(communityId)) throw forbidden('ask for a community you work in');
    }
    return this.db.query(
      `SELECT ${COLUMNS} FROM work_meeting
        WHERE held_on >= $1::date AND held_on < ($1::date + interval '1 month') AND ($2::uuid IS NULL OR community_id = $2)
        ORDER BY held_on, created_at`,
      [`${month}-01`, communityId],
    );
  }
}

@Resolver(() => WorkMeeting)
export class WorkMeetingResolver {
  @Query(() => [WorkMeeting], {
    description: '工作例会 of a month (YYYY-MM): a community’s (street staff, or a leader working in it), or all (street staff), by day',
  })
  workMeetings(
    @Ctx() ctx: Context,
    @Arg('month') month: string,
    @Arg('communityId', () => ID, { nullable: true }) communityId?: string | null,
  ): Promise<WorkMeeting[]> {
    ctx.scope.requireSignedIn();
    return new WorkMeetingService(ctx.db).list(ctx.scope, month, communityId ?? null);
  }

  @Mutation(() => WorkMeeting, { description: 'Log a work meeting: street staff any; a community’s leader (LARGE grid) theirs' })
  recordWorkMeeting(@Ctx() ctx: Context, @Arg('input', () => WorkMeetingInput) input: WorkMeetingInput): Promise<WorkMeeting> {
    ctx.scope.requireSignedIn();
    return new WorkMeetingService(ctx.db).record(ctx.scope, input);
  }
}
