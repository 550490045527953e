import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: '微心愿 — a wish posted by a resident or a leader on their behalf' })
export class WishInput {
  @Field(() => ID, { nullable: true, description: "The household; absent: a resident's or volunteer's own" })
  householdId?: string | null;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field({ description: 'Who posted it; never shown on the echo wall' })
  posterName!: string;
}
