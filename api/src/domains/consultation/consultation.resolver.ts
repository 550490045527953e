import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { actorFor } from '../../platform/identity/actor';
import { ReportCaseInput } from '../case/case.input';
import { CaseService } from '../case/case.service';
import { ReportCaseResult } from '../case/case.type';
import { ConsultationService, linkResolutionCase } from './consultation.service';
import {
  Consultation,
  ConveneConsultationInput,
  MilestoneInput,
  PledgeInput,
  Project,
  ProjectInput,
  ProjectStatus,
  RecordConsultationInput,
  ResolutionInput,
} from './consultation.type';

/** 议事协商 and 项目清单: thin, arguments → ConsultationService. */
@Resolver()
export class ConsultationResolver {
  @Query(() => [Consultation], {
    description:
      '议事协商 — the consultations you see (keepers their grids’; residents the published ones of their compound and community, ' +
      'and those they are invited to), newest first; in a grid’s subtree, only those you are invited to, or upcoming ones',
  })
  consultations(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string | null,
    @Arg('invited', { defaultValue: false }) invited?: boolean,
    @Arg('upcoming', { defaultValue: false, description: 'Starting from yesterday on' }) upcoming?: boolean,
  ): Promise<Consultation[]> {
    return new ConsultationService(ctx.db).consultations(ctx.scope, gridId ?? null, invited === true, upcoming === true);
  }

  @Query(() => Consultation, { nullable: true, description: 'One consultation, if you see it' })
  consultation(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Consultation | null> {
    return new ConsultationService(ctx.db).consultation(ctx.scope, id);
  }

  @Query(() => [Project], {
    description: '项目清单 — the projects you see (keepers their grids’; residents the published ones of their compound and community)',
  })
  projects(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string | null,
    @Arg('status', () => ProjectStatus, { nullable: true }) status?: ProjectStatus | null,
  ): Promise<Project[]> {
    return new ConsultationService(ctx.db).projects(ctx.scope, gridId ?? null, status ?? null);
  }

  @Query(() => Project, { nullable: true, description: 'One project, if you see it' })
  project(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Project | null> {
    return new ConsultationService(ctx.db).project(ctx.scope, id);
  }

  @Mutation(() => Consultation, {
    description: 'Convene a 板凳会 / 圆桌会 / 居民议事会 in a compound or community you lead, with its invitations (street admins any)',
  })
  conveneConsultation(
    @Ctx() ctx: Context,
    @Arg('input', () => ConveneConsultationInput) input: ConveneConsultationInput,
  ): Promise<Consultation> {
    return new ConsultationService(ctx.db).convene(ctx.scope, input);
  }

  @Mutation(() => Consultation, { description: 'Record who attended and the minutes: the consultation is HELD' })
  recordConsultation(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => RecordConsultationInput) input: RecordConsultationInput,
  ): Promise<Consultation> {
    return new ConsultationService(ctx.db).record(ctx.scope, id, version, input);
  }

  @Mutation(() => Consultation, { description: 'A resolution of a held consultation: carried out as a project, a case or a task' })
  addResolution(
    @Ctx() ctx: Context,
    @Arg('consultationId', () => ID) consultationId: string,
    @Arg('input', () => ResolutionInput) input: ResolutionInput,
  ): Promise<Consultation> {
    return new ConsultationService(ctx.db).addResolution(ctx.scope, consultationId, input);
  }

  @Mutation(() => Consultation, { description: 'Mark a TASK resolution done (projects and cases are done when they complete or close)' })
  completeResolution(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Consultation> {
    return new ConsultationService(ctx.db).completeResolution(ctx.scope, id);
  }

  @Mutation(() => ReportCaseResult, {
    description:
      'Report a new case (as reportCase) that carries out a CASE resolution still without its case, of a consultation you keep: ' +
      'the case and the link are written together',
  })
  async reportResolutionCase(
    @Ctx() ctx: Context,
    @Arg('resolutionId', () => ID) resolutionId: string,
    @Arg('input', () => ReportCaseInput) input: ReportCaseInput,
  ): Promise<ReportCaseResult> {
    const id = await new ConsultationService(ctx.db).caseResolution(ctx.scope, resolutionId, input.clientKey, 'resolutionId');
    return new CaseService(ctx.db, ctx.bus).report(input, actorFor(ctx.scope), ctx.scope.viewer, (m, caseId) =>
      linkResolutionCase(m, id, caseId, 'resolutionId'),
    );
  }

  @Mutation(() => Project, {
    description: 'A project (民生实事) of a compound or community you lead, optionally carrying out a resolution',
  })
  createProject(@Ctx() ctx: Context, @Arg('input', () => ProjectInput) input: ProjectInput): Promise<Project> {
    return new ConsultationService(ctx.db).createProject(ctx.scope, input);
  }

  @Mutation(() => Project, { description: '人财物 pledged to a project in progress' })
  pledgeToProject(
    @Ctx() ctx: Context,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => PledgeInput) input: PledgeInput,
  ): Promise<Project> {
    return new ConsultationService(ctx.db).pledge(ctx.scope, projectId, input);
  }

  @Mutation(() => Project, { description: 'A dated milestone of a project in progress' })
  addProjectMilestone(
    @Ctx() ctx: Context,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => MilestoneInput) input: MilestoneInput,
  ): Promise<Project> {
    return new ConsultationService(ctx.db).addMilestone(ctx.scope, projectId, input);
  }

  @Mutation(() => Project, { description: 'Mark a milestone done, with progress photos (base64, at most 5 of 5 MB)' })
  completeProjectMilestone(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('photos', () => [String], { nullable: true }) photos?: string[] | null,
  ): Promise<Project> {
    return new ConsultationService(ctx.db).completeMilestone(ctx.scope, id, photos ?? null);
  }

  @Mutation(() => Project, {
    description: 'Complete a project whose milestones are all done, saying what was done: it appears on the echo wall',
  })
  completeProject(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('summary') summary: string,
  ): Promise<Project> {
    return new ConsultationService(ctx.db).completeProject(ctx.scope, id, version, summary);
  }
}
