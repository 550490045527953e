import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import type { FeatureCollection } from 'geojson';
import type { Context } from '../../platform/graphql/context';
import { ActorInput } from '../../platform/identity/actor.input';
import { householdReach, leaderPaths, serviceActor, volunteerAccount, volunteerOwner } from './service.rules';
import { Me } from '../account/account.type';
import { Household } from '../household/household.entity';
import { MatchingService } from './matching/matching.service';
import {
  MatchMethod,
  MatchStatus,
  NeedStatus,
  ServiceMatch,
  ServiceNeed,
  ServiceRegistration,
  ServiceSkill,
  WeeklyWindow,
} from './service.entity';
import { NeedInput, RegistrationInput } from './service.input';
import { serviceMap } from './service.map';
import { ServiceService } from './service.service';
import { MatchRun, ServiceMatchConnection, ServiceNeedConnection, ServiceRegistrationConnection } from './service.type';

const ACTOR = {
  nullable: true,
  description:
    'The role to act in (one your account holds; default: your natural role, VOLUNTEER for volunteers). The name recorded is your account',
};
const VERSION = { description: 'The version you read; a newer one in the database means CONFLICT' };
const HELPER = { description: 'The helper’s registration (a volunteer account must own it: see me.registrations)' };

@Resolver(() => Me)
export class MeServiceResolver {
  @FieldResolver(() => [ServiceRegistration], {
    description: '双报到 — the service registrations this account owns (a volunteer’s own; empty for staff)',
  })
  registrations(@Ctx() ctx: Context, @Root() me: Me): Promise<ServiceRegistration[]> {
    return ctx.loaders.registrationsByUser.load(me.id);
  }
}

@Resolver(() => ServiceRegistration)
export class ServiceRegistrationResolver {
  @Query(() => [ServiceSkill], { description: '服务技能 — the skill code table (need types use the same codes)' })
  serviceSkills(@Ctx() ctx: Context): Promise<ServiceSkill[]> {
    return new ServiceService(ctx.db).skills();
  }

