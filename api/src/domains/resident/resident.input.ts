import { Field, ID, InputType, Int } from 'type-graphql';
import { Gender, Relation } from './resident.entity';

@InputType()
export class CreateResidentInput {
  @Field(() => ID)
  householdId!: string;

  @Field()
  name!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => Int)
  birthYear!: number;

  @Field(() => Relation)
  relation!: Relation;

  @Field(() => String, { nullable: true })
  phone?: string;

  @Field(() => String, { nullable: true, description: '居民身份证号, 18 characters (GB 11643)' })
  idNumber?: string;

  @Field({ defaultValue: false })
  isPartyMember!: boolean;

  @Field({ defaultValue: false })
  isVolunteer!: boolean;

  @Field({ defaultValue: false })
  isRetiredCadre!: boolean;

  @Field({ defaultValue: false })
  isInServicePartyMember!: boolean;
}

@InputType()
export class UpdateResidentInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => Relation, { nullable: true })
  relation?: Relation;

  @Field(() => String, { nullable: true })
  phone?: string;

  @Field(() => Boolean, { nullable: true })
  isPartyMember?: boolean;

  @Field(() => Boolean, { nullable: true })
  isVolunteer?: boolean;

  @Field(() => Boolean, { nullable: true })
  isRetiredCadre?: boolean;

  @Field(() => Boolean, { nullable: true })
  isInServicePartyMember?: boolean;

  @Field(() => Int)
  version!: number;
}
