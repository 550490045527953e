import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseStatus } from '../case/case.entity';

/** 板凳会 (an informal bench talk), 圆桌会 (a round table of the parties), 居民议事会 (the residents' council). */
export enum ConsultationKind {
  BENCH = 'BENCH',
  ROUND_TABLE = 'ROUND_TABLE',
  RESIDENTS_COUNCIL = 'RESIDENTS_COUNCIL',
}
registerEnumType(ConsultationKind, {
  name: 'ConsultationKind',
  description: 'BENCH 板凳会 · ROUND_TABLE 圆桌会 · RESIDENTS_COUNCIL 居民议事会',
});

/** PLANNED: convened, invitations out; HELD: attendance and minutes recorded. */
export enum ConsultationStatus {
  PLANNED = 'PLANNED',
  HELD = 'HELD',
}
registerEnumType(ConsultationStatus, { name: 'ConsultationStatus' });

/** Who is invited: a resident, a registered party member (双报到), or an organisation of the registry (五方). */
export enum InviteeKind {
  RESIDENT = 'RESIDENT',
  PARTY_MEMBER = 'PARTY_MEMBER',
  ORGANIZATION = 'ORGANIZATION',
}
registerEnumType(InviteeKind, { name: 'InviteeKind' });

/** How a resolution is carried out: as a project (民生实事), a case, or a task with an owner. */
export enum ResolutionCarriedAs {
  PROJECT = 'PROJECT',
  CASE = 'CASE',
  TASK = 'TASK',
}
registerEnumType(ResolutionCarriedAs, { name: 'ResolutionCarriedAs' });

export enum ProjectStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

/** 人财物: people (person-days or people), money, materials. */
export enum PledgeKind {
  PEOPLE = 'PEOPLE',
  MONEY = 'MONEY',
  MATERIALS = 'MATERIALS',
}
registerEnumType(PledgeKind, { name: 'PledgeKind', description: '人财物 — PEOPLE 人力 · MONEY 资金 · MATERIALS 物资' });

/** Who pledges: a unit or organisation, a registered party member, a representative (两代表一委员), a resident. */
export enum PledgerKind {
  ORGANIZATION = 'ORGANIZATION',
  PARTY_MEMBER = 'PARTY_MEMBER',
  REPRESENTATIVE = 'REPRESENTATIVE',
  RESIDENT = 'RESIDENT',
}
registerEnumType(PledgerKind, { name: 'PledgerKind' });

export enum MilestoneStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
}
registerEnumType(MilestoneStatus, { name: 'MilestoneStatus' });

@ObjectType({ description: 'An invitation to a consultation, and whether the invitee attended' })
export class ConsultationInvitee {
  @Field(() => ID)
  id!: string;

  consultationId!: string;

  @Field(() => InviteeKind)
  kind!: InviteeKind;

  @Field({ description: 'The resident’s or member’s name, or the organisation’s' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Their role at the table, e.g. 业委会主任' })
  role!: string | null;

  @Field(() => ID, { nullable: true })
  residentId!: string | null;

  @Field(() => ID, { nullable: true })
  registrationId!: string | null;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'null until attendance is recorded' })
  attended!: boolean | null;
}

@ObjectType({ description: 'What a consultation resolved: carried out by an owner by a day, visible on the consultation until done' })
export class Resolution {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  consultationId!: string;

  @Field()
  text!: string;

  @Field(() => ResolutionCarriedAs)
  carriedAs!: ResolutionCarriedAs;

  @Field()
  ownerName!: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;

  @Field(() => ID, { nullable: true, description: 'CASE: the case that carries it (none yet: report the case for it)' })
  caseId!: string | null;

  @Field(() => String, { nullable: true, description: 'CASE: the short number of its case, if you see the case' })
  caseNumber!: string | null;

  @Field(() => CaseStatus, { nullable: true, description: 'CASE: the status of its case, if you see the case' })
  caseStatus!: CaseStatus | null;

  @Field(() => ID, { nullable: true, description: 'PROJECT: the project made from it' })
  projectId!: string | null;

  @Field(() => String, { nullable: true })
  projectTitle!: string | null;

  @Field({ description: 'Done: its project completed, its case closed, or its task marked done' })
  done!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  doneAt!: Date | null;
}

@ObjectType({ description: '议事协商 — a 板凳会 / 圆桌会 / 居民议事会 of a compound or community' })
export class Consultation {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The compound (MEDIUM) or community (LARGE) grid' })
  gridId!: string;

  @Field()
  gridName!: string;

  @Field(() => ConsultationKind)
  kind!: ConsultationKind;

  @Field()
  topic!: string;

  @Field(() => GraphQLDateTime)
  startsAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The party service post it is held at' })
  servicePostId!: string | null;

  @Field({ description: 'Where: the service post’s name, else the address given' })
  place!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => Float, { description: 'Where it is drawn on the wall: the service post, else the grid’s label point' })
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => [ID], { description: 'The cases it was convened from' })
  caseIds!: string[];

  @Field({ description: 'Shown to the residents of its grid; unpublished ones only to the invited and their keepers' })
  published!: boolean;

  @Field(() => ConsultationStatus)
  status!: ConsultationStatus;

  @Field(() => String, { nullable: true })
  minutes!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  heldAt!: Date | null;

  @Field(() => Int)
  version!: number;

  @Field(() => [ConsultationInvitee], { description: 'Its keepers see every invitation; an invited person their own' })
  invitees!: ConsultationInvitee[];

  @Field(() => [Resolution])
  resolutions!: Resolution[];

  @Field(() => Int, { description: 'Resolutions not yet done' })
  openResolutions!: number;
}

