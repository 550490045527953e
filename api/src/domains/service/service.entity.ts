import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Point } from 'geojson';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { GeoJSONScalar } from '../../platform/graphql/scalars/geojson';

export enum RegistrationKind {
  MEMBER = 'MEMBER',
  VOLUNTEER = 'VOLUNTEER',
  UNIT = 'UNIT',
}
registerEnumType(RegistrationKind, {
  name: 'RegistrationKind',
  description: 'MEMBER 在职党员, VOLUNTEER 志愿者, UNIT 单位党组织 (双报到)',
});

export enum NeedUrgency {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(NeedUrgency, { name: 'NeedUrgency' });

/** Matching weight per urgency: an urgent need is worth four low ones. */
export const URGENCY_WEIGHT: Record<NeedUrgency, number> = { LOW: 1, NORMAL: 2, HIGH: 3, URGENT: 4 };

export enum NeedSource {
  VISIT = 'VISIT',
  RESIDENT = 'RESIDENT',
  GRID_LEADER = 'GRID_LEADER',
}
registerEnumType(NeedSource, { name: 'NeedSource', description: 'VISIT 入户走访, RESIDENT 居民, GRID_LEADER 网格长' });

export enum NeedRecurrence {
  ONCE = 'ONCE',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(NeedRecurrence, { name: 'NeedRecurrence' });

export enum NeedStatus {
  OPEN = 'OPEN',
  ASSIGNED = 'ASSIGNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(NeedStatus, {
  name: 'NeedStatus',
  description: 'OPEN: waiting for a helper (again, after a decline); ASSIGNED: a helper accepted',
});

export enum MatchStatus {
  PROPOSED = 'PROPOSED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  DONE = 'DONE',
}
registerEnumType(MatchStatus, {
  name: 'MatchStatus',
  description: 'PROPOSED by the solver → CONFIRMED (or REJECTED) by a leader → ACCEPTED (or DECLINED) by the helper → DONE with hours',
});

export enum MatchMethod {
  OPTIMAL = 'OPTIMAL',
  GREEDY = 'GREEDY',
  MANUAL = 'MANUAL',
}
registerEnumType(MatchMethod, {
  name: 'MatchMethod',
  description: 'OPTIMAL: HiGHS min-cost assignment; GREEDY: nearest-first baseline; MANUAL: a leader’s edit',
});

/** 服务技能 — a skill, and the need type it serves. */
@ObjectType({ description: '服务技能 — a skill from the code table; need types use the same codes' })
@Entity('service_skill')
export class ServiceSkill {
  @Field()
  @PrimaryColumn('text')
  code!: string;

  @Field()
  @Column('text', { name: 'name_zh' })
  nameZh!: string;

  @Field()
  @Column('text', { name: 'name_en' })
  nameEn!: string;

  @Column('integer')
  sort!: number;
}

/** A weekly time window, minutes from midnight local time on an ISO weekday. */
@ObjectType('WeeklyWindow', { description: 'A weekly window: ISO weekday (1 = Monday) and [startMinute, endMinute) from midnight' })
@InputType('WeeklyWindowInput')
export class WeeklyWindow {
  @Field(() => Int)
  weekday!: number;

  @Field(() => Int)
  startMinute!: number;

  @Field(() => Int)
  endMinute!: number;
}

/** 双报到 — a party member, volunteer or unit party organisation registered with a community. */
@ObjectType({
  description: '双报到 — a registration with a community: skills, weekly availability, travel radius, weekly capacity, will to serve',
})
@Entity('service_registration')
export class ServiceRegistration {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => RegistrationKind)
  @Column('text')
  kind!: RegistrationKind;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => String, { nullable: true, description: 'Work unit (工作单位) of a member, or the unit’s own name' })
  @Column('text', { name: 'unit_name', nullable: true })
  unitName!: string | null;

  @Field(() => ID, { nullable: true, description: 'The UNIT registration a member came with' })
  @Column('uuid', { name: 'unit_id', nullable: true })
  unitId!: string | null;

  @Field(() => ID, { description: 'The community (LARGE grid) registered with' })
  @Column('uuid', { name: 'community_id' })
  communityId!: string;

  @Column('uuid', { name: 'household_id', nullable: true })
  householdId!: string | null;

  @Field(() => GeoJSONScalar, { description: 'Where they start from (home or unit), a GeoJSON Point' })
  @Column('geometry', { spatialFeatureType: 'Point', srid: 4326 })
  location!: Point;

  @Field(() => [String], { description: 'Skill codes' })
  @Column('text', { array: true })
  skills!: string[];

  @Field(() => [String], { description: 'Need types they will serve; empty: any of their skills' })
  @Column('text', { array: true, name: 'will_serve' })
  willServe!: string[];

  @Field(() => Int, { description: 'How far they will travel, metres' })
  @Column('integer', { name: 'radius_m' })
  radiusM!: number;

  @Field(() => Int, { description: 'Most tasks per week' })
  @Column('integer', { name: 'weekly_capacity' })
  weeklyCapacity!: number;

  @Field()
  @Column('boolean')
  active!: boolean;

  @Field(() => Int)
  @Column('integer')
  version!: number;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  /** The volunteer account that owns it (not exposed: `me { registrations }` answers one's own). */
  @Column('uuid', { name: 'user_id', nullable: true })
  userId!: string | null;
}

