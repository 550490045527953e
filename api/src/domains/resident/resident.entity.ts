import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, { name: 'Gender' });

/** Relation to the householder (与户主关系). */
export enum Relation {
  HOUSEHOLDER = 'HOUSEHOLDER',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  SIBLING = 'SIBLING',
  OTHER = 'OTHER',
}
registerEnumType(Relation, { name: 'Relation', description: '与户主关系 — relation to the householder' });

/**
 * 居民 — a resident. `phone` and `idNumber` are personal information (PIPL): they are
 * stored but never exposed raw as fields of this class; the resolver masks them.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: '居民 — a resident' })
@Entity('resident')
export class Resident {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'household_id' })
  householdId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => Gender)
  @Column('text')
  gender!: Gender;

  @Field(() => Int)
  @Column('integer', { name: 'birth_year' })
  birthYear!: number;

  @Field(() => Relation)
  @Column('text')
  relation!: Relation;

  /** Raw phone number; exposed only through the masking field resolver. */
  @Column('text', { nullable: true })
  phone!: string | null;

  /** Raw ID-card number (居民身份证号); exposed only through the masking field resolver. */
  @Column('text', { name: 'id_number', nullable: true })
  idNumber!: string | null;

  @Field({ description: '党员' })
  @Column('boolean', { name: 'is_party_member' })
  isPartyMember!: boolean;

  @Field({ description: '志愿者' })
  @Column('boolean', { name: 'is_volunteer' })
  isVolunteer!: boolean;

  @Field({ description: '离退休干部' })
  @Column('boolean', { name: 'is_retired_cadre' })
  isRetiredCadre!: boolean;

  @Field({ description: '在职党员' })
  @Column('boolean', { name: 'is_in_service_party_member' })
  isInServicePartyMember!: boolean;

  @Field(() => Int)
  @Column('integer')
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When the row last changed (stamped by the database on every write); the sync order' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
