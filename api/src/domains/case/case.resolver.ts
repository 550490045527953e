import { SYNC_ARG } from '../../platform/graphql/sync';
import {
  Arg,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  registerEnumType,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectsPath } from '../../platform/graphql/selection';
import { compileSelection, isCompiled } from '../../platform/graphql/compiled-read';
import { GraphQLDateTime } from 'graphql-scalars';
import type { Context } from '../../platform/graphql/context';
import { withSession } from '../../platform/db/session';
import { notFound } from '../../platform/graphql/errors';
import { Building } from '../building/building.entity';
import { Grid } from '../grid/grid.entity';
import { Case, CaseCategory, CaseEvent, CaseStatus, Department } from './case.entity';
import { ReportCaseInput } from './case.input';
import { ActorInput } from '../../platform/identity/actor.input';
import { CaseIndicatorService } from './case.indicators';
import { CaseHeatmapService, HEATMAP_DEFAULT_CELL_M, HEATMAP_MAX_BUCKETS, HEATMAP_MAX_DAYS } from './case.heatmap';
import { actorFor } from '../../platform/identity/actor';
import { CaseOrder, CaseService, type TransitionParams } from './case.service';
import { caseAudience, caseEventStream, mayConcern, type StreamFilter } from './case.stream';
import { type CaseAction, TRANSITIONS } from './case.rules';
import {
  CaseConnection,
  CaseHeatmap,
  CaseIndicators,
  CaseKpiSeries,
  CaseRules,
  CaseRulesInput,
  ExtensionRequest,
  pendingExtensionOf,
  ReportCaseResult,
} from './case.type';
import { Street } from '../street/street.entity';
import { requireCan } from '../../platform/identity/policy';

registerEnumType(CaseOrder, {
  name: 'CaseOrder',
  description: 'OLDEST report order; NEWEST newest first; URGENT by priority (URGENT, HIGH, NORMAL), newest first within one',
});

