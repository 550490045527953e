import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import type { Context } from '../../platform/graphql/context';
import { MediationInput, MediationRecord, OrganizationMember, OrganizationMemberInput } from './mediation.entity';
import { MediationService } from './mediation.service';
import { Organization } from './organization.entity';
import { PublicRole, PublicRoleInput } from './public-role.entity';

@ObjectType()
export class MediationRecordConnection extends Connection(MediationRecord) {}

@Resolver(() => MediationRecord)
export class MediationResolver {
  @Query(() => MediationRecordConnection, {
    description: '矛盾调解 records, newest first: street staff all; a leader those of their grids',
  })
  mediationRecords(
    @Ctx() ctx: Context,
    @Arg('communityId', () => ID, { nullable: true }) communityId?: string | null,
    @Arg('caseId', () => ID, { nullable: true }) caseId?: string | null,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return new MediationService(ctx.db, ctx.bus).list(ctx.scope, { communityId, caseId, organizationId, first, after });
  }

  @Mutation(() => MediationRecord, {
    description: 'Record a mediation (street admins; the leaders of its grid). With an open DISPUTE case and an agreement, the case closes',
  })
  recordMediation(@Ctx() ctx: Context, @Arg('input', () => MediationInput) input: MediationInput) {
    ctx.scope.requireSignedIn();
    return new MediationService(ctx.db, ctx.bus).record(ctx.scope, input);
  }

  @Mutation(() => OrganizationMember, { description: 'Add a member to an organisation or council' })
  addOrganizationMember(@Ctx() ctx: Context, @Arg('input', () => OrganizationMemberInput) input: OrganizationMemberInput) {
    ctx.scope.requireSignedIn();
    return new MediationService(ctx.db, ctx.bus).addMember(ctx.scope, input);
  }

  @Mutation(() => Boolean, { description: 'Remove a member from an organisation or council' })
  removeOrganizationMember(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    ctx.scope.requireSignedIn();
    return new MediationService(ctx.db, ctx.bus).removeMember(ctx.scope, id);
  }

  @Mutation(() => PublicRole, {
    nullable: true,
    description: '两代表一委员 / 经济能人 / 贤达人士: set a resident’s public roles with their consent (no roles: removed, answers null)',
  })
  setPublicRole(@Ctx() ctx: Context, @Arg('input', () => PublicRoleInput) input: PublicRoleInput) {
    ctx.scope.requireSignedIn();
    return new MediationService(ctx.db, ctx.bus).setPublicRole(ctx.scope, input);
  }

  @Query(() => [PublicRole], {
    description: 'Residents with a public role: street staff all; a leader those of their grids; a resident their own',
  })
  publicRoles(@Ctx() ctx: Context, @Arg('communityId', () => ID, { nullable: true }) communityId?: string | null) {
    return new MediationService(ctx.db, ctx.bus).publicRoles(ctx.scope, communityId ?? null);
  }
}

/** `Organization.members`, one statement per request. */
@Resolver(() => Organization)
export class OrganizationMembersResolver {
  @FieldResolver(() => [OrganizationMember])
  members(@Root() org: Organization, @Ctx() ctx: Context): Promise<OrganizationMember[]> {
    return ctx.loaders.organizationMembers.load(org.id);
  }
}
