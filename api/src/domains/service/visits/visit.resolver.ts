import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { Context } from '../../../platform/graphql/context';
import { forbidden } from '../../../platform/graphql/errors';
import { ActorInput } from '../../../platform/identity/actor.input';
import { householdReach, serviceActor } from '../service.rules';
import { VisitInput } from './visit.input';
import { HouseholdVisit, VisitDue, VisitPolicy } from './visit.entity';
import { VisitService } from './visit.service';

@Resolver(() => HouseholdVisit)
export class HouseholdVisitResolver {
  @Query(() => [VisitPolicy], { description: '走访频次 — visit interval per household tag' })
  visitPolicies(@Ctx() ctx: Context): Promise<VisitPolicy[]> {
    return new VisitService(ctx.db).policies();
  }

  @Query(() => [VisitDue], {
    description: "Households of a grid's subtree on the visit schedule, soonest due first; overdueOnly for the overdue list and map layer",
  })
  visitSchedule(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID) gridId: string,
    @Arg('overdueOnly', { defaultValue: false }) overdueOnly: boolean,
    @Arg('now', () => GraphQLDateTime, { nullable: true, description: 'Defaults to the server’s now' }) now?: Date,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
  ): Promise<VisitDue[]> {
    requireVisitReader(ctx);
    return new VisitService(ctx.db).schedule(gridId, now ?? new Date(), overdueOnly, first, ctx.scope.seesEverything('Grid'));
  }

  @Query(() => [HouseholdVisit], { description: 'A household’s visits, newest first' })
  householdVisits(
    @Ctx() ctx: Context,
    @Arg('householdId', () => ID) householdId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
  ): Promise<HouseholdVisit[]> {
    requireVisitReader(ctx);
    return new VisitService(ctx.db).visits(householdId, first);
  }

  @Mutation(() => HouseholdVisit, { description: '入户走访 — record a visit; needs found go straight onto the needs list; GRID_LEADER' })
  recordVisit(
    @Ctx() ctx: Context,
    @Arg('input', () => VisitInput) input: VisitInput,
    @Arg('actor', () => ActorInput, {
      nullable: true,
      description:
        'The role to act in (one your account holds; default: your natural role, VOLUNTEER for volunteers). ' +
        'The name recorded is your account',
    })
    actor: ActorInput | undefined,
  ): Promise<HouseholdVisit> {
    return new VisitService(ctx.db).record(input, serviceActor(ctx.scope, actor), householdReach(ctx.scope));
  }
}

/** Visits and the schedule are the street staff's and the grid leaders' (Scope.seesVisits): anyone else is refused, not answered empty. */
function requireVisitReader(ctx: Context): void {
  ctx.scope.requireSignedIn();
  if (!ctx.scope.seesVisits) throw forbidden('only street staff and grid leaders see household visits and the visit schedule');
}
