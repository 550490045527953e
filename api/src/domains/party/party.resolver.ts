import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../app/context';
import { Grid } from '../grid/grid.entity';
import { Household } from '../household/household.entity';
import { PartyOrganization } from './party.entity';

@Resolver(() => PartyOrganization)
export class PartyOrganizationResolver {
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

  @FieldResolver(() => Household, { nullable: true, description: 'For a central household (党员中心户)' })
  household(@Root() org: PartyOrganization, @Ctx() ctx: Context): Promise<Household | null> | null {
    return org.householdId ? ctx.loaders.householdById.load(org.householdId) : null;
  }
}
