import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Point } from 'geojson';
import { GraphQLDateTime } from 'graphql-scalars';
import { GeoJSONScalar } from '../../../platform/graphql/scalars/geojson';

/** 走访频次 — how often households with a tag are visited. */
@ObjectType({ description: '走访频次 — visit interval for households with a tag' })
@Entity('visit_policy')
export class VisitPolicy {
  @Field()
  @PrimaryColumn('text')
  tag!: string;

  @Field(() => Int)
  @Column('integer', { name: 'interval_days' })
  intervalDays!: number;
}

/** 入户走访 — one visit to a household. */
@ObjectType({ description: '入户走访 — one visit: who, when, findings, where they checked in' })
@Entity('household_visit')
export class HouseholdVisit {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'household_id' })
  householdId!: string;

  @Field()
  @Column('text', { name: 'visitor_name' })
  visitorName!: string;

  @Field()
  @Column('text', { name: 'visitor_role' })
  visitorRole!: string;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'visited_at' })
  visitedAt!: Date;

  @Field()
  @Column('text')
  findings!: string;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Check-in location, a GeoJSON Point' })
  @Column('geometry', { name: 'check_in', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  checkIn!: Point | null;

  @Field(() => Float, { nullable: true, description: 'Check-in distance from the building, metres' })
  @Column('double precision', { name: 'check_in_distance_m', nullable: true })
  checkInDistanceM!: number | null;
}

/** A household on the visit schedule: its interval, last visit and next due date, with a map point. */
@ObjectType({ description: 'A household on the visit schedule; `point` is a GeoJSON Point for a map layer' })
export class VisitDue {
  @Field(() => ID)
  householdId!: string;

  @Field()
  address!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => Int, { description: 'The shortest interval of its tags' })
  intervalDays!: number;

  @Field(() => GraphQLDateTime, { nullable: true })
  lastVisitAt!: Date | null;

  @Field(() => GraphQLDateTime, { description: 'Last visit + interval; never visited: due now' })
  nextDueAt!: Date;

  @Field()
  overdue!: boolean;

  @Field(() => GeoJSONScalar)
  point!: Point;

  @Field(() => ID)
  gridId!: string;
}
