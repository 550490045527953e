import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { Context } from '../../../platform/graphql/context';
import { ActorInput } from '../../../platform/identity/actor.input';
import { leaderPaths, serviceActor, volunteerAccount } from '../service.rules';
import { ActivityInput } from './team.input';
import { ServiceRegistration } from '../service.entity';
import { ActivitySignup, TeamActivity, VolunteerTeam } from './team.entity';
import { UUID } from '../service.service';
import { TeamService } from './team.service';

const ACTOR = {
  nullable: true,
  description:
    'The role to act in (one your account holds; default: your natural role, VOLUNTEER for volunteers). The name recorded is your account',
};

@Resolver(() => TeamActivity)
export class TeamActivityResolver {
  @Query(() => [TeamActivity], {
    description: '活动 — a community’s activities not yet over (ending after `from`, default now), soonest first',
  })
  teamActivities(
    @Ctx() ctx: Context,
    @Arg('communityId', () => ID) communityId: string,
    @Arg('from', () => GraphQLDateTime, { nullable: true }) from?: Date,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
  ): Promise<TeamActivity[]> {
    ctx.scope.requireSignedIn();
    return new TeamService(ctx.db).activities(communityId, from ?? new Date(), first);
  }

  @FieldResolver(() => Int, { description: 'How many have signed up (places left: capacity − signedUp)' })
  signedUp(@Ctx() ctx: Context, @Root() a: TeamActivity): Promise<number> {
    return ctx.loaders.signupCount.load(a.id);
  }

  @FieldResolver(() => [ActivitySignup], {
    description: 'The sign-ups whose registration the viewer may see (the community’s leaders: all), by name, with attendance',
  })
  signups(@Ctx() ctx: Context, @Root() a: TeamActivity): Promise<ActivitySignup[]> {
    return ctx.loaders.signupsByActivity.load(a.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether this registration has signed up (one the viewer may see: a helper asks for their own); false otherwise',
  })
  async joined(@Ctx() ctx: Context, @Root() a: TeamActivity, @Arg('registrationId', () => ID) registrationId: string): Promise<boolean> {
    if (!UUID.test(registrationId) || !(await ctx.loaders.registrationById.load(registrationId))) return false;
    return ctx.loaders.signedUp.load(`${a.id}|${registrationId}`);
  }
}

@Resolver(() => ActivitySignup)
export class ActivitySignupResolver {
  @FieldResolver(() => ServiceRegistration, { nullable: true, description: 'Who signed up (when the viewer may see the registration)' })
  helper(@Ctx() ctx: Context, @Root() s: ActivitySignup): Promise<ServiceRegistration | null> {
    return ctx.loaders.registrationById.load(s.registrationId);
  }
}

@Resolver(() => VolunteerTeam)
export class VolunteerTeamResolver {
  @Query(() => [VolunteerTeam], { description: '志愿服务队 — the teams of a community' })
  volunteerTeams(@Ctx() ctx: Context, @Arg('communityId', () => ID) communityId: string): Promise<VolunteerTeam[]> {
    ctx.scope.requireSignedIn();
    return new TeamService(ctx.db).teams(communityId);
  }

  @Mutation(() => VolunteerTeam, { description: 'Create a team in a community; kind is a skill code; GRID_LEADER' })
  createVolunteerTeam(
    @Ctx() ctx: Context,
    @Arg('communityId', () => ID) communityId: string,
    @Arg('name') name: string,
    @Arg('kind') kind: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<VolunteerTeam> {
    return new TeamService(ctx.db).createTeam(communityId, name, kind, serviceActor(ctx.scope, actor), leaderPaths(ctx.scope));
  }

  @Mutation(() => VolunteerTeam)
  addTeamMember(
    @Ctx() ctx: Context,
    @Arg('teamId', () => ID) teamId: string,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<VolunteerTeam> {
    return new TeamService(ctx.db).addMember(teamId, registrationId, serviceActor(ctx.scope, actor), leaderPaths(ctx.scope));
  }

  @Mutation(() => TeamActivity)
  createTeamActivity(
    @Ctx() ctx: Context,
    @Arg('input', () => ActivityInput) input: ActivityInput,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<TeamActivity> {
    return new TeamService(ctx.db).createActivity(input, serviceActor(ctx.scope, actor), leaderPaths(ctx.scope));
  }

  @Mutation(() => ActivitySignup, { description: 'Sign up; a full activity answers BAD_USER_INPUT on activityId; VOLUNTEER' })
  signUpForActivity(
    @Ctx() ctx: Context,
    @Arg('activityId', () => ID) activityId: string,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ActivitySignup> {
    return new TeamService(ctx.db).signUp(activityId, registrationId, serviceActor(ctx.scope, actor), volunteerAccount(ctx.scope));
  }

  @Mutation(() => ActivitySignup, { description: 'Attendance and hours; attended with hours adds a service record; GRID_LEADER' })
  recordAttendance(
    @Ctx() ctx: Context,
    @Arg('activityId', () => ID) activityId: string,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('attended') attended: boolean,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('hours', () => Float, { nullable: true }) hours?: number,
  ): Promise<ActivitySignup> {
    return new TeamService(ctx.db).recordAttendance(
      activityId,
      registrationId,
      attended,
      hours ?? null,
      serviceActor(ctx.scope, actor),
      leaderPaths(ctx.scope),
    );
  }
}
