import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { SyncConnection } from '../../platform/graphql/sync';
import { Case, type CaseEvent } from './case.entity';

@ObjectType({ description: '延期申请 — a request for a later deadline, waiting for the command centre' })
export class ExtensionRequest {
  @Field(() => ID, { description: 'The EXTENSION_REQUESTED event' })
  eventId!: string;

  @Field(() => GraphQLDateTime, { description: 'The deadline asked for' })
  until!: Date;

  @Field()
  reason!: string;

  @Field({ description: 'Who asked (the account)' })
  requestedBy!: string;

  @Field(() => GraphQLDateTime)
  requestedAt!: Date;
}

/** The last EXTENSION_REQUESTED of a timeline (oldest first) not answered by EXTENDED or EXTENSION_DECLINED. */
export function pendingExtensionOf(timeline: CaseEvent[]): ExtensionRequest | null {
  let pending: ExtensionRequest | null = null;
  for (const e of timeline) {
    if (e.type === 'EXTENSION_REQUESTED') {
      const until = (e.data as { until?: string } | null)?.until;
      pending = {
        eventId: e.id,
        until: new Date(until ?? e.at),
        reason: e.note ?? '',
        requestedBy: e.actorName,
        requestedAt: new Date(e.at),
      };
    } else if (e.type === 'EXTENDED' || e.type === 'EXTENSION_DECLINED') pending = null;
  }
  return pending;
}

@ObjectType({ description: 'The answer to reportCase' })
export class ReportCaseResult {
  @Field(() => Case)
  case!: Case;

  @Field({ description: 'False when the clientKey had already been used: nothing new was written' })
  created!: boolean;

  @Field(() => [Case], { description: 'Open cases of the same category within 50 m: possible duplicates' })
  possibleDuplicates!: Case[];
}

export const CaseConnection = SyncConnection(Case);
export type CaseConnection = InstanceType<typeof CaseConnection>;

/**
 * Indicators (考核指标) over the cases of a grid's subtree reported in a period. A rate
 * whose denominator is zero is null rather than a made-up 0 or 1.
 */
@ObjectType({ description: "Indicators over the cases of a grid's subtree reported in [from, to)" })
export class CaseIndicators {
  @Field(() => Int, { description: 'Cases reported in the period' })
  reported!: number;

  @Field(() => Int, { description: '立案数 — cases filed' })
  filed!: number;

  @Field(() => Int, { description: '结案数 — cases closed (CLOSED or RATED)' })
  closed!: number;

  @Field(() => Int, { description: '应结案数 — filed cases whose deadline fell before the end of the period, or that closed in it' })
  dueToClose!: number;

  @Field(() => Int, { description: '按期结案数 — closed no later than their deadline' })
  closedOnTime!: number;

  @Field(() => Float, { nullable: true, description: '按期结案率 = closed on time ÷ due to close' })
  onTimeClosureRate!: number | null;

  @Field(() => Float, { nullable: true, description: '结案率 = closed ÷ filed' })
  closureRate!: number | null;

  @Field(() => Float, { nullable: true, description: '返工率 = cases returned for rework at least once ÷ cases handled at least once' })
  reworkRate!: number | null;

  @Field(() => Float, { nullable: true, description: '延期率 = cases with at least one extension ÷ filed' })
  extensionRate!: number | null;

  @Field(() => Float, { nullable: true, description: '平均派遣时长 — mean hours from report to first dispatch' })
  meanHoursToDispatch!: number | null;

  @Field(() => Float, { nullable: true, description: '平均结案时长 — mean hours from report to close' })
  meanHoursToClose!: number | null;

  @Field(() => Float, { nullable: true, description: '满意度 = mean rating ÷ 5 (rated cases only)' })
  satisfaction!: number | null;

  @Field(() => Int, { description: 'Rated cases behind satisfaction' })
  rated!: number;
}

@ObjectType({ description: '事件办理规则 — the street’s case rules (defaults where the street has set none)' })
export class CaseRules {
  @Field(() => ID)
  streetId!: string;

