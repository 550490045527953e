import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLDateTime } from 'graphql-scalars';

/** 矛盾调解 — a mediation record of a council or the community, linked to a DISPUTE case when there is one. */
@ObjectType({ description: '矛盾调解 — parties, issue, agreement and follow-up of a mediation' })
@Entity('mediation_record')
export class MediationRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'community_id' })
  communityId!: string;

  @Field(() => ID, { description: 'The grid it concerns (the case’s small grid, or a community or compound)' })
  @Column('uuid', { name: 'grid_id' })
  gridId!: string;

  @Field(() => ID, { nullable: true, description: 'The council or organisation that mediated' })
  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The DISPUTE case it settles' })
  @Column('uuid', { name: 'case_id', nullable: true })
  caseId!: string | null;

  @Field(() => [String], { description: '当事人' })
  @Column('text', { array: true })
  parties!: string[];

  @Field({ description: '纠纷事由' })
  @Column('text')
  issue!: string;

  @Field(() => String, { nullable: true, description: '调解协议; null: no agreement (yet)' })
  @Column('text', { nullable: true })
  agreement!: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date', { name: 'mediated_on' })
  mediatedOn!: string;

  @Field(() => String, { nullable: true, description: '回访 — the follow-up day, YYYY-MM-DD' })
  @Column('date', { name: 'follow_up_on', nullable: true })
  followUpOn!: string | null;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

@InputType({ description: 'A mediation to record; with a DISPUTE case and an agreement, the case closes with it' })
export class MediationInput {
  @Field(() => ID, { nullable: true, description: 'The DISPUTE case it settles (its grid is the record’s)' })
  caseId?: string | null;

  @Field(() => Int, { nullable: true, description: 'The case version read; default: the current one' })
  caseVersion?: number | null;

  @Field(() => ID, { nullable: true, description: 'Without a case: the grid it concerns' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The council or organisation that mediated' })
  organizationId?: string | null;

  @Field(() => [String], { description: '2 to 20 names' })
  parties!: string[];

  @Field()
  issue!: string;

  @Field(() => String, { nullable: true })
  agreement?: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  mediatedOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before mediatedOn' })
  followUpOn?: string | null;
}

/** A member of an organisation: a resident, or a name, with a role. */
@ObjectType({ description: 'A member of an organisation or council' })
@Entity('organization_member')
export class OrganizationMember {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  @Field(() => ID, { nullable: true, description: 'The resident, when the member is one' })
  @Column('uuid', { name: 'resident_id', nullable: true })
  residentId!: string | null;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'e.g. 主任, 委员, 调解员' })
  @Column('text')
  role!: string;
}

@InputType({ description: 'A member to add: a resident (their name is taken) or a name' })
export class OrganizationMemberInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => ID, { nullable: true })
  residentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required without residentId' })
  name?: string | null;

  @Field()
  role!: string;
}
