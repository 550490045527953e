import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The five-level chain (五级链条), each level aligned to a grid level. */
export enum PartyOrgLevel {
  STREET_COMMITTEE = 'STREET_COMMITTEE',
  COMMUNITY = 'COMMUNITY',
  COMPOUND_BRANCH = 'COMPOUND_BRANCH',
  BUILDING_GROUP = 'BUILDING_GROUP',
  CENTRAL_HOUSEHOLD = 'CENTRAL_HOUSEHOLD',
}
registerEnumType(PartyOrgLevel, {
  name: 'PartyOrgLevel',
  description:
    'STREET_COMMITTEE 街道党工委 (street), COMMUNITY 社区党组织 (LARGE grid), COMPOUND_BRANCH 小区为民服务党支部 (MEDIUM), ' +
    'BUILDING_GROUP 楼栋党小组 (SMALL), CENTRAL_HOUSEHOLD 党员中心户 (a household)',
});

export enum LeaderRole {
  LEADER = 'LEADER',
  DEPUTY = 'DEPUTY',
  WORKER = 'WORKER',
}
registerEnumType(LeaderRole, { name: 'LeaderRole', description: 'LEADER 网格长, DEPUTY 副网格长, WORKER 网格员' });

/** 党组织 — one link of the five-level chain, aligned to its grid. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '党组织 — a party organisation of the five-level chain' })
@Entity('party_organization')
export class PartyOrganization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'street_id' })
  streetId!: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Field(() => PartyOrgLevel)
  @Column('text')
  level!: PartyOrgLevel;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'grid_id', nullable: true })
  gridId!: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'household_id', nullable: true })
  householdId!: string | null;

  @Column('uuid', { name: 'secretary_id', nullable: true })
  secretaryId!: string | null;

  @Field(() => String, { nullable: true, description: '书记 — the secretary' })
  @Column('text', { name: 'secretary_name', nullable: true })
  secretaryName!: string | null;

  @Field({ description: 'The secretary agreed to publish their phone on the posts board (岗位公示)' })
  @Column('boolean', { name: 'secretary_publish_contact', default: false })
  secretaryPublishContact!: boolean;

  @Column('uuid', { name: 'deputy_id', nullable: true })
  deputyId!: string | null;

  @Field(() => String, { nullable: true, description: '副书记 — the deputy secretary' })
  @Column('text', { name: 'deputy_name', nullable: true })
  deputySecretaryName!: string | null;

  @Field({ description: 'The deputy secretary agreed to publish their phone on the posts board' })
  @Column('boolean', { name: 'deputy_publish_contact', default: false })
  deputyPublishContact!: boolean;

  @Field(() => String, { nullable: true, description: 'The office number shown on the posts board (办公电话)' })
  @Column('text', { name: 'office_phone', nullable: true })
  officePhone!: string | null;

  @Column('timestamptz', { name: 'dissolved_at', nullable: true })
  dissolvedAt!: Date | null;

  @Field(() => GraphQLDateTime, { description: 'When the row last changed (stamped by the database on every write); the sync order' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

/** 网格长 / 网格员 — a person assigned to a grid for a period. */
@ObjectType({ description: '网格长/网格员 — a grid leader assignment' })
@Entity('grid_leader')
export class GridLeader {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'grid_id' })
  gridId!: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'resident_id', nullable: true })
  residentId!: string | null;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => LeaderRole)
  @Column('text')
  role!: LeaderRole;

  @Field({ description: 'ISO date' })
  @Column('date')
  since!: string;

  @Field(() => String, { nullable: true, description: 'ISO date; null while serving' })
  @Column('date', { nullable: true })
  until!: string | null;

  @Field({ description: 'The appointee agreed to publish their phone on the posts board (岗位公示); default false' })
  @Column('boolean', { name: 'publish_contact', default: false })
  publishContact!: boolean;

  @Field(() => String, { nullable: true, description: 'The office number shown on the posts board instead (办公电话)' })
  @Column('text', { name: 'office_phone', nullable: true })
  officePhone!: string | null;

  @Field(() => String, { nullable: true, description: 'The duties shown on the posts board (岗位职责); the level’s own when null' })
  @Column('text', { nullable: true })
  duties!: string | null;
}
