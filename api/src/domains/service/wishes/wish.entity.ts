import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Point } from 'geojson';
import { GraphQLDateTime } from 'graphql-scalars';
import { GeoJSONScalar } from '../../../platform/graphql/scalars/geojson';

export enum WishStatus {
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  CLAIMED = 'CLAIMED',
  FULFILLED = 'FULFILLED',
  THANKED = 'THANKED',
}
registerEnumType(WishStatus, {
  name: 'WishStatus',
  description:
    'SUBMITTED 提交 → PUBLISHED 发布 (or REJECTED) → CLAIMED 认领 → FULFILLED 圆梦 → THANKED 致谢; an expired claim returns it to PUBLISHED',
});

/** 微心愿 — a resident’s small wish on the compound’s board. */
@ObjectType({ description: '微心愿 — a small wish, reviewed, published, claimed by one helper at a time, fulfilled, thanked' })
@Entity('micro_wish')
export class MicroWish {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('bigint')
  seq!: string;

  @Column('uuid', { name: 'household_id' })
  householdId!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'grid_id' })
  gridId!: string;

  @Column('ltree', { name: 'grid_path' })
  gridPath!: string;

  @Field(() => GeoJSONScalar, { description: 'The building’s centroid' })
  @Column('geometry', { spatialFeatureType: 'Point', srid: 4326 })
  location!: Point;

  @Field()
  @Column('text')
  title!: string;

  @Field()
  @Column('text')
  description!: string;

  @Column('text', { name: 'poster_name' })
  posterName!: string;

  @Field(() => WishStatus)
  @Column('text')
  status!: WishStatus;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'reject_reason', nullable: true })
  rejectReason!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'fulfil_note', nullable: true })
  fulfilNote!: string | null;

  @Field(() => String, { nullable: true, description: 'Content hash (sha256) of the photo in storage' })
  @Column('text', { nullable: true })
  photo!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  thanks!: string | null;

  @Field(() => ID, { nullable: true, description: 'The helper holding the live claim, or who fulfilled it' })
  @Column('uuid', { name: 'helper_id', nullable: true })
  helperId!: string | null;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'fulfilled_at', nullable: true })
  fulfilledAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'thanked_at', nullable: true })
  thankedAt!: Date | null;

  @Field(() => Int)
  @Column('integer')
  version!: number;
}

/** An item on the echo wall (回音壁): what was asked and what was done, no personal data. */
@ObjectType({ description: '回音壁 — what was asked and what was done; no names, no addresses' })
export class EchoItem {
  @Field({ description: 'WISH, CASE or PROJECT (a completed 民生实事)' })
  kind!: string;

  @Field(() => ID)
  id!: string;

  @Field({ description: 'Wish title, case category, or project title' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What was done: fulfil note, or handler feedback' })
  outcome!: string | null;

  @Field(() => String, { nullable: true, description: 'The thanks, or the rating comment' })
  thanks!: string | null;

  @Field({ description: 'The compound (MEDIUM grid) name' })
  compound!: string;

  @Field(() => GraphQLDateTime)
  doneAt!: Date;

  @Field(() => [String], { description: 'PROJECT: its lead and the pledgers (人财物), as published; empty for wishes and cases' })
  contributors!: string[];
}
