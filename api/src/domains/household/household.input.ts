import { Field, ID, InputType, Int } from 'type-graphql';
import { HouseholdTag } from './household.entity';

@InputType()
export class CreateHouseholdInput {
  @Field(() => ID)
  buildingId!: string;

  @Field(() => Int)
  unit!: number;

  @Field()
  room!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the building address with unit and room' })
  address?: string;

  @Field(() => Int)
  size!: number;

  @Field(() => [HouseholdTag], { defaultValue: [] })
  tags!: HouseholdTag[];
}

@InputType()
export class UpdateHouseholdInput {
  @Field(() => Int, { nullable: true })
  size?: number;

  @Field(() => [HouseholdTag], { nullable: true })
  tags?: HouseholdTag[];

  @Field(() => String, { nullable: true })
  address?: string;

  @Field(() => Int)
  version!: number;
}
