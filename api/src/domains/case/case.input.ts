import { Field, Float, ID, InputType } from 'type-graphql';
import { CasePriority, CaseSource } from './case.entity';
import { ActorRole } from './case.rules';

@InputType({ description: 'Who is acting. Until sign-in exists the caller states it; later it comes from the token.' })
export class ActorInput {
  @Field(() => ActorRole)
  role!: ActorRole;

  @Field()
  name!: string;
}

@InputType({ description: 'A new case; a retry by the same reporter with the same clientKey answers the case already made' })
export class ReportCaseInput {
  @Field({ description: 'Idempotency key chosen by the client, unique per report of one reporter (another caller’s key is theirs alone)' })
  clientKey!: string;

  @Field({ description: 'Category code (see caseCategories)' })
  category!: string;

  @Field(() => CaseSource)
  source!: CaseSource;

  @Field(() => CasePriority, { defaultValue: CasePriority.NORMAL })
  priority!: CasePriority;

  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => ID, { nullable: true })
  buildingId?: string | null;

  @Field(() => String, { nullable: true })
  reporterName?: string | null;

  @Field(() => [String], { nullable: true, description: 'Photos, base64-encoded (at most 5, 5 MB each)' })
  photos?: string[] | null;
}