@ObjectType({ description: '人财物 pledged to a project' })
export class ProjectPledge {
  @Field(() => ID)
  id!: string;

  projectId!: string;

  @Field(() => PledgeKind)
  kind!: PledgeKind;

  @Field(() => Float)
  amount!: number;

  @Field({ description: 'e.g. 元, 人天, 个' })
  unit!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => PledgerKind)
  pledgerKind!: PledgerKind;

  @Field({ description: 'The pledger as the echo wall names them (a unit, or a label such as 在职党员)' })
  pledgerName!: string;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => ID, { nullable: true })
  registrationId!: string | null;
}

@ObjectType({ description: 'A dated step of a project' })
export class ProjectMilestone {
  @Field(() => ID)
  id!: string;

  projectId!: string;

  @Field()
  title!: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;

  @Field(() => MilestoneStatus)
  status!: MilestoneStatus;

  @Field(() => GraphQLDateTime, { nullable: true })
  doneAt!: Date | null;
}

@ObjectType({ description: '项目清单 / 民生实事 — a project of a compound or community' })
export class Project {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  gridId!: string;

  @Field()
  gridName!: string;

  @Field()
  title!: string;

  @Field({ description: 'The need it answers, in words' })
  need!: string;

  @Field(() => ID, { nullable: true, description: 'A need of the needs list it answers' })
  needId!: string | null;

  @Field(() => [ID])
  caseIds!: string[];

  @Field(() => ID, { nullable: true, description: 'The resolution it carries out' })
  resolutionId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The consultation of that resolution' })
  consultationId!: string | null;

  @Field({ description: 'The lead organisation or person' })
  leadName!: string;

  @Field(() => ID, { nullable: true })
  leadOrganizationId!: string | null;

  @Field()
  published!: boolean;

  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field(() => String, { nullable: true, description: 'What was done (on completion)' })
  summary!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  completedAt!: Date | null;

  @Field(() => [String], { description: 'Progress photos: content hashes, served at GET /project-photos/:hash' })
  photos!: string[];

  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => Int)
  version!: number;

  @Field(() => [ProjectPledge])
  pledges!: ProjectPledge[];

  @Field(() => [ProjectMilestone])
  milestones!: ProjectMilestone[];
}

@InputType({
  description: 'Someone to invite: RESIDENT with residentId, PARTY_MEMBER with registrationId, ORGANIZATION with organizationId',
})
export class InviteeInput {
  @Field(() => InviteeKind)
  kind!: InviteeKind;

  @Field(() => ID, { nullable: true })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A party member’s registration (双报到)' })
  registrationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'An organisation of the registry (业委会, 物业公司, 共建单位…)' })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Their role at the table, e.g. 业委会主任' })
  role?: string | null;
}

@InputType()
export class ConveneConsultationInput {
  @Field(() => ID, { description: 'A compound (MEDIUM) or community (LARGE) grid you lead' })
  gridId!: string;

  @Field(() => ConsultationKind)
  kind!: ConsultationKind;

  @Field()
  topic!: string;

  @Field(() => GraphQLDateTime)
  startsAt!: Date;

  @Field(() => ID, { nullable: true, description: 'A party service post; or give address' })
  servicePostId?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Cases it starts from (in the grid; at most 50)' })
  caseIds?: string[] | null;

  @Field({ defaultValue: true })
  published!: boolean;

  @Field(() => [InviteeInput], { description: '1 to 100 invitees' })
  invitees!: InviteeInput[];
}

@InputType()
export class RecordConsultationInput {
  @Field(() => [ID], { description: 'The invitations whose invitee attended; the others are recorded absent' })
  attended!: string[];

  @Field()
  minutes!: string;
}

@InputType()
export class ResolutionInput {
  @Field()
  text!: string;

  @Field(() => ResolutionCarriedAs)
  carriedAs!: ResolutionCarriedAs;

  @Field()
  ownerName!: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;

  @Field(() => ID, { nullable: true, description: 'CASE: the case that carries it; none: report a new case for it (reportResolutionCase)' })
  caseId?: string | null;
}

@InputType()
export class ProjectInput {
  @Field(() => ID, { description: 'A compound (MEDIUM) or community (LARGE) grid you lead' })
  gridId!: string;

  @Field()
  title!: string;

  @Field()
  need!: string;

  @Field(() => ID, { nullable: true })
  needId?: string | null;

  @Field(() => [ID], { nullable: true })
  caseIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'A resolution carried as PROJECT, not yet taken by a project' })
  resolutionId?: string | null;

  @Field(() => String, { nullable: true, description: 'The lead person; default: the lead organisation’s name' })
  leadName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The lead organisation, from the registry' })
  leadOrganizationId?: string | null;

  @Field({ defaultValue: true })
  published!: boolean;
}

@InputType()
export class PledgeInput {
  @Field(() => PledgeKind)
  kind!: PledgeKind;

  @Field(() => Float)
  amount!: number;

  @Field()
  unit!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => PledgerKind)
  pledgerKind!: PledgerKind;

  @Field(() => String, {
    nullable: true,
    description: 'Published on the echo wall when the project completes; default: the pledging organisation’s name',
  })
  pledgerName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The pledging organisation (a co-building unit, the property company…)' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  registrationId?: string | null;
}

@InputType()
export class MilestoneInput {
  @Field()
  title!: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;
}
