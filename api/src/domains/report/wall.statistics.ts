import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { Db } from '../../platform/db/session';
import type { Context } from '../../platform/graphql/context';
import { badInput, forbidden } from '../../platform/graphql/errors';

/** Longest window the wall's statistics may span. */
const MAX_DAYS = 366;

@ObjectType({
  description:
    '党建与服务统计 — the party-building and community-service figures beside the case KPIs, over what you can see; ' +
    'counts "now" unless they say [from, to)',
})
export class WallStatistics {
  @Field(() => GraphQLDateTime)
  from!: Date;

  @Field(() => GraphQLDateTime)
  to!: Date;

  @Field(() => Int, { description: '党组织 — live organisations aligned to grids (community, compound branch, building group)' })
  organizations!: number;

  @Field(() => Int, { description: '党员中心户 — live central households' })
  centralHouseholds!: number;

  @Field(() => Int, { description: '报到党员 — active registrations of party members (双报到)' })
  members!: number;

  @Field(() => Int, { description: '报到总数 — active registrations of every kind (members, volunteers, units)' })
  registrations!: number;

  @Field(() => Float, { description: '服务时长 — hours of service recorded in [from, to)' })
  serviceHours!: number;

  @Field(() => Int, { description: '需求 — needs raised in [from, to)' })
  needsCreated!: number;

  @Field(() => Int, { description: '需求完成 — of those, the ones done' })
  needsDone!: number;

  @Field(() => Int, { description: '微心愿 — wishes raised in [from, to)' })
  wishesCreated!: number;

  @Field(() => Int, { description: '心愿实现 — wishes fulfilled in [from, to)' })
  wishesFulfilled!: number;

  @Field(() => Int, { description: '入户走访 — household visits made in [from, to)' })
  visits!: number;
}

/**
 * The wall's party and service figures in one statement, over the rows the caller's database
 * session sees (row-level security): the report's definitions (report.data.ts) without the
 * per-community split. Coverage (全覆盖) is `partyCoverage`, asked in the same request.
 */
export async function wallStatistics(db: Db, from: Date, to: Date): Promise<WallStatistics> {
  if (!(from < to)) throw badInput('from', 'must be before to');
  if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) throw badInput('to', `the window may span at most ${MAX_DAYS} days`);
  const [r] = await db.query(
    `SELECT (SELECT count(*) FROM party_organization
              WHERE dissolved_at IS NULL AND level IN ('COMMUNITY', 'COMPOUND_BRANCH', 'BUILDING_GROUP'))::int AS organizations,
            (SELECT count(*) FROM party_organization WHERE dissolved_at IS NULL AND level = 'CENTRAL_HOUSEHOLD')::int
              AS "centralHouseholds",
            (SELECT count(*) FROM service_registration WHERE active AND kind = 'MEMBER')::int AS members,
            (SELECT count(*) FROM service_registration WHERE active)::int AS registrations,
            (SELECT coalesce(sum(hours), 0) FROM service_record WHERE at >= $1 AND at < $2)::float8 AS "serviceHours",
            (SELECT count(*) FROM service_need WHERE created_at >= $1 AND created_at < $2)::int AS "needsCreated",
            (SELECT count(*) FROM service_need WHERE created_at >= $1 AND created_at < $2 AND status = 'DONE')::int AS "needsDone",
            (SELECT count(*) FROM micro_wish WHERE created_at >= $1 AND created_at < $2)::int AS "wishesCreated",
            (SELECT count(*) FROM micro_wish WHERE fulfilled_at >= $1 AND fulfilled_at < $2)::int AS "wishesFulfilled",
            (SELECT count(*) FROM household_visit WHERE visited_at >= $1 AND visited_at < $2)::int AS visits`,
    [from, to],
  );
  return { from, to, ...r };
}

@Resolver()
export class WallStatisticsResolver {
  @Query(() => WallStatistics, {
    description:
      '党建与服务统计 for the wall: organisations, central households, registered members, registrations (now); service hours, ' +
      'needs, wishes and visits in [from, to). Street staff and grid leaders, over what they see',
  })
  wallStatistics(
    @Ctx() ctx: Context,
    @Arg('from', () => GraphQLDateTime) from: Date,
    @Arg('to', () => GraphQLDateTime) to: Date,
  ): Promise<WallStatistics> {
    ctx.scope.requireSignedIn();
    // The readers of 全覆盖 and the visit schedule: a management view, refused to anyone else.
    if (!ctx.scope.seesVisits) throw forbidden('only street staff and grid leaders see the party and service statistics');
    return wallStatistics(ctx.db, from, to);
  }
}
