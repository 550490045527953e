import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { notFound } from '../../platform/graphql/errors';
import { selectsPath } from '../../platform/graphql/selection';
import { compileSelection, isCompiled } from '../../platform/graphql/compiled-read';
import { Building } from '../building/building.entity';
import { Household, HouseholdTag } from './household.entity';
import { CreateHouseholdInput, UpdateHouseholdInput } from './household.input';
import { HouseholdService } from './household.service';
import { HouseholdConnection } from './household.type';
import { SYNC_ARG } from '../../platform/graphql/sync';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true })
  household(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Household | null> {
    return ctx.loaders.householdById.load(id);
  }

  @Query(() => HouseholdConnection, { description: "Households of a building or a grid's subtree, having all the given tags" })
  async households(
    @Ctx() ctx: Context,
    @Arg('buildingId', () => ID, { nullable: true }) buildingId?: string,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
    @Arg('tags', () => [HouseholdTag], { nullable: true }) tags?: HouseholdTag[],
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('changedSince', () => String, { nullable: true, description: SYNC_ARG }) changedSince?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<HouseholdConnection> {
    // The page's buildings in the page's statement when the query asks for them (issue #15).
    const withBuilding = changedSince == null && info != null && selectsPath(info, ['nodes', 'building']);
    const page = await new HouseholdService(ctx.db, ctx.scope).list(
      { buildingId, gridId, tags, first, after },
      { changedSince, config: ctx.sync },
      { withBuilding, compile: info && compileSelection(info, ['nodes'], 'Household', ctx.db, ctx.scope) },
    );
    if (withBuilding && !page.nodes.some(isCompiled))
      for (const h of page.nodes) {
        const joined = h as Household & { buildingOf?: Building | null };
        ctx.loaders.buildingById.prime(h.buildingId, joined.buildingOf ?? null);
        delete joined.buildingOf;
      }
    return page;
  }

  @Mutation(() => Household)
  createHousehold(@Ctx() ctx: Context, @Arg('input', () => CreateHouseholdInput) input: CreateHouseholdInput): Promise<Household> {
    return new HouseholdService(ctx.db, ctx.scope).create(input);
  }

  @Mutation(() => Household)
  updateHousehold(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateHouseholdInput) input: UpdateHouseholdInput,
  ): Promise<Household> {
    return new HouseholdService(ctx.db, ctx.scope).update(id, input);
  }

  @FieldResolver(() => Building)
  async building(@Root() household: Household, @Ctx() ctx: Context): Promise<Building> {
    const building = await ctx.loaders.buildingById.load(household.buildingId);
    if (!building) throw notFound('Building', household.buildingId);
    return building;
  }
}

/** Building.households: a building's face for this domain. */
@Resolver(() => Building)
export class BuildingHouseholdsResolver {
  @FieldResolver(() => [Household], { description: 'Households by unit and room' })
  households(@Root() building: Building, @Ctx() ctx: Context): Promise<Household[]> {
    return ctx.loaders.householdsByBuilding.load(building.id);
  }
}