const VERSION = { description: 'The version you read; a newer one in the database means CONFLICT' };
const ACTOR = {
  nullable: true,
  description: 'The case role to act in (must be one your account holds; default: your natural role). The name recorded is your account',
};

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => Case, { nullable: true })
  case(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Case | null> {
    return ctx.loaders.caseById.load(id);
  }

  @Query(() => Case, {
    nullable: true,
    description: '事件编号查询 — the case with this readable number (YYYYMMDD-NNNN) among those you can see; streetCode picks the street',
  })
  async caseByNumber(
    @Ctx() ctx: Context,
    @Arg('number') number: string,
    @Arg('streetCode', () => String, { nullable: true }) streetCode?: string,
  ): Promise<Case | null> {
    const c = await new CaseService(ctx.db, ctx.bus).byNumber(number, ctx.scope, streetCode);
    if (c) ctx.loaders.caseById.prime(c.id, c);
    return c;
  }

  @Query(() => CaseConnection, {
    description:
      "Cases in a grid's subtree, a bbox [w,s,e,n], by status, category, overdue, open and report time [from, to); " +
      'oldest first, or as `order` says',
  })
  async cases(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
    @Arg('bbox', () => [Float], { nullable: true }) bbox?: number[],
    @Arg('status', () => CaseStatus, { nullable: true }) status?: CaseStatus,
    @Arg('category', () => String, { nullable: true }) category?: string,
    @Arg('overdue', () => Boolean, {
      nullable: true,
      description: 'true: cases open past their deadline, or marked overdue by the sweep (closed ones included); false: the others',
    })
    overdue?: boolean,
    @Arg('open', () => Boolean, {
      nullable: true,
      description:
        'true: only cases that still need work (REPORTED, FILED, DISPATCHED, IN_PROGRESS, HANDLED, ESCALATED); false: only finished',
    })
    open?: boolean,
    @Arg('extensionRequested', () => Boolean, {
      nullable: true,
      description: '申请延期 — true: only cases with an extension request waiting for the command centre; false: only those without',
    })
    extensionRequested?: boolean,
    @Arg('from', () => GraphQLDateTime, { nullable: true }) from?: Date,
    @Arg('to', () => GraphQLDateTime, { nullable: true }) to?: Date,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('order', () => CaseOrder, { nullable: true, defaultValue: CaseOrder.OLDEST }) order?: CaseOrder,
    @Arg('changedSince', () => String, { nullable: true, description: `${SYNC_ARG}; \`order\` is ignored` }) changedSince?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<CaseConnection> {
    // The page's grids in the page's statement when the query asks for them (issue #15).
    const withGrid = changedSince == null && info != null && selectsPath(info, ['nodes', 'grid']);
    const page = await new CaseService(ctx.db, ctx.bus).list(
      { gridId, bbox, status, category, overdue, open, extensionRequested, from, to, order, first, after },
      ctx.scope,
      { changedSince, config: ctx.sync },
      { withGrid, compile: info && compileSelection(info, ['nodes'], 'Case', ctx.db, ctx.scope) },
    );
    // Nodes built by a compiled read hold only the selected fields: nothing to prime.
    if (page.nodes.some(isCompiled)) return page;
    // Listed cases are visible cases: their timelines need not ask again.
    for (const c of page.nodes) {
      ctx.loaders.caseById.prime(c.id, c);
      const joined = c as Case & { gridOf?: Grid | null };
      if (withGrid) {
        ctx.loaders.gridById.prime(c.gridId, joined.gridOf ?? null);
        delete joined.gridOf;
      }
    }
    return page;
  }

  @Query(() => [CaseEvent], {
    description:
      "The newest case events (newest first) of the cases you can see, optionally in a grid's subtree; " +
      "subscribe to caseUpdates with after = the first one's id to continue without gap or duplicate",
  })
  async recentCaseEvents(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20, description: '1 to 100' }) first: number,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
  ): Promise<CaseEvent[]> {
    ctx.scope.requireSignedIn();
    return new CaseService(ctx.db, ctx.bus).recentEvents(ctx.scope, first, gridId);
  }

  @Query(() => [CaseCategory], { description: '事件分类 — the category code table with time limits' })
  caseCategories(@Ctx() ctx: Context): Promise<CaseCategory[]> {
    return new CaseService(ctx.db, ctx.bus).categories();
  }

  @Query(() => [Department], {
    description: '职能部门名录 — the departments cases go to, by code; with `category`, those handling it',
  })
  departments(@Ctx() ctx: Context, @Arg('category', () => String, { nullable: true }) category?: string): Promise<Department[]> {
    ctx.scope.requireSignedIn();
    return new CaseService(ctx.db, ctx.bus).departments(category);
  }

  @Query(() => CaseIndicators, {
    description:
      "Indicators over the cases of a grid's subtree (no gridId: every case you can see) reported in [from, to); formulas per field",
  })
  caseIndicators(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId: string | null,
    @Arg('from', () => GraphQLDateTime) from: Date,
    @Arg('to', () => GraphQLDateTime) to: Date,
  ): Promise<CaseIndicators> {
    ctx.scope.requireSignedIn();
    return new CaseIndicatorService(ctx.db).forGrid(gridId ?? null, from, to, ctx.scope.seesEverything('Grid'));
  }

  @Query(() => CaseKpiSeries, {
    description:
      "The KPI band's sparklines: weekly series (open, reported, overdue, closed, on-time closure, satisfaction) of the " +
      "cases of a grid's subtree (no gridId: every case you can see), `weeks` 7-day spans ending at `to` (default now)",
  })
  caseKpiSeries(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId: string | null,
    @Arg('weeks', () => Int, { defaultValue: 12, description: '1 to 52' }) weeks: number,
    @Arg('to', () => GraphQLDateTime, { nullable: true }) to: Date | null,
  ): Promise<CaseKpiSeries> {
    ctx.scope.requireSignedIn();
    return new CaseIndicatorService(ctx.db).weekly(gridId ?? null, weeks, to ?? new Date(), ctx.scope.seesEverything('Grid'));
  }

  @Query(() => CaseHeatmap, {
    description:
      "案件热力 — the cases you can see (of a grid's subtree, or all) reported in [from, to), counted per map cell and per " +
      `day, in columns; at most ${HEATMAP_MAX_DAYS} days and ${HEATMAP_MAX_BUCKETS} buckets`,
  })
  caseHeatmap(
    @Ctx() ctx: Context,
    @Arg('from', () => GraphQLDateTime) from: Date,
    @Arg('to', () => GraphQLDateTime) to: Date,
    @Arg('gridId', () => ID, { nullable: true }) gridId: string | null,
    @Arg('cellMeters', () => Int, { defaultValue: HEATMAP_DEFAULT_CELL_M, description: 'Side of a cell, 10 to 5000 m' })
    cellMeters: number,
  ): Promise<CaseHeatmap> {
    ctx.scope.requireSignedIn();
    return new CaseHeatmapService(ctx.db).heatmap(gridId ?? null, from, to, cellMeters, ctx.scope.seesEverything('Grid'));
  }

  @Mutation(() => ReportCaseResult, { description: 'Report a case (上报): routed to the small grid at the point; idempotent by clientKey' })
  reportCase(
    @Ctx() ctx: Context,
    @Arg('input', () => ReportCaseInput) input: ReportCaseInput,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<ReportCaseResult> {
    return new CaseService(ctx.db, ctx.bus).report(input, actorFor(ctx.scope, actor), ctx.scope.viewer);
  }

  @Mutation(() => Case, { description: '立案 — REPORTED → FILED, sets the deadline; GRID_LEADER or COMMAND_CENTRE' })
  fileCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'FILE');
  }

  @Mutation(() => Case, {
    description: '不予立案 — REPORTED/FILED → REJECTED with a reason, optionally as a duplicate; GRID_LEADER or COMMAND_CENTRE',
  })
  rejectCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('reason') reason: string,
    @Arg('duplicateOf', () => ID, { nullable: true }) duplicateOf?: string,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'REJECT', { reason, duplicateOf });
  }

  @Mutation(() => Case, {
    description:
      '派遣 — FILED/ESCALATED → DISPATCHED, optionally to a department or to a grid leader of the case’s grid chain; ' +
      'COMMAND_CENTRE or GRID_LEADER',
  })
  dispatchCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('department', () => String, {
      nullable: true,
      description:
        'A department of the registry by its exact name (departments); a name it does not hold is BAD_USER_INPUT. Prefer departmentId',
    })
    department?: string,
    @Arg('leaderId', () => ID, {
      nullable: true,
      description: 'A current leader (GridLeader.id) of the case’s small grid or a grid above it, from Grid.leaders',
    })
    leaderId?: string,
    @Arg('departmentId', () => ID, { nullable: true, description: 'A department of the registry (departments); instead of `department`' })
    departmentId?: string,
    @Arg('organizationId', () => ID, {
      nullable: true,
      description:
        'A property company (organizations, kind PROPERTY_COMPANY) serving the case’s grid; its staff then see and work the case',
    })
    organizationId?: string,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'DISPATCH', { department, leaderId, departmentId, organizationId });
  }

  @Mutation(() => Case, { description: '处置 — DISPATCHED → IN_PROGRESS; DEPARTMENT or GRID_LEADER' })
  startCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'START');
  }

  @Mutation(() => Case, { description: '反馈 — IN_PROGRESS → HANDLED with feedback and optional photos; DEPARTMENT or GRID_LEADER' })
  handleCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('feedback') feedback: string,
    @Arg('photos', () => [String], {
      nullable: true,
      description: 'Photos of the work done, base64-encoded (at most 5, 5 MB each); added to the case photos, served at /photos/<hash>',
    })
    photos?: string[],
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'HANDLE', { feedback, photos });
  }

  @Mutation(() => Case, { description: '返工 — HANDLED → IN_PROGRESS with a reason, counted as rework; COMMAND_CENTRE' })
  returnCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('reason') reason: string,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'RETURN', { reason });
  }

  @Mutation(() => Case, { description: '核查结案 — HANDLED → CLOSED after verification; COMMAND_CENTRE' })
  closeCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'CLOSE', { comment });
  }

  @Mutation(() => Case, { description: '评价 — CLOSED → RATED, 1 to 5; REPORTER' })
  rateCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('rating', () => Int) rating: number,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'RATE', { rating, comment });
  }

  @Mutation(() => Case, {
    description:
      '上报上级 — FILED/DISPATCHED/IN_PROGRESS → ESCALATED to the next grid level up, or to a department; GRID_LEADER or COMMAND_CENTRE',
  })
  escalateCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('reason') reason: string,
    @Arg('department', () => String, {
      nullable: true,
      description:
        'A department of the registry by its exact name (departments); a name it does not hold is BAD_USER_INPUT. Prefer departmentId',
    })
    department?: string,
    @Arg('departmentId', () => ID, {
      nullable: true,
      description: 'To a department of the registry (departments) instead of up the grid chain',
    })
    departmentId?: string,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'ESCALATE', { reason, department, departmentId });
  }

  @Mutation(() => Case, { description: '延期 — a later deadline with a reason, status unchanged; COMMAND_CENTRE' })
  extendCaseDeadline(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('newDueAt', () => GraphQLDateTime) newDueAt: Date,
    @Arg('reason') reason: string,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'EXTEND', { newDueAt, reason });
  }

  @Mutation(() => Case, {
    description:
      '延期申请 — ask the command centre for a later deadline (`until`) with a reason; ' +
      'the deadline stays until extendCaseDeadline approves it or declineCaseExtension declines it; ' +
      'one pending request at a time; GRID_LEADER or DEPARTMENT',
  })
  requestCaseExtension(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('reason') reason: string,
    @Arg('until', () => GraphQLDateTime, { description: 'The deadline asked for' }) until: Date,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'REQUEST_EXTENSION', { newDueAt: until, reason });
  }

  @Mutation(() => Case, {
    description: '驳回延期申请 — decline the pending extension request with a reason; the deadline stays; COMMAND_CENTRE',
  })
  declineCaseExtension(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('reason') reason: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<Case> {
    return transition(ctx, id, version, actor, 'DECLINE_EXTENSION', { reason });
  }

  @FieldResolver(() => ExtensionRequest, { nullable: true, description: 'The extension request waiting for the command centre, if any' })
  async pendingExtension(@Root() c: Case, @Ctx() ctx: Context): Promise<ExtensionRequest | null> {
    if (!TRANSITIONS.EXTEND.from.includes(c.status)) return null;
    return pendingExtensionOf(await ctx.loaders.caseTimeline.load(c.id));
  }

  @Subscription(() => CaseEvent, {
    description:
      'Case events in a grid subtree and/or bbox: those after the cursor `after` (an event id) first, then live; no gap, no duplicate',
    subscribe: ({ args, context }) => {
      const { db, bus, scope, session } = context as Context;
      const audience = caseAudience(db.dataSource);
      return caseEventStream(db, bus, {
        ...(args as StreamFilter),
        visible: (path) => scope.seesCaseAt(path),
        // Those the case may concern (its reporter, its department's staff) are asked in a fresh session as
        // themselves: their own policies decide.
        readable: async (event) =>
          mayConcern(scope.viewer, await audience(event)) &&
          withSession(
            db.dataSource,
            session.identity,
            async (own) => (await own.query(`SELECT 1 FROM case_event WHERE id = $1`, [event.id])).length > 0,
          ),
      });
    },
  })
  caseUpdates(
    @Root() event: CaseEvent,
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) _gridId?: string,
    @Arg('bbox', () => [Float], { nullable: true }) _bbox?: number[],
    @Arg('after', () => ID, { nullable: true, description: 'The last event id seen' }) _after?: string,
  ): CaseEvent {
    // One context serves the whole subscription: never answer a cached, older case.
    ctx.loaders.caseById.clear(event.caseId);
    return event;
  }

  @FieldResolver(() => Grid, { description: 'The small grid the case was routed to' })
  async grid(@Root() c: Case, @Ctx() ctx: Context): Promise<Grid> {
    const grid = await ctx.loaders.gridById.load(c.gridId);
    if (!grid) throw notFound('Grid', c.gridId);
    return grid;
  }

  @FieldResolver(() => Building, { nullable: true })
  building(@Root() c: Case, @Ctx() ctx: Context): Promise<Building | null> | null {
    return c.buildingId ? ctx.loaders.buildingById.load(c.buildingId) : null;
  }

  @FieldResolver(() => CaseCategory, { name: 'categoryInfo', description: 'The category row: names and time limits' })
  async categoryInfo(@Root() c: Case, @Ctx() ctx: Context): Promise<CaseCategory | null> {
    return ctx.loaders.caseCategoryByCode.load(c.category);
  }

  @FieldResolver(() => [CaseEvent], { description: '时间线 — every change, oldest first' })
  timeline(@Root() c: Case, @Ctx() ctx: Context): Promise<CaseEvent[]> {
    return ctx.loaders.caseTimeline.load(c.id);
  }
}

