import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { GridLevel } from '../grid/grid.entity';

/** Whether a notice, deed or activity is out for its readers yet. */
export enum PublicationStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(PublicationStatus, { name: 'PublicationStatus', description: 'DRAFT 草稿 (its managers only), PUBLISHED 已发布' });

/** Whose deed it is. */
export enum DeedPersonKind {
  GRID_WORKER = 'GRID_WORKER',
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(DeedPersonKind, { name: 'DeedPersonKind', description: 'GRID_WORKER 网格员, VOLUNTEER 志愿者' });

/** 惠民活动 kinds. */
export enum CommunityActivityKind {
  MOBILE_LIBRARY = 'MOBILE_LIBRARY',
  CIRCUIT_COURT = 'CIRCUIT_COURT',
  FREE_CLINIC = 'FREE_CLINIC',
  SPORTS = 'SPORTS',
  PARENT_CHILD = 'PARENT_CHILD',
  OTHER = 'OTHER',
}
registerEnumType(CommunityActivityKind, {
  name: 'CommunityActivityKind',
  description: 'MOBILE_LIBRARY 流动图书馆, CIRCUIT_COURT 巡回法庭, FREE_CLINIC 义诊, SPORTS 文体活动, PARENT_CHILD 亲子活动, OTHER 其他',
});

/** The grid a publicity row concerns: a community, a compound or a building (small) grid. */
@ObjectType({ description: 'The grid a notice, deed or activity concerns' })
export class PublicityGrid {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => GridLevel)
  level!: GridLevel;
}

/** 宣传栏 — a notice of a community, compound or building grid. */
@ObjectType({ description: '宣传栏 — a notice of a community, compound or building grid; optionally pinned on the map' })
export class Notice {
  @Field(() => ID)
  id!: string;

  @Field(() => PublicityGrid)
  grid!: PublicityGrid;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => PublicationStatus)
  status!: PublicationStatus;

  @Field({ description: 'Also on the public posts board (岗位公示) once published' })
  isPublic!: boolean;

  @Field(() => Float, { nullable: true, description: 'Pinned on the map: WGS-84 longitude' })
  lng!: number | null;

  @Field(() => Float, { nullable: true })
  lat!: number | null;

  @Field()
  authorName!: string;

  /** The author's account (not exposed). */
  authorUserId!: string | null;

  /** The grid's ltree path (not exposed; decides who manages it). */
  gridPath!: string;

  @Field(() => GraphQLDateTime, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int)
  version!: number;
}

@ObjectType({ description: 'A grid leader a notice is for, and whether they have read it' })
export class NoticeReader {
  @Field(() => ID)
  userId!: string;

  @Field()
  name!: string;

  @Field({ description: 'The grid they lead (the lowest, if several)' })
  gridName!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When they marked it read; null: not yet' })
  readAt!: Date | null;
}

@InputType({ description: 'A notice: its grid, text, whether published and public, and an optional map pin inside the grid' })
export class NoticeInput {
  @Field(() => ID, { description: 'A community, compound or small grid you lead' })
  gridId!: string;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => PublicationStatus, { defaultValue: PublicationStatus.DRAFT })
  status!: PublicationStatus;

  @Field({ defaultValue: false })
  isPublic!: boolean;

  @Field(() => Float, { nullable: true, description: 'Pin: longitude (with lat), inside the grid' })
  lng?: number | null;

  @Field(() => Float, { nullable: true })
  lat?: number | null;
}

/** 居民公约 — one version of a community's covenant. */
@ObjectType({ description: '居民公约 — one version of a community’s residents’ covenant; the highest version is current' })
export class CovenantVersion {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  communityId!: string;

  @Field(() => Int)
  version!: number;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true, description: 'What changed in this version' })
  note!: string | null;

  @Field()
  authorName!: string;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;
}

/** 先进事迹 — a deed of a grid worker or volunteer. */
@ObjectType({ description: '先进事迹 — a grid worker’s or volunteer’s deed; published only with the person’s recorded consent' })
export class ExemplaryDeed {
  @Field(() => ID)
  id!: string;

