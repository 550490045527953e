import { Field, InputType } from 'type-graphql';
import { ActorRole } from './actor';

@InputType({ description: 'The capacity to act in (one the account holds); the name recorded is always the account’s' })
export class ActorInput {
  @Field(() => ActorRole)
  role!: ActorRole;

  @Field()
  name!: string;
}
