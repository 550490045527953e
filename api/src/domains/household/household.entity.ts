import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Tags that drive visits and services (入户走访, 重点人群). */
export enum HouseholdTag {
  ELDERLY_ALONE = 'ELDERLY_ALONE',
  DISABLED = 'DISABLED',
  LOW_INCOME = 'LOW_INCOME',
  SPECIAL_CARE = 'SPECIAL_CARE',
  CENTRAL_HOUSEHOLD = 'CENTRAL_HOUSEHOLD',
}
registerEnumType(HouseholdTag, {
  name: 'HouseholdTag',
  description: 'ELDERLY_ALONE 独居老人, DISABLED 残疾, LOW_INCOME 低保/低收入, SPECIAL_CARE 优抚/特殊关爱, CENTRAL_HOUSEHOLD 党员中心户',
});

/** 户 — a household living in one room of one unit of a building. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '户 — a household' })
@Entity('household')
export class Household {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'building_id' })
  buildingId!: string;

  @Field(() => Int, { description: '单元 — unit (stairwell) number' })
  @Column('integer')
  unit!: number;

  @Field()
  @Column('text')
  room!: string;

  @Field()
  @Column('text')
  address!: string;

  @Field(() => Int, { description: 'Number of people living in the household' })
  @Column('integer')
  size!: number;

  @Field(() => [HouseholdTag])
  @Column('text', { array: true })
  tags!: HouseholdTag[];

  @Field(() => Int)
  @Column('integer')
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When the row last changed (stamped by the database on every write); the sync order' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