  @Query(() => ServiceRegistration, { nullable: true })
  serviceRegistration(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ServiceRegistration | null> {
    ctx.scope.requireSignedIn();
    return ctx.loaders.registrationById.load(id);
  }

  @Query(() => ServiceRegistrationConnection, { description: '资源清单 — active registrations of a community, optionally with a skill' })
  serviceRegistrations(
    @Ctx() ctx: Context,
    @Arg('communityId', () => ID, { nullable: true }) communityId?: string,
    @Arg('skill', () => String, { nullable: true }) skill?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ServiceRegistrationConnection> {
    ctx.scope.requireSignedIn();
    return new ServiceService(ctx.db).registrations({ communityId, skill, first, after }, ctx.scope);
  }

  @Mutation(() => ServiceRegistration, {
    description:
      '双报到 — register a member, volunteer (VOLUNTEER, for themselves: starting from their home unless a point is given) ' +
      'or unit (GRID_LEADER) with a community',
  })
  registerForService(
    @Ctx() ctx: Context,
    @Arg('input', () => RegistrationInput) input: RegistrationInput,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ServiceRegistration> {
    return new ServiceService(ctx.db).register(input, serviceActor(ctx.scope, actor), volunteerOwner(ctx.scope), leaderPaths(ctx.scope));
  }

  @FieldResolver(() => [WeeklyWindow])
  availability(@Ctx() ctx: Context, @Root() r: ServiceRegistration): Promise<WeeklyWindow[]> {
    return ctx.loaders.availabilityByRegistration.load(r.id);
  }

  @FieldResolver(() => Float, { description: '服务时长 — hours served (tasks and activities) in [from, to)' })
  hours(
    @Ctx() ctx: Context,
    @Root() r: ServiceRegistration,
    @Arg('from', () => GraphQLDateTime) from: Date,
    @Arg('to', () => GraphQLDateTime) to: Date,
  ): Promise<number> {
    return ctx.loaders.hoursInRange.load(`${r.id}|${from.toISOString()}|${to.toISOString()}`);
  }
}

@Resolver(() => ServiceNeed)
export class ServiceNeedResolver {
  @Query(() => ServiceNeedConnection, { description: "需求清单 — the needs of a grid's subtree, by status and type; oldest first" })
  serviceNeeds(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
    @Arg('status', () => NeedStatus, { nullable: true }) status?: NeedStatus,
    @Arg('type', () => String, { nullable: true }) type?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ServiceNeedConnection> {
    ctx.scope.requireSignedIn();
    return new ServiceService(ctx.db).needs({ gridId, status, type, first, after }, ctx.scope);
  }

  @Mutation(() => ServiceNeed, {
    description: 'Add a need to the needs list; a resident for their own household (REPORTER), a GRID_LEADER inside their grids',
  })
  raiseNeed(
    @Ctx() ctx: Context,
    @Arg('input', () => NeedInput) input: NeedInput,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ServiceNeed> {
    return new ServiceService(ctx.db).raiseNeed(input, serviceActor(ctx.scope, actor), householdReach(ctx.scope));
  }

  @Mutation(() => ServiceNeed, { description: 'Withdraw a need; its live matches are rejected' })
  cancelNeed(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('reason') reason: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ServiceNeed> {
    return new ServiceService(ctx.db).cancelNeed(id, version, serviceActor(ctx.scope, actor), reason, householdReach(ctx.scope));
  }

  @Query(() => GraphQLJSONObject, {
    description:
      'Map layers of a grid subtree as a GeoJSON FeatureCollection, features tagged by `layer`: ' +
      'OVERDUE_VISIT and OPEN_WISH points, MATCH lines helper → need for the week `period`. ' +
      'Without gridId: every community at once (the union of the per-community answers; the wall asks once)',
  })
  serviceMap(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId: string | undefined,
    @Arg('period', () => String, { nullable: true }) period?: string,
    @Arg('now', () => GraphQLDateTime, { nullable: true }) now?: Date,
  ): Promise<FeatureCollection> {
    return serviceMap(ctx.db, ctx.scope, gridId ?? null, period ?? null, now ?? new Date());
  }

  @FieldResolver(() => Household, {
    nullable: true,
    description: 'The household, when the viewer may see it (a helper may not: see address)',
  })
  household(@Ctx() ctx: Context, @Root() n: ServiceNeed): Promise<Household | null> {
    return ctx.loaders.householdById.load(n.householdId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where to go: the household’s address (shown to whoever sees the need, e.g. the helper it was given to)',
  })
  address(@Ctx() ctx: Context, @Root() n: ServiceNeed): Promise<string | null> {
    return ctx.loaders.addressByHousehold.load(n.householdId);
  }
}

@Resolver(() => ServiceMatch)
export class ServiceMatchResolver {
  @Query(() => ServiceMatchConnection, {
    description: 'Proposals and tasks by grid subtree, week, status or helper (a helper’s tasks: registrationId)',
  })
  serviceMatches(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
    @Arg('period', () => String, { nullable: true }) period?: string,
    @Arg('status', () => MatchStatus, { nullable: true }) status?: MatchStatus,
    @Arg('registrationId', () => ID, { nullable: true }) registrationId?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ServiceMatchConnection> {
    ctx.scope.requireSignedIn();
    return new MatchingService(ctx.db).list({ gridId, period, status, registrationId, first, after }, ctx.scope);
  }

  @Mutation(() => MatchRun, {
    description:
      "精准匹配 — propose helpers for the open needs of a grid's subtree for the week starting `period` (a Monday); " +
      "replaces that week's unreviewed proposals",
  })
  proposeMatches(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID) gridId: string,
    @Arg('period') period: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('method', () => MatchMethod, { defaultValue: MatchMethod.OPTIMAL }) method: MatchMethod,
  ): Promise<MatchRun> {
    return new MatchingService(ctx.db).propose(gridId, period, serviceActor(ctx.scope, actor), method, leaderPaths(ctx.scope));
  }

  @Mutation(() => ServiceMatch, { description: 'A leader confirms a proposal: PROPOSED → CONFIRMED' })
  confirmMatch(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ServiceMatch> {
    return new MatchingService(ctx.db).confirm(id, version, serviceActor(ctx.scope, actor), leaderPaths(ctx.scope));
  }

  @Mutation(() => ServiceMatch, { description: 'A leader rejects a proposal; the need re-enters the next run without this helper' })
  rejectMatch(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('reason') reason: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ServiceMatch> {
    return new MatchingService(ctx.db).reject(id, version, serviceActor(ctx.scope, actor), reason, leaderPaths(ctx.scope));
  }

  @Mutation(() => ServiceMatch, {
    description: 'A leader’s edit: give the need to another feasible helper (answers the new, CONFIRMED match)',
  })
  reassignMatch(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ServiceMatch> {
    return new MatchingService(ctx.db).reassign(id, version, registrationId, serviceActor(ctx.scope, actor), leaderPaths(ctx.scope));
  }

  @Mutation(() => ServiceMatch, { description: 'The helper accepts: CONFIRMED → ACCEPTED; the need is ASSIGNED' })
  acceptMatch(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('registrationId', () => ID, HELPER) registrationId: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ServiceMatch> {
    return new MatchingService(ctx.db).accept(id, version, registrationId, serviceActor(ctx.scope, actor), volunteerAccount(ctx.scope));
  }

  @Mutation(() => ServiceMatch, { description: 'The helper declines: the need stays open and re-enters the next run' })
  declineMatch(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('registrationId', () => ID, HELPER) registrationId: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ): Promise<ServiceMatch> {
    return new MatchingService(ctx.db).decline(
      id,
      version,
      registrationId,
      serviceActor(ctx.scope, actor),
      reason,
      volunteerAccount(ctx.scope),
    );
  }

  @Mutation(() => ServiceMatch, { description: 'Done, with the hours served (服务时长)' })
  completeMatch(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('hours', () => Float) hours: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<ServiceMatch> {
    return new MatchingService(ctx.db).complete(id, version, hours, serviceActor(ctx.scope, actor), note, {
      asUser: volunteerAccount(ctx.scope),
      paths: leaderPaths(ctx.scope),
    });
  }

  @FieldResolver(() => ServiceNeed, { nullable: true })
  need(@Ctx() ctx: Context, @Root() x: ServiceMatch): Promise<ServiceNeed | null> {
    return ctx.loaders.needById.load(x.needId);
  }

  @FieldResolver(() => ServiceRegistration, { nullable: true })
  helper(@Ctx() ctx: Context, @Root() x: ServiceMatch): Promise<ServiceRegistration | null> {
    return ctx.loaders.registrationById.load(x.registrationId);
  }
}
