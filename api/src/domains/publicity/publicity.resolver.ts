import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { Context } from '../../platform/graphql/context';
import { can } from '../../platform/identity/policy';
import { ActivityService } from './activity.service';
import { CovenantService } from './covenant.service';
import { DeedService } from './deed.service';
import { NoticeService } from './notice.service';
import {
  ActivityParticipant,
  CommunityActivity,
  CommunityActivityInput,
  CovenantVersion,
  DeedInput,
  ExemplaryDeed,
  Notice,
  NoticeInput,
  NoticeReader,
} from './publicity.type';

/** Whether the caller manages a row of the grid at `gridPath` (its read receipts, its sign-ups). */
const mayManage = (ctx: Context, gridPath: string) => can(ctx.scope.viewer, 'PUBLICITY', { path: gridPath });

@Resolver(() => Notice)
export class NoticeResolver {
  @Query(() => [Notice], {
    description:
      '宣传栏 — the notices you see, newest first: a leader those of their grids (drafts too) and what is published above them; ' +
      'a resident what is published for their home’s grids. gridId: those concerning that grid; pinned: only those on the map',
  })
  notices(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string | null,
    @Arg('pinned', { nullable: true, defaultValue: false }) pinned?: boolean,
  ): Promise<Notice[]> {
    return new NoticeService(ctx.db).list(ctx.scope, gridId, !!pinned);
  }