/** 需求 — one household's need on the needs list (需求清单). */
@ObjectType({ description: '需求 — a household need on the needs list, located at the household’s building' })
@Entity('service_need')
export class ServiceNeed {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('bigint')
  seq!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'household_id' })
  householdId!: string;

  @Field(() => ID, { description: 'The small grid of the household’s building' })
  @Column('uuid', { name: 'grid_id' })
  gridId!: string;

  @Column('ltree', { name: 'grid_path' })
  gridPath!: string;

  @Field(() => GeoJSONScalar, { description: 'The building’s centroid, a GeoJSON Point' })
  @Column('geometry', { spatialFeatureType: 'Point', srid: 4326 })
  location!: Point;

  @Field({ description: 'Need type: a skill code' })
  @Column('text')
  type!: string;

  @Field(() => NeedUrgency)
  @Column('text')
  urgency!: NeedUrgency;

  @Field(() => NeedSource)
  @Column('text')
  source!: NeedSource;

  @Field(() => Int)
  @Column('smallint')
  weekday!: number;

  @Field(() => Int)
  @Column('smallint', { name: 'start_minute' })
  startMinute!: number;

  @Field(() => Int)
  @Column('smallint', { name: 'end_minute' })
  endMinute!: number;

  @Field(() => Int, { description: 'How long helping takes, minutes: the time a match books its helper' })
  @Column('smallint', { name: 'duration_minutes' })
  durationMinutes!: number;

  @Field(() => NeedRecurrence)
  @Column('text')
  recurrence!: NeedRecurrence;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes!: string | null;

  @Field(() => NeedStatus)
  @Column('text')
  status!: NeedStatus;

  @Field(() => ID, { nullable: true, description: 'The visit that raised it' })
  @Column('uuid', { name: 'visit_id', nullable: true })
  visitId!: string | null;

  @Field(() => Int)
  @Column('integer')
  version!: number;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/** 精准匹配 — a proposed (and then confirmed, accepted, done) pairing of a need and a helper for one week. */
@ObjectType({ description: '精准匹配 — a helper proposed for a need in one week, with why' })
@Entity('service_match')
export class ServiceMatch {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('bigint')
  seq!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'need_id' })
  needId!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'registration_id' })
  registrationId!: string;

  @Field({ description: 'The week, as its Monday (YYYY-MM-DD)' })
  @Column('date')
  period!: string;

  @Field(() => MatchStatus)
  @Column('text')
  status!: MatchStatus;

  @Field(() => MatchMethod)
  @Column('text')
  method!: MatchMethod;

  @Field(() => Float, { description: 'Helper to household, metres (geodesic)' })
  @Column('double precision', { name: 'distance_m' })
  distanceM!: number;

  @Field({ description: 'Why this helper: distance, skill, the overlapping window, preferences' })
  @Column('text')
  explanation!: string;

  @Column('smallint', { nullable: true })
  weekday!: number | null;

  @Column('smallint', { name: 'start_minute', nullable: true })
  startMinute!: number | null;

  @Column('smallint', { name: 'end_minute', nullable: true })
  endMinute!: number | null;

  /** The time the task holds the helper; a helper's live tasks in a week never overlap. */
  @Field(() => WeeklyWindow, {
    nullable: true,
    description:
      'When the helper is booked: the overlap of the need’s window and their availability (null on matches made before it was kept)',
  })
  get window(): WeeklyWindow | null {
    if (this.weekday == null || this.startMinute == null || this.endMinute == null) return null;
    return { weekday: this.weekday, startMinute: this.startMinute, endMinute: this.endMinute };
  }

  @Field(() => Int)
  @Column('integer')
  version!: number;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/** 服务时长 — hours served on a task, a team activity or a community activity attended. */
@ObjectType({ description: '服务时长 — hours served on a task or an activity' })
@Entity('service_record')
export class ServiceRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'registration_id' })
  registrationId!: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'match_id', nullable: true })
  matchId!: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'activity_id', nullable: true })
  activityId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The community activity (惠民活动) attended, when the hours are for one' })
  @Column('uuid', { name: 'community_activity_id', nullable: true })
  communityActivityId!: string | null;

  @Field(() => Float)
  @Column('numeric', { precision: 5, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  hours!: number;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz')
  at!: Date;
}

/** One change to a registration, need, match, wish, visit, team or activity: the audit trail. */
@ObjectType({ description: 'One change to a service object (audit trail)' })
@Entity('service_event')
export class ServiceEvent {
  @Field(() => ID)
  @PrimaryColumn('bigint')
  id!: string;

  @Field()
  @Column('text')
  subject!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'subject_id' })
  subjectId!: string;

  @Field()
  @Column('text')
  type!: string;

  @Field()
  @Column('text', { name: 'actor_role' })
  actorRole!: string;

  @Field()
  @Column('text', { name: 'actor_name' })
  actorName!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => GraphQLJSONObject)
  @Column('jsonb')
  data!: Record<string, unknown>;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz')
  at!: Date;
}
