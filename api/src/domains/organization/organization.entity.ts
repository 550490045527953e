import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLDateTime } from 'graphql-scalars';

/** The parties of 五方联动 besides the party organisation and the residents' committee, and the community's councils. */
export enum OrganizationKind {
  /** 业委会 */
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  /** 物业公司 */
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
  /** 共建单位 */
  CO_BUILDING_UNIT = 'CO_BUILDING_UNIT',
  /** 社会组织 */
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  /** 一约四会's councils (红白理事会, 道德评议会, 禁毒禁赌会, 居民议事会 …) */
  COUNCIL = 'COUNCIL',
}
registerEnumType(OrganizationKind, { name: 'OrganizationKind', description: 'The kind of an organisation (五方联动 and the councils)' });

export const ORGANIZATION_KINDS = Object.values(OrganizationKind) as string[];

/** A contact person; the phone is personal data: shown only to those who may edit the organisation, never logged. */
@ObjectType({ description: 'A contact of an organisation' })
export class OrganizationContact {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Only for street staff and the leaders who keep the organisation; null otherwise' })
  phone!: string | null;
}

/** 组织 — an organisation of a community or a compound (业委会, 物业公司, 共建单位, 社会组织, 议事会 …). */
@ObjectType({ description: '组织 — a party of 五方联动 or a council of a community or compound, with contacts and published duties' })
@Entity('organization')
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'street_id' })
  streetId!: string;

  @Field(() => ID, { description: 'The community (LARGE grid) it belongs to' })
  @Column('uuid', { name: 'community_id' })
  communityId!: string;

  @Field(() => ID, { description: 'The grid it belongs to: the community, or a compound (MEDIUM grid)' })
  @Column('uuid', { name: 'grid_id' })
  gridId!: string;

  @Column('text', { name: 'grid_path' })
  gridPath!: string;

  @Field(() => OrganizationKind)
  @Column('text')
  kind!: OrganizationKind;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: '细化职责 — its published duties' })
  @Column('text')
  duties!: string;

  @Column('jsonb')
  contacts!: { name: string; phone: string | null }[];

  @Field({ description: 'Shown to the residents of its grids' })
  @Column('boolean')
  published!: boolean;

  @Field(() => ID, { nullable: true, description: 'A co-building unit’s registration (双报到), if it has one' })
  @Column('uuid', { name: 'registration_id', nullable: true })
  registrationId!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @Field(() => Int)
  @Column('integer')
  version!: number;

  /** The grids it serves (organization_grid), read with the row. */
  @Field(() => [ID], { description: 'The grids it serves' })
  servedGridIds!: string[];

  /** Whether the caller may edit it (and so read its contacts' phones). */
  @Field({ description: 'Whether you may edit it' })
  canEdit!: boolean;
}