  @Field(() => PublicityGrid)
  grid!: PublicityGrid;

  @Field()
  personName!: string;

  @Field(() => DeedPersonKind)
  personKind!: DeedPersonKind;

  @Field()
  title!: string;

  @Field()
  story!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the person’s consent to publish was recorded' })
  consentAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'How consent was given (e.g. 书面同意书)' })
  consentNote!: string | null;

  @Field(() => PublicationStatus)
  status!: PublicationStatus;

  @Field(() => GraphQLDateTime, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int)
  version!: number;
}

@InputType({ description: 'A deed; consent is recorded by `consentGiven` with a note; publishing needs it' })
export class DeedInput {
  @Field(() => ID)
  gridId!: string;

  @Field()
  personName!: string;

  @Field(() => DeedPersonKind)
  personKind!: DeedPersonKind;

  @Field()
  title!: string;

  @Field()
  story!: string;

  @Field({ defaultValue: false, description: 'The person consented to publication (recorded with the time and who recorded it)' })
  consentGiven!: boolean;

  @Field(() => String, { nullable: true })
  consentNote?: string | null;

  @Field(() => PublicationStatus, { defaultValue: PublicationStatus.DRAFT })
  status!: PublicationStatus;
}

/** 惠民活动 — a community activity residents sign up for. */
@ObjectType({ description: '惠民活动 — mobile library, circuit court, free clinic, sports, parent-child games: residents sign up' })
export class CommunityActivity {
  @Field(() => ID)
  id!: string;

  @Field(() => PublicityGrid)
  grid!: PublicityGrid;

  @Field(() => CommunityActivityKind)
  kind!: CommunityActivityKind;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field()
  place!: string;

  @Field(() => GraphQLDateTime)
  startsAt!: Date;

  @Field(() => GraphQLDateTime)
  endsAt!: Date;

  @Field(() => Int)
  capacity!: number;

  @Field(() => PublicationStatus)
  status!: PublicationStatus;

  @Field(() => Int)
  version!: number;
}

@InputType({ description: 'A community activity' })
export class CommunityActivityInput {
  @Field(() => ID)
  gridId!: string;

  @Field(() => CommunityActivityKind)
  kind!: CommunityActivityKind;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field()
  place!: string;

  @Field(() => GraphQLDateTime)
  startsAt!: Date;

  @Field(() => GraphQLDateTime)
  endsAt!: Date;

  @Field(() => Int, { description: 'Places, 1 to 10,000' })
  capacity!: number;

  @Field(() => PublicationStatus, { defaultValue: PublicationStatus.DRAFT })
  status!: PublicationStatus;
}

@ObjectType({ description: 'A sign-up for a community activity, and the attendance once recorded' })
export class ActivityParticipant {
  @Field(() => ID)
  activityId!: string;

  @Field(() => ID)
  userId!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'People coming (the person and their household members)' })
  people!: number;

  @Field(() => GraphQLDateTime)
  signedUpAt!: Date;

  @Field(() => Boolean, { nullable: true, description: 'Attended (null: not recorded yet)' })
  attended!: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '服务时长 credited for attending, to the attendee’s registration with the community (null: none, or not seen by the caller)',
  })
  serviceHours!: number | null;
}

/** What the posts board shows of publicity. */
@ObjectType({ description: 'A public notice on the posts board' })
export class BoardNotice {
  @Field(() => ID)
  id!: string;

  @Field()
  gridName!: string;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => GraphQLDateTime)
  publishedAt!: Date;
}

@ObjectType({ description: 'A published deed on the posts board' })
export class BoardDeed {
  @Field(() => ID)
  id!: string;

  @Field()
  gridName!: string;

  @Field()
  personName!: string;

  @Field(() => DeedPersonKind)
  personKind!: DeedPersonKind;

  @Field()
  title!: string;

  @Field()
  story!: string;
}