  @FieldResolver(() => [NoticeReader], {
    nullable: true,
    description: 'The grid leaders it is for and who has read it — for whoever manages the notice (null for anyone else)',
  })
  async readers(@Ctx() ctx: Context, @Root() n: Notice): Promise<NoticeReader[] | null> {
    if (!mayManage(ctx, n.gridPath)) return null;
    return ctx.loaders.noticeReaders.load(n.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you have marked it read' })
  readByMe(@Ctx() ctx: Context, @Root() n: Notice): Promise<boolean> {
    return ctx.loaders.noticeReadByMe.load(n.id);
  }

  @Mutation(() => Notice, { description: 'A notice of a grid you lead (street admins: any); published ones reach their readers' })
  createNotice(@Ctx() ctx: Context, @Arg('input', () => NoticeInput) input: NoticeInput): Promise<Notice> {
    return new NoticeService(ctx.db).create(ctx.scope, input);
  }

  @Mutation(() => Notice, { description: 'Changes a notice (the version read; a newer one answers CONFLICT); publish with status' })
  updateNotice(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => NoticeInput) input: NoticeInput,
  ): Promise<Notice> {
    return new NoticeService(ctx.db).update(ctx.scope, id, version, input);
  }

  @Mutation(() => Notice, { description: 'A grid leader marks a published notice for their grids read' })
  markNoticeRead(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Notice> {
    return new NoticeService(ctx.db).markRead(ctx.scope, id);
  }
}

@Resolver(() => CovenantVersion)
export class CovenantResolver {
  @Query(() => CovenantVersion, { nullable: true, description: '居民公约 — a community’s current covenant (its leaders and residents)' })
  covenant(@Ctx() ctx: Context, @Arg('communityId', () => ID) communityId: string): Promise<CovenantVersion | null> {
    return new CovenantService(ctx.db).current(ctx.scope, communityId);
  }

  @Query(() => [CovenantVersion], { description: '居民公约 — every version of a community’s covenant, newest first' })
  covenantHistory(@Ctx() ctx: Context, @Arg('communityId', () => ID) communityId: string): Promise<CovenantVersion[]> {
    return new CovenantService(ctx.db).history(ctx.scope, communityId);
  }

  @Mutation(() => CovenantVersion, {
    description: 'A new version of a community’s covenant on top of baseVersion (0 for the first; another edit since: CONFLICT)',
  })
  reviseCovenant(
    @Ctx() ctx: Context,
    @Arg('communityId', () => ID) communityId: string,
    @Arg('baseVersion', () => Int) baseVersion: number,
    @Arg('title') title: string,
    @Arg('body') body: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<CovenantVersion> {
    return new CovenantService(ctx.db).revise(ctx.scope, communityId, baseVersion, title, body, note);
  }
}

@Resolver(() => ExemplaryDeed)
export class DeedResolver {
  @Query(() => [ExemplaryDeed], {
    description: '先进事迹 — the deeds you see (managers: drafts too; residents: published for their grids)',
  })
  exemplaryDeeds(@Ctx() ctx: Context, @Arg('gridId', () => ID, { nullable: true }) gridId?: string | null): Promise<ExemplaryDeed[]> {
    return new DeedService(ctx.db).list(ctx.scope, gridId);
  }

  @Mutation(() => ExemplaryDeed, { description: 'A deed of a grid you lead; PUBLISHED needs consentGiven' })
  createExemplaryDeed(@Ctx() ctx: Context, @Arg('input', () => DeedInput) input: DeedInput): Promise<ExemplaryDeed> {
    return new DeedService(ctx.db).create(ctx.scope, input);
  }

  @Mutation(() => ExemplaryDeed, { description: 'Changes a deed (the version read); withdrawing consent needs status DRAFT' })
  updateExemplaryDeed(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => DeedInput) input: DeedInput,
  ): Promise<ExemplaryDeed> {
    return new DeedService(ctx.db).update(ctx.scope, id, version, input);
  }
}

@Resolver(() => CommunityActivity)
export class CommunityActivityResolver {
  @Query(() => [CommunityActivity], {
    description: '惠民活动 — the activities you see not over before `from` (default now), soonest first; gridId: those concerning it',
  })
  communityActivities(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string | null,
    @Arg('from', () => GraphQLDateTime, { nullable: true }) from?: Date | null,
  ): Promise<CommunityActivity[]> {
    return new ActivityService(ctx.db).list(ctx.scope, gridId, from);
  }

  @FieldResolver(() => Int, { description: 'Places taken (capacity − taken are left)' })
  taken(@Ctx() ctx: Context, @Root() a: CommunityActivity): Promise<number> {
    return ctx.loaders.activityTaken.load(a.id);
  }

  @FieldResolver(() => [ActivityParticipant], { description: 'The sign-ups you see: its managers all, anyone else their own' })
  participants(@Ctx() ctx: Context, @Root() a: CommunityActivity): Promise<ActivityParticipant[]> {
    return ctx.loaders.activityParticipants.load(a.id);
  }

  @FieldResolver(() => ActivityParticipant, { nullable: true, description: 'Your own sign-up, if any' })
  async mySignup(@Ctx() ctx: Context, @Root() a: CommunityActivity): Promise<ActivityParticipant | null> {
    const v = ctx.scope.viewer;
    if (v.kind !== 'user') return null;
    return (await ctx.loaders.activityParticipants.load(a.id)).find((p) => p.userId === v.id) ?? null;
  }

  @Mutation(() => CommunityActivity, { description: 'A community activity of a grid you lead' })
  createCommunityActivity(
    @Ctx() ctx: Context,
    @Arg('input', () => CommunityActivityInput) input: CommunityActivityInput,
  ): Promise<CommunityActivity> {
    return new ActivityService(ctx.db).create(ctx.scope, input);
  }

  @Mutation(() => CommunityActivity, { description: 'Changes an activity (the version read); capacity never below the places taken' })
  updateCommunityActivity(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => CommunityActivityInput) input: CommunityActivityInput,
  ): Promise<CommunityActivity> {
    return new ActivityService(ctx.db).update(ctx.scope, id, version, input);
  }

  @Mutation(() => ActivityParticipant, { description: 'Sign up for a published activity of your grids; a full one answers BAD_USER_INPUT' })
  signUpForCommunityActivity(
    @Ctx() ctx: Context,
    @Arg('activityId', () => ID) activityId: string,
    @Arg('people', () => Int, { nullable: true, defaultValue: 1, description: 'You and household members coming, 1 to 10' })
    people: number,
  ): Promise<ActivityParticipant> {
    return new ActivityService(ctx.db).signUp(ctx.scope, activityId, people);
  }

  @Mutation(() => CommunityActivity, { description: 'Take back your own sign-up before the activity starts' })
  withdrawFromCommunityActivity(@Ctx() ctx: Context, @Arg('activityId', () => ID) activityId: string): Promise<CommunityActivity> {
    return new ActivityService(ctx.db).withdraw(ctx.scope, activityId);
  }

  @Mutation(() => ActivityParticipant, {
    description:
      'Record whether a person who signed up attended (the activity’s managers); a registered helper who attended is credited ' +
      'service hours (服务时长), recording absence takes them back',
  })
  recordCommunityActivityAttendance(
    @Ctx() ctx: Context,
    @Arg('activityId', () => ID) activityId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('attended') attended: boolean,
    @Arg('hours', () => Float, {
      nullable: true,
      description: 'Hours served, for someone who attended (at most the activity’s length and 24); absent: the activity’s length',
    })
    hours?: number | null,
  ): Promise<ActivityParticipant> {
    return new ActivityService(ctx.db).recordAttendance(ctx.scope, activityId, userId, attended, hours ?? null);
  }
}
