import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Db } from '../../../platform/db/session';
import { badInput, forbidden, outOfReach } from '../../../platform/graphql/errors';
import { periodRange } from '../../../platform/http/month-params';
import { inTransaction } from '../../../platform/graphql/transaction';
import type { Scope } from '../../../platform/identity/scope';
import { type Actor, ActorRole } from '../../../platform/identity/actor';
import { appendServiceEvent } from '../service.events';
import { allow, intIn, optionalText, requireInPaths } from '../service.rules';
import { SERVICE_CONSTRAINT_FIELDS, UUID } from '../service.service';

export enum Evaluator {
  UNIT = 'UNIT',
  COMMUNITY = 'COMMUNITY',
}
registerEnumType(Evaluator, { name: 'Evaluator', description: '双评议 — UNIT 单位评议, COMMUNITY 社区评议' });

/** One row of the dual-evaluation sheet: a registration's hours and both ratings for a period. */
@ObjectType({
  description:
    '双评议 — a registration’s hours and the unit’s and the community’s ratings for a period (one row per registration, for export)',
})
export class EvaluationRow {
  @Field(() => ID)
  registrationId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  unitName!: string | null;

  @Field(() => ID, { nullable: true, description: 'The work unit’s registration (kind UNIT) a member points to: who rates the unit side' })
  unitId!: string | null;

  @Field()
  period!: string;

  @Field(() => Float, { description: 'Hours served in the period' })
  hours!: number;

  @Field(() => Int, { nullable: true })
  unitRating!: number | null;

  @Field(() => String, { nullable: true })
  unitComment!: string | null;

  @Field(() => Int, { nullable: true })
  communityRating!: number | null;

  @Field(() => String, { nullable: true })
  communityComment!: string | null;
}

export interface SheetArgs {
  communityId?: string | null;
  registrationId?: string | null;
  /** A work unit (a UNIT registration): its members (双报告). */
  unitId?: string | null;
  period: string;
}

/** The sheet's argument checks (the GraphQL query and the CSV export alike); answers the period's [from, to). */
export function checkSheetArgs(args: SheetArgs): [Date, Date] {
  const range = periodRange(args.period);
  if (args.communityId != null && !UUID.test(args.communityId)) throw badInput('communityId', 'is not an id');
  if (args.communityId == null && args.registrationId == null && args.unitId == null)
    throw badInput('communityId', 'give a community or a registration');
  return range;
}

/** 双评议 — the unit and the community each rate a registered member per period. */
export class EvaluationService {
  constructor(private readonly ds: Db) {}

  /**
   * Records (or replaces) one side's rating. The community side is a GRID_LEADER of the
   * member's community (`paths`: the grids the caller leads; null: no limit); the unit side
   * acts as DEPARTMENT until units have accounts.
   */
  async evaluate(
    registrationId: string,
    period: string,
    evaluator: Evaluator,
    rating: number,
    actor: Actor,
    comment?: string | null,
    paths: string[] | null = null,
  ): Promise<EvaluationRow> {
    allow(actor, 'EVALUATE');
    if ((evaluator === Evaluator.COMMUNITY) !== (actor.role === ActorRole.GRID_LEADER))
      throw badInput('evaluator', 'the community rates as GRID_LEADER, the unit as DEPARTMENT');
    if (!UUID.test(registrationId)) throw badInput('registrationId', 'is not an id');
    periodRange(period);
    intIn(rating, 'rating', 1, 5);
    const note = optionalText(comment, 'comment', 1000);
    await inTransaction(this.ds, { ...SERVICE_CONSTRAINT_FIELDS, service_evaluation_registration_id_fkey: 'registrationId' }, async (m) => {
      if (paths !== null) {
        // The community side is rated by the leaders of the member's community.
        const [reg] = await m.query(
          `SELECT g.path::text AS path FROM service_registration r JOIN grid g ON g.id = r.community_id WHERE r.id = $1`,
          [registrationId],
        );
        if (!reg) throw outOfReach('registrationId', 'registration');
        requireInPaths(paths, reg.path, 'rate a member of another community');
      }
      await m.query(
        `INSERT INTO service_evaluation (registration_id, period, evaluator, rating, comment) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (registration_id, period, evaluator) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, at = now()`,
        [registrationId, period, evaluator, rating, note],
      );
      await appendServiceEvent(m, 'REGISTRATION', registrationId, 'EVALUATED', actor, note, { period, evaluator, rating });
    });
    const [row] = await this.sheet({ registrationId, period });
    return row;
  }

  /** The evaluation sheet of a community (or one registration) for a period, by name. */
  async sheet(args: SheetArgs): Promise<EvaluationRow[]> {
    const [from, to] = checkSheetArgs(args);
    return this.ds.query(
      `SELECT r.id AS "registrationId", r.name, r.unit_name AS "unitName", r.unit_id AS "unitId", $3::text AS period,
              coalesce((SELECT sum(hours) FROM service_record s
                         WHERE s.registration_id = r.id AND s.at >= $4 AND s.at < $5), 0)::float8 AS hours,
              u.rating AS "unitRating", u.comment AS "unitComment", c.rating AS "communityRating", c.comment AS "communityComment"
         FROM service_registration r
         LEFT JOIN service_evaluation u ON u.registration_id = r.id AND u.period = $3 AND u.evaluator = 'UNIT'
         LEFT JOIN service_evaluation c ON c.registration_id = r.id AND c.period = $3 AND c.evaluator = 'COMMUNITY'
        WHERE ($1::uuid IS NULL OR r.community_id = $1) AND ($2::uuid IS NULL OR r.id = $2) AND r.kind <> 'UNIT'
          AND ($6::uuid IS NULL OR (r.unit_id = $6 AND r.kind = 'MEMBER'))
        ORDER BY r.name, r.id`,
      [args.communityId ?? null, args.registrationId ?? null, args.period, from, to, args.unitId ?? null],
    );
  }

  /**
   * The sheet of a community as the viewer may read it (the `serviceEvaluations` query and
   * the CSV export, 双评议表): street admins and operators any community, a grid leader the
   * communities inside the grids they lead, nobody else.
   */
  async sheetFor(scope: Scope, args: { communityId: string; period: string }): Promise<EvaluationRow[]> {
    checkSheetArgs(args);
    const v = scope.viewer;
    if (!(v.kind === 'user' && (scope.seesAll || v.role === 'GRID_LEADER')))
      throw forbidden('only street staff and grid leaders may export evaluation sheets');
    if (!scope.seesAll) {
      const visible = scope.whereRaw('Grid', 'g', 2);
      const [grid] = await this.ds.query(`SELECT 1 FROM grid g WHERE g.id = $1 AND ${visible.sql}`, [args.communityId, ...visible.params]);
      if (!grid) throw forbidden('this community is outside the grids you lead');
    }
    return this.sheet(args);
  }
}
