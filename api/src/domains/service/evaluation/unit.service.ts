// exceljs (~200 modules) is imported when a workbook is written, not at start.
import type ExcelJSModule from 'exceljs';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { EntityManager } from 'typeorm';
import { type Db, elevated } from '../../../platform/db/session';
import { badInput, forbidden, notFound } from '../../../platform/graphql/errors';
import { monthParam } from '../../../platform/http/month-params';
import { ActorRole } from '../../../platform/identity/actor';
import type { Scope } from '../../../platform/identity/scope';
import { appendServiceEvent } from '../service.events';
import { intIn, optionalText, requireInPaths } from '../service.rules';
import { UUID } from '../service.service';
import { EvaluationRow, EvaluationService } from './evaluation.service';

/** The purpose of a unit's rating link (signed-link.ts): a link for it opens nothing else. */
export const UNIT_LINK = 'unit-evaluation';
/** How long a link is good for by default, and at most (days). */
export const UNIT_LINK_DAYS = { default: 14, max: 60 } as const;

/** 双报告 — a work unit's month: each of its registered members' service hours and both ratings. */
@ObjectType({ description: '双报告 — a work unit’s monthly report: its registered members’ service hours and both ratings (双评议)' })
export class UnitReport {
  @Field(() => ID, { description: 'The unit’s registration (kind UNIT)' })
  unitId!: string;

  @Field()
  unitName!: string;

  @Field(() => ID)
  communityId!: string;

  @Field()
  communityName!: string;

  @Field({ description: 'YYYY-MM' })
  month!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Through a signed link: until when it is good; else null' })
  expiresAt!: Date | null;

  @Field(() => [EvaluationRow], { description: 'The unit’s registered members (在职党员), by name' })
  members!: EvaluationRow[];

  @Field(() => Float, { description: 'The members’ hours in the month, together' })
  totalHours!: number;

  @Field(() => Int, { description: 'Members the unit has rated for the month' })
  unitRated!: number;

  @Field(() => Int, { description: 'Members the community has rated for the month' })
  communityRated!: number;
}

@ObjectType({ description: 'A signed link for a unit to rate its members’ month without signing in (双评议)' })
export class UnitEvaluationLink {
  @Field({ description: 'The token: the web page is /unit-evaluation#<token>' })
  token!: string;

  @Field(() => ID)
  unitId!: string;

  @Field()
  unitName!: string;

  @Field()
  month!: string;

  @Field(() => GraphQLDateTime)
  expiresAt!: Date;
}

interface Unit {
  id: string;
  name: string;
  userId: string | null;
  communityId: string;
  communityName: string;
  communityPath: string;
}

/**
 * 双评议 from the unit's side and 双报告: a member's work unit (a UNIT registration, to which its
 * members point by `unit_id`) rates its members' month, either signed in as the unit's own
 * account (the registration's `user_id`) or through a signed link a community leader hands it
 * (HMAC, one unit, one month, expiring; no account needed), and receives the month's report of
 * its members' hours and both ratings, in the API and as XLSX. The unit's members may live in
 * several communities, so once the caller is authorized the reads and writes run as the system.
 */
export class UnitEvaluationService {
  /** `db`: the system's manager (or a caller's session, for the authorization's own read). */
  constructor(private readonly db: Db) {}

  /**
   * The unit as the caller sees it: its registration under the caller's row-level security (a
   * unit the caller cannot see is NOT_FOUND, as a missing one), then its community read as the
   * system (a unit's account or a small grid's leader does not see the community's grid row).
   */
  async visibleUnit(unitId: string, field = 'unitId'): Promise<Unit> {
    if (!UUID.test(unitId)) throw badInput(field, 'is not an id');
    const [seen] = await this.db.query(`SELECT 1 FROM service_registration WHERE id = $1 AND kind = 'UNIT'`, [unitId]);
    if (!seen) throw notFound('unit', unitId);
    return elevated(this.db, () => this.unit(unitId, field));
  }

  async unit(unitId: string, field = 'unitId'): Promise<Unit> {
    if (!UUID.test(unitId)) throw badInput(field, 'is not an id');
    const [unit]: Unit[] = await this.db.query(
      `SELECT r.id, coalesce(r.unit_name, r.name) AS name, r.user_id AS "userId", r.community_id AS "communityId",
              g.name AS "communityName", g.path::text AS "communityPath"
         FROM service_registration r JOIN grid g ON g.id = r.community_id
        WHERE r.id = $1 AND r.kind = 'UNIT'`,
      [unitId],
    );
    if (!unit) throw notFound('unit', unitId);
    return unit;
  }

