import { Field, Float, ID, InputType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { VisitNeedInput } from '../service.input';

@InputType({ description: '入户走访 — a visit record' })
export class VisitInput {
  @Field(() => ID)
  householdId!: string;

  @Field(() => GraphQLDateTime)
  visitedAt!: Date;

  @Field()
  findings!: string;

  @Field(() => Float, { nullable: true, description: 'Check-in longitude (WGS-84)' })
  checkInLng?: number | null;

  @Field(() => Float, { nullable: true })
  checkInLat?: number | null;

  @Field(() => [VisitNeedInput], { nullable: true, description: 'Needs found: they go straight onto the needs list' })
  needs?: VisitNeedInput[] | null;
}
