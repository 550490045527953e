import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../platform/graphql/context';
import { ActorInput } from '../../../platform/identity/actor.input';
import { EvaluationRow, EvaluationService, Evaluator } from './evaluation.service';
import { leaderPaths, serviceActor } from '../service.rules';

@Resolver(() => EvaluationRow)
export class EvaluationResolver {
  @Query(() => [EvaluationRow], {
    description:
      '双评议 — a community’s evaluation sheet for a period (YYYY or YYYY-MM): hours and both ratings per member; ' +
      'street staff, or a leader of a grid containing the community (as the CSV at /exports/service-evaluations.csv)',
  })
  serviceEvaluations(
    @Ctx() ctx: Context,
    @Arg('communityId', () => ID) communityId: string,
    @Arg('period') period: string,
  ): Promise<EvaluationRow[]> {
    ctx.scope.requireSignedIn();
    return new EvaluationService(ctx.db).sheetFor(ctx.scope, { communityId, period });
  }

  @Mutation(() => EvaluationRow, {
    description: '双评议 — rate a member for a period: COMMUNITY as GRID_LEADER, UNIT as DEPARTMENT; replaces that side’s earlier rating',
  })
  evaluateService(
    @Ctx() ctx: Context,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('period') period: string,
    @Arg('evaluator', () => Evaluator) evaluator: Evaluator,
    @Arg('rating', () => Int) rating: number,
    @Arg('actor', () => ActorInput, { nullable: true, description: 'The role to act in (one your account holds)' })
    actor: ActorInput | undefined,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ): Promise<EvaluationRow> {
    return new EvaluationService(ctx.db).evaluate(
      registrationId,
      period,
      evaluator,
      rating,
      serviceActor(ctx.scope, actor),
      comment,
      leaderPaths(ctx.scope),
    );
  }
}