  async report(unitId: string, month: string, expiresAt: Date | null = null): Promise<UnitReport> {
    monthParam(month);
    const unit = await this.unit(unitId);
    const members = await new EvaluationService(this.db).sheet({ unitId, period: month });
    return {
      unitId,
      unitName: unit.name,
      communityId: unit.communityId,
      communityName: unit.communityName,
      month,
      expiresAt,
      members,
      totalHours: members.reduce((s, r) => s + r.hours, 0),
      unitRated: members.filter((r) => r.unitRating != null).length,
      communityRated: members.filter((r) => r.communityRating != null).length,
    };
  }

  /**
   * The unit's rating of one member's month (replacing its earlier one), in the caller's
   * transaction `m` (as the system): the member must be a MEMBER of this unit. `via` names the
   * channel in the service timeline (the account, or the signed link).
   */
  async rate(
    m: EntityManager,
    unitId: string,
    month: string,
    args: { registrationId: string; rating: number; comment?: string | null },
    via: string,
  ): Promise<void> {
    if (!UUID.test(args.registrationId)) throw badInput('registrationId', 'is not an id');
    intIn(args.rating, 'rating', 1, 5);
    const note = optionalText(args.comment, 'comment', 1000);
    const [member] = await m.query(`SELECT 1 FROM service_registration WHERE id = $1 AND unit_id = $2 AND kind = 'MEMBER'`, [
      args.registrationId,
      unitId,
    ]);
    if (!member) throw badInput('registrationId', 'is not a registered member of this unit');
    await m.query(
      `INSERT INTO service_evaluation (registration_id, period, evaluator, rating, comment) VALUES ($1, $2, 'UNIT', $3, $4)
       ON CONFLICT (registration_id, period, evaluator) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, at = now()`,
      [args.registrationId, month, args.rating, note],
    );
    await appendServiceEvent(
      m,
      'REGISTRATION',
      args.registrationId,
      'EVALUATED',
      { role: ActorRole.DEPARTMENT, name: via.slice(0, 100) },
      note,
      {
        period: month,
        evaluator: 'UNIT',
        rating: args.rating,
      },
    );
  }
}

/**
 * Who may read a unit's report or rate as the unit, signed in: street staff (read only) and
 * the leaders of the unit's community read it; the unit's own account reads it and rates.
 * `unit` is read as the system; a caller who may not read it gets FORBIDDEN.
 */
export function unitAccess(scope: Scope, unit: Unit): 'staff' | 'leader' | 'unit' {
  const v = scope.viewer;
  if (v.kind === 'user' && unit.userId !== null && v.id === unit.userId) return 'unit';
  if (scope.seesAll) return 'staff';
  if (v.kind === 'user' && v.role === 'GRID_LEADER') {
    requireInPaths(v.gridPaths, unit.communityPath, 'read the report of a unit registered');
    return 'leader';
  }
  throw forbidden('a unit’s report is for the unit, its community’s leaders and street staff');
}

/** Who may hand a unit its rating link: a leader of the unit's community (or a street admin, acting as one). */
export function requireLinkIssuer(scope: Scope, unit: Unit): void {
  const v = scope.viewer;
  if (v.kind === 'user' && v.role === 'STREET_ADMIN') return;
  if (v.kind === 'user' && v.role === 'GRID_LEADER') {
    requireInPaths(v.gridPaths, unit.communityPath, 'hand out the rating link of a unit registered');
    return;
  }
  throw forbidden('rating links are handed out by the community’s leaders');
}

const FORMULA_START = /^[=+\-@\t\r]/;
const cell = (v: string | null) => (v != null && FORMULA_START.test(v) ? `'${v}` : v);

/** 双报告 as an XLSX workbook (exceljs): one sheet, a row per member, the total at the end. */
export async function unitReportXlsx(r: UnitReport): Promise<Buffer> {
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'streetgrid';
  const [y, mo] = r.month.split('-');
  const title = `${r.unitName} ${y}年${Number(mo)}月 在职党员双报告`;
  wb.title = title;
  const ws = wb.addWorksheet('双报告');
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([`报到社区：${r.communityName}`]);
  ws.addRow(['姓名', '服务时长(小时)', '单位评议', '单位意见', '社区评议', '社区意见']).font = { bold: true };
  for (const m of r.members)
    ws.addRow([cell(m.name), m.hours, m.unitRating, cell(m.unitComment), m.communityRating, cell(m.communityComment)]);
  ws.addRow(['合计', r.totalHours, r.unitRated, null, r.communityRated, null]).font = { bold: true };
  ws.getColumn(2).numFmt = '0.0';
  ws.columns.forEach((c, i) => (c.width = i === 3 || i === 5 ? 30 : 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
