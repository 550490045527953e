import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Point } from 'geojson';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { GeoJSONScalar } from '../../platform/graphql/scalars/geojson';

/** Where a case is in the closed loop (闭环). */
export enum CaseStatus {
  REPORTED = 'REPORTED',
  FILED = 'FILED',
  DISPATCHED = 'DISPATCHED',
  IN_PROGRESS = 'IN_PROGRESS',
  HANDLED = 'HANDLED',
  CLOSED = 'CLOSED',
  RATED = 'RATED',
  REJECTED = 'REJECTED',
  ESCALATED = 'ESCALATED',
}
registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description:
    'REPORTED 上报 → FILED 立案 → DISPATCHED 派遣 → IN_PROGRESS 处置 → HANDLED 反馈 → CLOSED 核查结案 → RATED 评价; REJECTED 不予立案; ESCALATED 上报上级',
});

/** Statuses in which a case still needs work (and can be overdue). */
export const OPEN_STATUSES = [
  CaseStatus.REPORTED,
  CaseStatus.FILED,
  CaseStatus.DISPATCHED,
  CaseStatus.IN_PROGRESS,
  CaseStatus.HANDLED,
  CaseStatus.ESCALATED,
];

export enum CaseSource {
  RESIDENT = 'RESIDENT',
  GRID_PATROL = 'GRID_PATROL',
  HOTLINE = 'HOTLINE',
  DEPARTMENT = 'DEPARTMENT',
  SENSOR = 'SENSOR',
}
registerEnumType(CaseSource, {
  name: 'CaseSource',
  description: 'RESIDENT 居民, GRID_PATROL 网格巡查, HOTLINE 热线, DEPARTMENT 部门, SENSOR 感知设备',
});

export enum CasePriority {
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(CasePriority, { name: 'CasePriority', description: 'Sets the time limit together with the category' });

/** 事件分类 — a category from the code table, with its time limits. */
@ObjectType({ description: '事件分类 — a case category and its time limits in hours per priority' })
@Entity('case_category')
export class CaseCategory {
  @Field()
  @PrimaryColumn('text')
  code!: string;

  @Field({ description: 'Chinese name' })
  @Column('text', { name: 'name_zh' })
  nameZh!: string;

  @Field({ description: 'English name' })
  @Column('text', { name: 'name_en' })
  nameEn!: string;

  @Field()
  @Column('text')
  description!: string;

  @Field(() => Int)
  @Column('integer', { name: 'hours_normal' })
  hoursNormal!: number;

  @Field(() => Int)
  @Column('integer', { name: 'hours_high' })
  hoursHigh!: number;

  @Field(() => Int)
  @Column('integer', { name: 'hours_urgent' })
  hoursUrgent!: number;

  @Column('integer')
  sort!: number;
}

/** 职能部门 — a department of the registry, and the case categories it handles. */
@ObjectType({ description: '职能部门 — a department cases are dispatched or escalated to, from the registry' })
@Entity('department')
export class Department {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  code!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => [String], { description: 'The case category codes it handles' })
  @Column('text', { array: true })
  categories!: string[];
}

