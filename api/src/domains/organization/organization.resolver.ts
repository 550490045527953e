import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import type { Context } from '../../platform/graphql/context';
import { Grid } from '../grid/grid.entity';
import { Organization, OrganizationContact, OrganizationKind } from './organization.entity';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input';
import { OrganizationService } from './organization.service';

@ObjectType()
export class OrganizationConnection extends Connection(Organization) {}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, {
    description:
      '五方联动 organisations and councils, by name: street staff all; a leader those of their grids and the published ones above; ' +
      'a resident the published ones of their community and compound',
  })
  organizations(
    @Ctx() ctx: Context,
    @Arg('communityId', () => ID, { nullable: true }) communityId?: string | null,
    @Arg('gridId', () => ID, { nullable: true, description: 'Those belonging to this grid or a grid above it, or serving it' })
    gridId?: string | null,
    @Arg('kind', () => OrganizationKind, { nullable: true }) kind?: OrganizationKind | null,
    @Arg('includeArchived', { defaultValue: false }) includeArchived?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return new OrganizationService(ctx.db).list(ctx.scope, { communityId, gridId, kind, includeArchived, first, after });
  }

  @Query(() => Organization, { nullable: true, description: 'One organisation, if you may see it' })
  async organization(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Organization | null> {
    ctx.scope.requireSignedIn();
    return new OrganizationService(ctx.db).get(ctx.scope, id).catch(() => null);
  }

  @FieldResolver(() => [OrganizationContact], { description: 'Its contacts; phones only for who may edit it' })
  contacts(@Root() org: Organization): OrganizationContact[] {
    return org.contacts as unknown as OrganizationContact[];
  }

  @Mutation(() => Organization, { description: 'Register an organisation of a community or compound (street admins; its grid’s leaders)' })
  createOrganization(@Ctx() ctx: Context, @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput) {
    ctx.scope.requireSignedIn();
    return new OrganizationService(ctx.db).create(ctx.scope, input);
  }

  @Mutation(() => Organization, { description: 'Change an organisation (name, duties, contacts, served grids, published)' })
  updateOrganization(@Ctx() ctx: Context, @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput) {
    ctx.scope.requireSignedIn();
    return new OrganizationService(ctx.db).update(ctx.scope, input);
  }

  @Mutation(() => Organization, { description: 'Archive an organisation (kept as history)' })
  archiveOrganization(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    ctx.scope.requireSignedIn();
    return new OrganizationService(ctx.db).archive(ctx.scope, id, version);
  }

  @Mutation(() => Boolean, { description: '无物业小区: mark a compound as having no property company (or clear the mark)' })
  setNoPropertyCompany(@Ctx() ctx: Context, @Arg('gridId', () => ID) gridId: string, @Arg('value') value: boolean): Promise<boolean> {
    ctx.scope.requireSignedIn();
    return new OrganizationService(ctx.db).setNoPropertyCompany(ctx.scope, gridId, value);
  }
}

/** `Grid.noPropertyCompany`: the compound's flag, one statement per request. */
@Resolver(() => Grid)
export class GridOrganizationResolver {
  @FieldResolver(() => Boolean, { description: '无物业小区: a compound flagged as having no property company' })
  noPropertyCompany(@Root() grid: Grid, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.loaders.noPropertyCompany.load(grid.id);
  }
}
