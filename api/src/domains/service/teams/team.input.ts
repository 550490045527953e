import { Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';

@InputType({ description: '活动 — a team activity' })
export class ActivityInput {
  @Field(() => ID)
  teamId!: string;

  @Field()
  title!: string;

  @Field()
  place!: string;

  @Field(() => GraphQLDateTime)
  startsAt!: Date;

  @Field(() => GraphQLDateTime)
  endsAt!: Date;

  @Field(() => Int)
  capacity!: number;
}
