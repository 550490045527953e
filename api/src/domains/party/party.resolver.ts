import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { applyScope } from '../../platform/identity/scope';
import { SyncConnection, syncPage } from '../../platform/graphql/sync';
import type { Context } from '../../platform/graphql/context';
import { Grid } from '../grid/grid.entity';
import { Household } from '../household/household.entity';
import { GridLeader, PartyOrganization } from './party.entity';
import { Street } from '../street/street.entity';
import { forbidden } from '../../platform/graphql/errors';
import { PartyCoverage, PartyCoverageService } from './party.coverage';

export const PartyOrganizationConnection = SyncConnection(PartyOrganization);
export type PartyOrganizationConnection = InstanceType<typeof PartyOrganizationConnection>;

@Resolver(() => PartyOrganization)
export class PartyOrganizationResolver {
  @Query(() => PartyOrganizationConnection, {
    description:
      'Sync of the party organisations you can see (partyOrganizations answers one chain): "" for a full pull, then the last ' +
      'syncCursor — those changed since (dissolving is a change), oldest first, with removed',
  })
  partyOrganizationChanges(
    @Ctx() ctx: Context,
    @Arg('changedSince', () => String) changedSince: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first?: number,
  ): Promise<PartyOrganizationConnection> {
    const qb = applyScope(ctx.db.getRepository(PartyOrganization).createQueryBuilder('o'), ctx.scope, 'PartyOrganization', 'o');
    return syncPage(ctx.db, ctx.sync, qb, 'o', { kind: 'PartyOrganization' }, { changedSince, first });
  }

  @Query(() => [PartyOrganization], { description: 'The chain from the street committee down to the organisation of this grid' })
  async partyOrganizations(@Ctx() ctx: Context, @Arg('gridId', () => ID) gridId: string): Promise<PartyOrganization[]> {
    const chain: PartyOrganization[] = [];
    let org = await ctx.loaders.partyOrgByGrid.load(gridId);
    while (org) {
      chain.unshift(org);
      org = org.parentId ? await ctx.loaders.partyOrgById.load(org.parentId) : null;
    }
    return chain;
  }

  @Query(() => PartyCoverage, {
    description:
      '全覆盖 — per level, grids with a live organisation of their kind, with a current LEADER, organisations without a ' +
      'secretary, and the first gaps; over every grid you see, or the subtree of gridId. Street staff and grid leaders',
  })
  partyCoverage(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: 'Gaps listed per kind, 1 to 500' }) first?: number,
  ): Promise<PartyCoverage> {
    ctx.scope.requireSignedIn();
    // The same readers as the visit schedule: a management view, refused (not answered empty) to anyone else.
    if (!ctx.scope.seesVisits) throw forbidden('only street staff and grid leaders see party coverage');
    return new PartyCoverageService(ctx.db, ctx.scope).coverage(gridId, first);
  }

  @FieldResolver(() => PartyOrganization, { nullable: true })
  parent(@Root() org: PartyOrganization, @Ctx() ctx: Context): Promise<PartyOrganization | null> | null {
    return org.parentId ? ctx.loaders.partyOrgById.load(org.parentId) : null;
  }

  @FieldResolver(() => [PartyOrganization])
  children(@Root() org: PartyOrganization, @Ctx() ctx: Context): Promise<PartyOrganization[]> {
    return ctx.loaders.partyOrgChildren.load(org.id);
  }

  @FieldResolver(() => Grid, { nullable: true })
  grid(@Root() org: PartyOrganization, @Ctx() ctx: Context): Promise<Grid | null> | null {
    return org.gridId ? ctx.loaders.gridById.load(org.gridId) : null;
  }

  @FieldResolver(() => [Household], { description: '联系户 — the households a central household looks after (those you can see)' })
  async linkedHouseholds(@Root() org: PartyOrganization, @Ctx() ctx: Context): Promise<Household[]> {
    if (org.level !== 'CENTRAL_HOUSEHOLD') return [];
    const ids = await ctx.loaders.linkedHouseholdIds.load(org.id);
    const rows = await ctx.loaders.householdById.loadMany(ids);
    return rows.filter((h): h is Household => h != null && !(h instanceof Error));
  }

  @FieldResolver(() => Household, { nullable: true, description: 'For a central household (党员中心户)' })
  household(@Root() org: PartyOrganization, @Ctx() ctx: Context): Promise<Household | null> | null {
    return org.householdId ? ctx.loaders.householdById.load(org.householdId) : null;
  }
}

/** Grid.leaders and Grid.partyOrganization: the party-led grid, seen from this domain. */
@Resolver(() => Grid)
export class GridPartyResolver {
  @FieldResolver(() => [GridLeader], { description: '网格长 — current leaders' })
  leaders(@Root() grid: Grid, @Ctx() ctx: Context): Promise<GridLeader[]> {
    return ctx.loaders.leadersByGrid.load(grid.id);
  }

  @FieldResolver(() => PartyOrganization, { nullable: true, description: 'The party organisation aligned to this grid' })
  partyOrganization(@Root() grid: Grid, @Ctx() ctx: Context): Promise<PartyOrganization | null> {
    return ctx.loaders.partyOrgByGrid.load(grid.id);
  }
}

/** Street.partyOrganization: the street committee (街道党工委). */
@Resolver(() => Street)
export class StreetPartyResolver {
  @FieldResolver(() => PartyOrganization, { nullable: true, description: '街道党工委' })
  partyOrganization(@Root() street: Street, @Ctx() ctx: Context): Promise<PartyOrganization | null> {
    return ctx.loaders.streetCommittee.load(street.id);
  }
}

/** Household.centralHousehold and Household.linkedHouseholds: 党员中心户 seen from the household. */
@Resolver(() => Household)
export class HouseholdPartyResolver {
  @FieldResolver(() => PartyOrganization, {
    nullable: true,
    description: '党员中心户 — the central household looking after this household (or this household’s own, when it is one)',
  })
  centralHousehold(@Root() household: Household, @Ctx() ctx: Context): Promise<PartyOrganization | null> {
    return ctx.loaders.centralOrgByHousehold.load(household.id);
  }

  @FieldResolver(() => [Household], { description: '联系户 — when this household is a central household: the households it looks after' })
  async linkedHouseholds(@Root() household: Household, @Ctx() ctx: Context): Promise<Household[]> {
    const org = await ctx.loaders.centralOrgOfHousehold.load(household.id);
    if (!org) return [];
    const rows = await ctx.loaders.householdById.loadMany(await ctx.loaders.linkedHouseholdIds.load(org.id));
    return rows.filter((h): h is Household => h != null && !(h instanceof Error));
  }
}
