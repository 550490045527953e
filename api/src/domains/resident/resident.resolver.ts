import { SYNC_ARG } from '../../platform/graphql/sync';
import type { GraphQLResolveInfo } from 'graphql';
import { compileSelection } from '../../platform/graphql/compiled-read';
import { Arg, Ctx, FieldResolver, Info, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { badInput, forbidden, notFound } from '../../platform/graphql/errors';
import { text } from '../../platform/graphql/validate';
import { PersonalData } from '../account/account.type';
import { Household } from '../household/household.entity';
import { Resident } from './resident.entity';
import { CreateResidentInput, UpdateResidentInput } from './resident.input';
import { maskIdNumber, maskPhone } from './resident.privacy';
import { ResidentService } from './resident.service';
import { ResidentConnection } from './resident.type';

@Resolver(() => Resident)
export class ResidentResolver {
  @Query(() => Resident, { nullable: true })
  resident(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Resident | null> {
    return ctx.loaders.residentById.load(id);
  }

  @Query(() => ResidentConnection, { description: "Residents of a grid's subtree, optionally by name prefix" })
  residents(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('changedSince', () => String, { nullable: true, description: SYNC_ARG }) changedSince?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<ResidentConnection> {
    return new ResidentService(ctx.db, ctx.scope).list(
      { gridId, search, first, after },
      { changedSince, config: ctx.sync },
      info && compileSelection(info, ['nodes'], 'Resident', ctx.db, ctx.scope),
    );
  }

  @Mutation(() => Resident)
  createResident(@Ctx() ctx: Context, @Arg('input', () => CreateResidentInput) input: CreateResidentInput): Promise<Resident> {
    return new ResidentService(ctx.db, ctx.scope).create(input);
  }

  @Mutation(() => Resident)
  updateResident(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateResidentInput) input: UpdateResidentInput,
  ): Promise<Resident> {
    return new ResidentService(ctx.db, ctx.scope).update(id, input);
  }

  @FieldResolver(() => Household)
  async household(@Root() resident: Resident, @Ctx() ctx: Context): Promise<Household> {
    const household = await ctx.loaders.householdById.load(resident.householdId);
    if (!household) throw notFound('Household', resident.householdId);
    return household;
  }

  @FieldResolver(() => PersonalData, {
    description: 'Unmasked phone and ID number, for roles allowed to see them, with a stated reason; every read is audited',
  })
  async personal(@Root() resident: Resident, @Ctx() ctx: Context, @Arg('reason') reason: string): Promise<PersonalData> {
    if (!ctx.scope.mayRevealPersonal) throw forbidden('your role may not see unmasked personal data');
    const why = text(reason, 'reason', 200);
    if (why.length < 4) throw badInput('reason', 'state why you need it (4 to 200 characters)');
    await ctx.loaders.personalAudit.load({ residentId: resident.id, reason: why });
    return { phone: resident.phone, idNumber: resident.idNumber };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Masked (138****5678)' })
  phone(@Root() resident: Resident): string | null {
    return maskPhone(resident.phone);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Masked (330106********123X)' })
  idNumber(@Root() resident: Resident): string | null {
    return maskIdNumber(resident.idNumber);
  }
}

/** Household.residents: a household's face for this domain. */
@Resolver(() => Household)
export class HouseholdResidentsResolver {
  @FieldResolver(() => [Resident])
  residents(@Root() household: Household, @Ctx() ctx: Context): Promise<Resident[]> {
    return ctx.loaders.residentsByHousehold.load(household.id);
  }
}
