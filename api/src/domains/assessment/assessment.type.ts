import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';

export enum AssessmentLevel {
  GRID_LEADER = 'GRID_LEADER',
  GRID = 'GRID',
  PARTY_ORGANIZATION = 'PARTY_ORGANIZATION',
}
registerEnumType(AssessmentLevel, { name: 'AssessmentLevel', description: '考核对象 — whom a month is scored for' });

@ObjectType({ description: 'One input of the scheme: its weight and target' })
export class AssessmentSchemeInput {
  @Field({
    description:
      'ON_TIME_CLOSURE, REWORK, SATISFACTION, VISIT_ON_TIME, NEEDS_MATCHED, NEEDS_DONE, WISHES_FULFILLED, WISH_CLAIM_HOURS, SERVICE_HOURS',
  })
  code!: string;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float)
  target!: number;

  @Field({ description: 'Whether a higher value is better (REWORK and WISH_CLAIM_HOURS: lower is)' })
  higherIsBetter!: boolean;
}

@ObjectType({ description: '考核方案 — a version of the street’s assessment scheme (version 0: the defaults)' })
export class AssessmentScheme {
  @Field(() => ID)
  streetId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => [AssessmentSchemeInput])
  inputs!: AssessmentSchemeInput[];

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When an admin set it; null: the defaults' })
  createdAt!: Date | null;
}

@InputType()
export class AssessmentSchemeInputInput {
  @Field()
  code!: string;

  @Field(() => Float, { description: '0 to 1000; the weights add up to more than 0' })
  weight!: number;

  @Field(() => Float, { description: 'Above 0; a rate at most 1, hours at most 744 (8760 to claim)' })
  target!: number;
}

@InputType()
export class AssessmentSchemeSetInput {
  @Field(() => [AssessmentSchemeInputInput], { description: 'The inputs to change; one left out keeps its default' })
  inputs!: AssessmentSchemeInputInput[];
}

@ObjectType({ description: 'How one input made its points: the value measured, the target, the weight' })
export class AssessmentInputScore {
  @Field()
  code!: string;

  @Field(() => Float, { nullable: true, description: 'The measured value; null: no data this month (the input does not count)' })
  value!: number | null;

  @Field(() => Int, { description: 'What the value was measured over (cases, households, needs, wishes or members)' })
  basis!: number;

  @Field(() => Float)
  target!: number;

  @Field(() => Float)
  weight!: number;

  @Field()
  higherIsBetter!: boolean;

  @Field(() => Float, { nullable: true, description: 'Its share of the score (the points add up to the score); null without data' })
  points!: number | null;
}

@ObjectType({ description: '考核得分 — a subject’s score for a month, ranked and explained' })
export class AssessmentEntry {
  @Field(() => ID, { description: 'The grid leader’s, grid’s or party organisation’s id' })
  subjectId!: string;

  @Field()
  name!: string;

  @Field({ description: 'The grid level (LARGE, MEDIUM, SMALL) or the party organisation’s level; ranks are per this level' })
  subjectLevel!: string;

  @Field(() => ID)
  gridId!: string;

  @Field()
  gridName!: string;

  @Field(() => ID, { nullable: true })
  communityId!: string | null;

  @Field(() => String, { nullable: true })
  communityName!: string | null;

  @Field(() => Float, { nullable: true, description: '0–100; null when no input had data' })
  score!: number | null;

  @Field(() => Int, { description: 'Rank among the same level (1 = best)' })
  rank!: number;

  @Field(() => Int, { description: 'Rank among the same level in the community' })
  communityRank!: number;

  @Field(() => [AssessmentInputScore])
  inputs!: AssessmentInputScore[];
}

@ObjectType({ description: '考核评价 — a month’s scores, computed on read from the data as it stands' })
export class Assessment {
  @Field()
  month!: string;

  @Field(() => AssessmentLevel)
  level!: AssessmentLevel;

  @Field(() => Int, { description: 'The scheme version in force at the month’s end (0: the defaults)' })
  schemeVersion!: number;

  @Field(() => [AssessmentEntry], { description: 'Best first' })
  entries!: AssessmentEntry[];
}

@ObjectType({ description: 'A subject’s score in one month' })
export class AssessmentHistoryPoint {
  @Field()
  month!: string;

  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => Int, { nullable: true })
  rank!: number | null;
}
