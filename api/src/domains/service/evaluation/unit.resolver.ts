import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { elevated } from '../../../platform/db/session';
import type { Context } from '../../../platform/graphql/context';
import { forbidden } from '../../../platform/graphql/errors';
import { intIn } from '../../../platform/graphql/validate';
import { monthParam } from '../../../platform/http/month-params';
import { EvaluationRow, EvaluationService } from './evaluation.service';
import {
  requireLinkIssuer,
  UNIT_LINK,
  UNIT_LINK_DAYS,
  unitAccess,
  UnitEvaluationLink,
  UnitEvaluationService,
  UnitReport,
} from './unit.service';

const DAY_MS = 86_400_000;

@Resolver(() => UnitReport)
export class UnitEvaluationResolver {
  @Query(() => UnitReport, {
    description:
      '双报告 — a work unit’s month: its members’ hours and both ratings. The unit’s own account, leaders of its community and ' +
      'street staff (as XLSX at /unit-reports/YYYY-MM.xlsx?unit=ID)',
  })
  async unitReport(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('month', { description: 'YYYY-MM' }) month: string,
  ): Promise<UnitReport> {
    ctx.scope.requireSignedIn();
    monthParam(month);
    unitAccess(ctx.scope, await new UnitEvaluationService(ctx.db).visibleUnit(unitId));
    return elevated(ctx.db, () => new UnitEvaluationService(ctx.db).report(unitId, month));
  }

  @Mutation(() => UnitEvaluationLink, {
    description:
      '双评议 — a signed link (HMAC, one unit, one month, expiring) for a member’s work unit to rate its members without ' +
      'signing in; handed out by a leader of the unit’s community (or a street admin). Writes nothing',
  })
  async unitEvaluationLink(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('month', { description: 'YYYY-MM' }) month: string,
    @Arg('days', () => Int, { defaultValue: UNIT_LINK_DAYS.default, description: `How long it is good for, 1 to ${UNIT_LINK_DAYS.max}` })
    days: number,
  ): Promise<UnitEvaluationLink> {
    ctx.scope.requireSignedIn();
    monthParam(month);
    intIn(days, 'days', 1, UNIT_LINK_DAYS.max);
    const unit = await new UnitEvaluationService(ctx.db).visibleUnit(unitId);
    requireLinkIssuer(ctx.scope, unit);
    // Whole seconds: the token carries the expiry in seconds.
    const expiresAt = new Date(Math.floor((Date.now() + days * DAY_MS) / 1000) * 1000);
    return { token: ctx.auth.signLink(UNIT_LINK, [unit.id, month], expiresAt), unitId: unit.id, unitName: unit.name, month, expiresAt };
  }

  @Query(() => UnitReport, {
    description: '双评议 — what a unit’s signed link opens: its members’ month (public: the link is the credential)',
  })
  unitEvaluationSheet(@Ctx() ctx: Context, @Arg('token') token: string): Promise<UnitReport> {
    const { fields, expiresAt } = ctx.auth.verifyLink(UNIT_LINK, token);
    const [unitId, month] = fields;
    return ctx.session.system((m) => new UnitEvaluationService(m).report(unitId, month, expiresAt));
  }

  @Mutation(() => EvaluationRow, {
    description: '双评议 — the unit rates one member’s month through its signed link (public: the link is the credential)',
  })
  async evaluateServiceByLink(
    @Ctx() ctx: Context,
    @Arg('token') token: string,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('rating', () => Int) rating: number,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ): Promise<EvaluationRow> {
    const { fields } = ctx.auth.verifyLink(UNIT_LINK, token);
    const [unitId, month] = fields;
    return ctx.session.system(async (m) => {
      const service = new UnitEvaluationService(m);
      const unit = await service.unit(unitId, 'token');
      await service.rate(m, unitId, month, { registrationId, rating, comment }, `${unit.name}（评议链接）`);
      const [row] = await new EvaluationService(m).sheet({ registrationId, period: month });
      return row;
    });
  }

  @Mutation(() => EvaluationRow, {
    description: '双评议 — the unit rates one member’s month, signed in as the unit’s own account (its registration’s account)',
  })
  async evaluateServiceAsUnit(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('month', { description: 'YYYY-MM' }) month: string,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('rating', () => Int) rating: number,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ): Promise<EvaluationRow> {
    ctx.scope.requireSignedIn();
    monthParam(month);
    const unit = await new UnitEvaluationService(ctx.db).visibleUnit(unitId);
    if (unitAccess(ctx.scope, unit) !== 'unit') throw forbidden('only the unit’s own account rates as the unit');
    return ctx.session.system(async (m) => {
      await new UnitEvaluationService(m).rate(m, unitId, month, { registrationId, rating, comment }, unit.name);
      const [row] = await new EvaluationService(m).sheet({ registrationId, period: month });
      return row;
    });
  }
}