  @Field(() => Int, {
    nullable: true,
    description: '不满意返工: a rating at most this (of 5) sends a closed case back for rework as the system; null: never. Default 2',
  })
  reworkRatingAtMost!: number | null;

  @Field(() => Int, { description: 'How many times the rating rule may send one case back (0–5). Default 1' })
  reworkTimes!: number;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When an admin last set the rules; null: the defaults' })
  updatedAt!: Date | null;
}

@InputType()
export class CaseRulesInput {
  @Field(() => Int, { nullable: true, description: '1 to 4, or null for no rule' })
  reworkRatingAtMost!: number | null;

  @Field(() => Int, { description: '0 to 5' })
  reworkTimes!: number;
}

/**
 * 案件热力 — the cases reported in [from, to) counted per cell of a square grid (`cellMeters`
 * in Web Mercator) and per day (24 h from `from`), in columns: cell i sits at (lng[i], lat[i]);
 * bucket j holds count[j] cases (late[j] of them past their deadline) of cell cell[j] reported
 * on day day[j]. Columns keep the payload small: a few bytes per bucket.
 */
@ObjectType({ description: '案件热力 — cases reported in [from, to) per map cell and per day, as parallel columns' })
export class CaseHeatmap {
  @Field(() => GraphQLDateTime)
  from!: Date;

  @Field(() => GraphQLDateTime)
  to!: Date;

  @Field(() => Int, { description: 'Days in the window (day indexes run 0 … days − 1, each 24 h from `from`)' })
  days!: number;

  @Field(() => Int, { description: 'Side of a cell in metres (Web Mercator)' })
  cellMeters!: number;

  @Field(() => [Float], { description: 'Longitude of each cell’s centre (WGS-84)' })
  lng!: number[];

  @Field(() => [Float], { description: 'Latitude of each cell’s centre (WGS-84)' })
  lat!: number[];

  @Field(() => [Int], { description: 'Per bucket: the index of its cell in lng/lat' })
  cell!: number[];

  @Field(() => [Int], { description: 'Per bucket: the day index' })
  day!: number[];

  @Field(() => [Int], { description: 'Per bucket: cases reported in that cell on that day' })
  count!: number[];

  @Field(() => [Int], {
    description: 'Per bucket: of those, the cases past their deadline (超期: closed after it, or not closed and it has passed)',
  })
  late!: number[];

  @Field(() => Int, { description: 'Cases counted (the sum of count)' })
  total!: number;

  @Field({ description: 'True when the buckets were cut at the limit (the latest days are dropped first): ask a shorter window' })
  truncated!: boolean;
}

/**
 * The KPI band's 12-week sparklines: one value per week, oldest first. Weeks are the 7-day
 * spans ending at `to` (the last one ends at `to`). Snapshot series (open, overdue) are taken
 * at each week's end; rate series are `caseIndicators` over the cases reported in the week.
 */
@ObjectType({ description: 'Weekly series of the KPI band, oldest week first; weeks are the 7-day spans ending at `to`' })
export class CaseKpiSeries {
  @Field(() => [GraphQLDateTime], { description: 'Start of each week' })
  weekStarts!: Date[];

  @Field(() => [Int], { description: '新增 — cases reported in the week' })
  reported!: number[];

  @Field(() => [Int], { description: '在办 — cases open at the week’s end (reported before it, not closed by it, not rejected)' })
  open!: number[];

  @Field(() => [Int], {
    description: '超期 — cases overdue at the week’s end (filed, deadline before it, not closed by it, not rejected)',
  })
  overdue!: number[];

  @Field(() => [Int], { description: '结案 — cases closed in the week' })
  closed!: number[];

  @Field(() => [Float], {
    nullable: 'items',
    description: '按期结案率 of the cases reported in the week (as caseIndicators); null: none due',
  })
  onTimeClosureRate!: (number | null)[];

  @Field(() => [Float], { nullable: 'items', description: '满意度 of the cases reported in the week (mean rating ÷ 5); null: none rated' })
  satisfaction!: (number | null)[];
}
