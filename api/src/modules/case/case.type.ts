import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection';
import { Case } from './case.entity';

@ObjectType({ description: 'The answer to reportCase' })
export class ReportCaseResult {
  @Field(() => Case)
  case!: Case;

  @Field({ description: 'False when the clientKey had already been used: nothing new was written' })
  created!: boolean;

  @Field(() => [Case], { description: 'Open cases of the same category within 50 m: possible duplicates' })
  possibleDuplicates!: Case[];
}

export const CaseConnection = Connection(Case);
export type CaseConnection = InstanceType<typeof CaseConnection>;

/**
 * Indicators (考核指标) over the cases of a grid's subtree reported in a period. A rate
 * whose denominator is zero is null rather than a made-up 0 or 1.
 */
@ObjectType({ description: "Indicators over the cases of a grid's subtree reported in [from, to)" })
export class CaseIndicators {
  @Field(() => Int, { description: 'Cases reported in the period' })
  reported!: number;

  @Field(() => Int, { description: '立案数 — cases filed' })
  filed!: number;

  @Field(() => Int, { description: '结案数 — cases closed (CLOSED or RATED)' })
  closed!: number;

  @Field(() => Int, { description: '应结案数 — filed cases whose deadline fell before the end of the period, or that closed in it' })
  dueToClose!: number;

  @Field(() => Int, { description: '按期结案数 — closed no later than their deadline' })
  closedOnTime!: number;

  @Field(() => Float, { nullable: true, description: '按期结案率 = closed on time ÷ due to close' })
  onTimeClosureRate!: number | null;

  @Field(() => Float, { nullable: true, description: '结案率 = closed ÷ filed' })
  closureRate!: number | null;

  @Field(() => Float, { nullable: true, description: '返工率 = cases returned for rework at least once ÷ cases handled at least once' })
  reworkRate!: number | null;

  @Field(() => Float, { nullable: true, description: '延期率 = cases with at least one extension ÷ filed' })
  extensionRate!: number | null;

  @Field(() => Float, { nullable: true, description: '平均派遣时长 — mean hours from report to first dispatch' })
  meanHoursToDispatch!: number | null;

  @Field(() => Float, { nullable: true, description: '平均结案时长 — mean hours from report to close' })
  meanHoursToClose!: number | null;

  @Field(() => Float, { nullable: true, description: '满意度 = mean rating ÷ 5 (rated cases only)' })
  satisfaction!: number | null;

  @Field(() => Int, { description: 'Rated cases behind satisfaction' })
  rated!: number;
}