/** 事件 — something a resident, patrol, hotline, department or sensor reported, and its handling. */
@Directive('@key(fields: "id")')
@ObjectType('Case', { description: '事件 — a reported problem and where it is in the closed loop' })
@Entity('case')
export class Case {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, {
    description: '事件编号 — YYYYMMDD-NNNN: the report day (Beijing time) and its order that day in the street; unique per street',
  })
  @Column({ type: 'text', insert: false, update: false })
  number!: string;

  /** Insertion order, the keyset for paging. */
  @Column('bigint')
  seq!: string;

  @Field(() => String, { nullable: true, description: 'The reporting client’s idempotency key' })
  @Column('text', { name: 'client_key', nullable: true })
  clientKey!: string | null;

  @Field({ description: 'Category code, see caseCategories' })
  @Column('text')
  category!: string;

  @Field(() => CaseSource)
  @Column('text')
  source!: CaseSource;

  @Field(() => CasePriority)
  @Column('text')
  priority!: CasePriority;

  @Field(() => CaseStatus)
  @Column('text')
  status!: CaseStatus;

  @Field()
  @Column('text')
  description!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  address!: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'building_id', nullable: true })
  buildingId!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'reporter_name', nullable: true })
  reporterName!: string | null;

  /** The account that reported it (not published: it decides who may rate and who sees it). */
  @Column('uuid', { name: 'reporter_user_id', nullable: true })
  reporterUserId!: string | null;

  @Field(() => [String], { description: 'Content hashes (sha256) of the photos in storage' })
  @Column('text', { array: true })
  photos!: string[];

  @Field(() => GeoJSONScalar, { description: 'Where it happened, a GeoJSON Point in WGS-84' })
  @Column('geometry', { spatialFeatureType: 'Point', srid: 4326 })
  location!: Point;

  @Field(() => ID, { description: 'The small grid (小网格) that covers the location' })
  @Column('uuid', { name: 'grid_id' })
  gridId!: string;

  @Column('ltree', { name: 'grid_path' })
  gridPath!: string;

  @Field(() => String, { nullable: true, description: 'The department it was dispatched or escalated to' })
  @Column('text', { nullable: true })
  department!: string | null;

  @Field(() => ID, { nullable: true, description: 'The department (from departments) it was dispatched or escalated to' })
  @Column('uuid', { name: 'department_id', nullable: true })
  departmentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation (a compound’s property company) it was dispatched to' })
  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @Field(() => ID, { nullable: true, description: '派遣到网格长 — the grid leader assignment (GridLeader.id) it was dispatched to' })
  @Column('uuid', { name: 'assigned_leader_id', nullable: true })
  assignedLeaderId!: string | null;

  @Field(() => String, { nullable: true, description: 'The name of the grid leader it was dispatched to, as it was then' })
  @Column('text', { name: 'assigned_leader_name', nullable: true })
  assignedLeaderName!: string | null;

  @Field(() => String, { nullable: true, description: 'Escalated to: a grid level (MEDIUM, LARGE, STREET) or a department' })
  @Column('text', { name: 'escalated_to', nullable: true })
  escalatedTo!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'reject_reason', nullable: true })
  rejectReason!: string | null;

  @Field(() => ID, { nullable: true, description: 'Rejected as a duplicate of this case' })
  @Column('uuid', { name: 'duplicate_of', nullable: true })
  duplicateOf!: string | null;

  @Field(() => String, { nullable: true, description: '反馈 — what the handler did' })
  @Column('text', { nullable: true })
  feedback!: string | null;

  @Field(() => Int, { nullable: true, description: '评价 — 1 to 5' })
  @Column('integer', { nullable: true })
  rating!: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'rating_comment', nullable: true })
  ratingComment!: string | null;

  @Field(() => Int, { description: 'Times returned for rework (返工)' })
  @Column('integer', { name: 'rework_count' })
  reworkCount!: number;

  @Field(() => Int, { description: 'Times the deadline was extended (延期)' })
  @Column('integer', { name: 'extension_count' })
  extensionCount!: number;

  @Field({ description: 'Marked by the overdue sweep when the deadline passed while open' })
  @Column('boolean')
  overdue!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Deadline, set when filed' })
  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'filed_at', nullable: true })
  filedAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'dispatched_at', nullable: true })
  dispatchedAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'handled_at', nullable: true })
  handledAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column('timestamptz', { name: 'rated_at', nullable: true })
  ratedAt!: Date | null;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back on every transition' })
  @Column('integer')
  version!: number;
}

/**
 * One change to a case, appended in the same transaction as the change: the case's
 * timeline, the audit trail, and (by its id) the subscription cursor.
 */
@ObjectType({ description: 'One change to a case; `id` is the cursor for caseUpdates' })
@Entity('case_event')
export class CaseEvent {
  @Field(() => ID, { description: 'Monotonic; pass the last one seen as `after` to resume' })
  @PrimaryColumn('bigint')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Field({
    description:
      'REPORTED, FILED, REJECTED, DISPATCHED, STARTED, HANDLED, RETURNED, CLOSED, RATED, ESCALATED, ' +
      'EXTENDED, EXTENSION_REQUESTED, EXTENSION_DECLINED',
  })
  @Column('text')
  type!: string;

  @Field(() => CaseStatus, { nullable: true })
  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: CaseStatus | null;

  @Field(() => CaseStatus)
  @Column('text', { name: 'to_status' })
  toStatus!: CaseStatus;

  @Field(() => Int, { description: 'The case version after this change' })
  @Column('integer')
  version!: number;

  @Field({ description: 'REPORTER, GRID_LEADER, COMMAND_CENTRE, DEPARTMENT, or SYSTEM for the scheduler' })
  @Column('text', { name: 'actor_role' })
  actorRole!: string;

  @Field()
  @Column('text', { name: 'actor_name' })
  actorName!: string;

  @Field(() => String, { nullable: true, description: 'Reason, feedback or comment' })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Details of the change, e.g. rating, newDueAt, duplicateOf, escalatedTo' })
  @Column('jsonb')
  data!: Record<string, unknown>;

  @Field()
  @Column('text')
  category!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'grid_id' })
  gridId!: string;

  @Column('ltree', { name: 'grid_path' })
  gridPath!: string;

  @Field(() => GeoJSONScalar)
  @Column('geometry', { spatialFeatureType: 'Point', srid: 4326 })
  location!: Point;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz')
  at!: Date;
}
