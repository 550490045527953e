import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';

/** The public roles a resident may hold. */
export enum PublicRoleKind {
  /** 两代表一委员 — a party congress delegate, a people's congress deputy, a CPPCC member */
  DEPUTY = 'DEPUTY',
  /** 经济能人 */
  CAPABLE = 'CAPABLE',
  /** 贤达人士 */
  RESPECTED = 'RESPECTED',
}
registerEnumType(PublicRoleKind, { name: 'PublicRoleKind', description: 'DEPUTY 两代表一委员, CAPABLE 经济能人, RESPECTED 贤达人士' });

@ObjectType({ description: 'A resident with a public role (两代表一委员, 经济能人, 贤达人士)' })
export class PublicRole {
  @Field(() => ID)
  residentId!: string;

  @Field({ description: 'The resident’s name' })
  name!: string;

  @Field(() => [PublicRoleKind])
  roles!: PublicRoleKind[];

  @Field({ description: 'e.g. 区人大代表' })
  title!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When they consented to publication; null: not published' })
  consentAt!: Date | null;
}

@InputType({ description: 'A resident’s public roles; no roles removes them' })
export class PublicRoleInput {
  @Field(() => ID)
  residentId!: string;

  @Field(() => [PublicRoleKind])
  roles!: PublicRoleKind[];

  @Field({ defaultValue: '' })
  title!: string;

  @Field({ description: 'They consented to publication (recorded with the time)' })
  consent!: boolean;
}