@Resolver(() => CaseEvent)
export class CaseEventResolver {
  @FieldResolver(() => Case, { description: 'The case as it is now' })
  async case(@Root() e: CaseEvent, @Ctx() ctx: Context): Promise<Case> {
    const c = await ctx.loaders.caseById.load(e.caseId);
    if (!c) throw notFound('Case', e.caseId);
    return c;
  }
}

/** A step on a case the caller can see, as the actor their account allows. */
async function transition(
  ctx: Context,
  id: string,
  version: number,
  actor: ActorInput | undefined,
  action: CaseAction,
  params?: TransitionParams,
): Promise<Case> {
  const acting = actorFor(ctx.scope, actor);
  if (!(await ctx.loaders.caseById.load(id))) throw notFound('Case', id);
  ctx.loaders.caseById.clear(id);
  return new CaseService(ctx.db, ctx.bus).transition(id, version, acting, action, params);
}

/** The street's case rules, read on the street and set by its admins. */
@Resolver(() => Street)
export class StreetCaseRulesResolver {
  @FieldResolver(() => CaseRules, { description: '事件办理规则 — the rules the closed loop applies in this street' })
  caseRules(@Root() street: Street, @Ctx() ctx: Context): Promise<CaseRules> {
    return new CaseService(ctx.db, ctx.bus).rules(street.id);
  }

  @Mutation(() => CaseRules, {
    description: '设置事件办理规则 — e.g. which rating sends a closed case back for rework (不满意返工); STREET_ADMIN',
  })
  setCaseRules(
    @Ctx() ctx: Context,
    @Arg('streetId', () => ID) streetId: string,
    @Arg('input', () => CaseRulesInput) input: CaseRulesInput,
  ): Promise<CaseRules> {
    requireCan(ctx.scope.viewer, 'SET_STREET_RULES');
    return new CaseService(ctx.db, ctx.bus).setRules(streetId, input, actorFor(ctx.scope, null));
  }
}
