import { Field, ID, InputType, Int } from 'type-graphql';
import { OrganizationKind } from './organization.entity';

@InputType({ description: 'A contact of an organisation' })
export class OrganizationContactInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Digits, optionally with + and dashes' })
  phone?: string | null;
}

@InputType({ description: 'A new organisation of a community or a compound' })
export class CreateOrganizationInput {
  @Field(() => ID, { description: 'The community (LARGE grid) or compound (MEDIUM grid) it belongs to' })
  gridId!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field()
  name!: string;

  @Field({ defaultValue: '', description: '细化职责' })
  duties!: string;

  @Field(() => [OrganizationContactInput], { defaultValue: [] })
  contacts!: OrganizationContactInput[];

  @Field(() => [ID], { nullable: true, description: 'The grids it serves (inside its community); default: its own grid' })
  servedGridIds?: string[] | null;

  @Field({ defaultValue: false })
  published!: boolean;

  @Field(() => ID, { nullable: true, description: 'For a co-building unit: its unit registration (双报到)' })
  registrationId?: string | null;
}

@InputType({ description: 'Changes to an organisation; absent fields stay' })
export class UpdateOrganizationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version read' })
  version!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  duties?: string | null;

  @Field(() => [OrganizationContactInput], { nullable: true })
  contacts?: OrganizationContactInput[] | null;

  @Field(() => [ID], { nullable: true })
  servedGridIds?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  published?: boolean | null;
}
