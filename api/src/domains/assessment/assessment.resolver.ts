import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { requireCan } from '../../platform/identity/policy';
import { Street } from '../street/street.entity';
import { AssessmentService } from './assessment.service';
import { Assessment, AssessmentHistoryPoint, AssessmentLevel, AssessmentScheme, AssessmentSchemeSetInput } from './assessment.type';

@Resolver()
export class AssessmentResolver {
  @Query(() => Assessment, {
    description:
      '考核评价 — a month’s scores for every grid leader, grid or party organisation, ranked per level (and per community), ' +
      'each explained input by input; street staff: the whole street, a grid leader: their subtree, others FORBIDDEN',
  })
  assessment(
    @Ctx() ctx: Context,
    @Arg('month', { description: 'YYYY-MM (China Standard Time)' }) month: string,
    @Arg('level', () => AssessmentLevel, { defaultValue: AssessmentLevel.GRID_LEADER }) level: AssessmentLevel,
    @Arg('communityId', () => ID, { nullable: true, description: 'Only this community’s subjects' }) communityId?: string | null,
  ): Promise<Assessment> {
    const reach = AssessmentService.reach(ctx.scope);
    return new AssessmentService(ctx.db).month(month, level, communityId ?? null, reach);
  }

  @Query(() => [AssessmentHistoryPoint], { description: '考核历史 — one subject’s score and rank month by month, oldest first' })
  assessmentHistory(
    @Ctx() ctx: Context,
    @Arg('subjectId', () => ID) subjectId: string,
    @Arg('level', () => AssessmentLevel) level: AssessmentLevel,
    @Arg('month', { description: 'The last month, YYYY-MM' }) month: string,
    @Arg('months', () => Int, { defaultValue: 6, description: '1 to 24' }) months: number,
  ): Promise<AssessmentHistoryPoint[]> {
    const reach = AssessmentService.reach(ctx.scope);
    return new AssessmentService(ctx.db).history(subjectId, level, month, months, reach);
  }

  @Mutation(() => AssessmentScheme, {
    description: '设置考核方案 — weights and targets per input; appends a version (history kept); STREET_ADMIN',
  })
  setAssessmentScheme(
    @Ctx() ctx: Context,
    @Arg('streetId', () => ID) streetId: string,
    @Arg('input', () => AssessmentSchemeSetInput) input: AssessmentSchemeSetInput,
  ): Promise<AssessmentScheme> {
    requireCan(ctx.scope.viewer, 'SET_STREET_RULES');
    const v = ctx.scope.viewer;
    return new AssessmentService(ctx.db).set(streetId, input, v.kind === 'user' ? v.id : null);
  }
}

@Resolver(() => Street)
export class StreetAssessmentResolver {
  @FieldResolver(() => AssessmentScheme, { description: '考核方案 — the assessment scheme in force (version 0: the defaults)' })
  assessmentScheme(@Root() street: Street, @Ctx() ctx: Context): Promise<AssessmentScheme> {
    AssessmentService.reach(ctx.scope);
    return new AssessmentService(ctx.db).current(street.id);
  }

  @FieldResolver(() => [AssessmentScheme], { description: 'Every version of the assessment scheme, newest first' })
  assessmentSchemeHistory(@Root() street: Street, @Ctx() ctx: Context): Promise<AssessmentScheme[]> {
    AssessmentService.reach(ctx.scope);
    return new AssessmentService(ctx.db).schemes(street.id);
  }
}
