import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { GridLeader, PartyOrganization } from './party.entity';
import { AppointGridLeaderInput, CreatePartyOrganizationInput, UpdateGridLeaderInput, UpdatePartyOrganizationInput } from './party.input';
import { PartyService } from './party.service';
import { setCentralHouseholdLinks } from './party.links';

/** The street admins' writes of the five-level chain and the grids' leaders. */
@Resolver()
export class PartyAdminResolver {
  @Mutation(() => PartyOrganization, {
    description: '建立党组织 — aligned to a grid of the matching level, under the organisation of the grid above',
  })
  createPartyOrganization(
    @Ctx() ctx: Context,
    @Arg('input', () => CreatePartyOrganizationInput) input: CreatePartyOrganizationInput,
  ): Promise<PartyOrganization> {
    return new PartyService(ctx.db).create(ctx.scope.viewer, input);
  }

  @Mutation(() => PartyOrganization, {
    description: 'Renames an organisation or appoints its secretary (a party member living in its grid)',
  })
  updatePartyOrganization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePartyOrganizationInput) input: UpdatePartyOrganizationInput,
  ): Promise<PartyOrganization> {
    return new PartyService(ctx.db).update(ctx.scope.viewer, id, input);
  }

  @Mutation(() => PartyOrganization, { description: '撤销 — dissolves an organisation with none live under it (kept as history)' })
  dissolvePartyOrganization(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PartyOrganization> {
    return new PartyService(ctx.db).dissolve(ctx.scope.viewer, id);
  }

  @Mutation(() => PartyOrganization, {
    description:
      '联系户 — sets the 5 to 15 households of its community a central household (党员中心户) looks after, replacing the old set; ' +
      'the street admin or a leader of their grids',
  })
  setCentralHouseholdLinks(
    @Ctx() ctx: Context,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('householdIds', () => [ID]) householdIds: string[],
  ): Promise<PartyOrganization> {
    return setCentralHouseholdLinks(ctx.db, ctx.scope.viewer, organizationId, householdIds);
  }

  @Mutation(() => GridLeader, {
    description: '任命网格长 — a LEADER must meet the rule of the grid’s level (BAD_USER_INPUT names it) and replaces the current one',
  })
  appointGridLeader(@Ctx() ctx: Context, @Arg('input', () => AppointGridLeaderInput) input: AppointGridLeaderInput): Promise<GridLeader> {
    return new PartyService(ctx.db).appoint(ctx.scope.viewer, input);
  }

  @Mutation(() => GridLeader, { description: 'Ends an appointment (default today); the appointee’s account stops leading the grid' })
  endGridLeader(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('until', () => String, { nullable: true }) until?: string | null,
  ): Promise<GridLeader> {
    return new PartyService(ctx.db).end(ctx.scope.viewer, id, until);
  }

  @Mutation(() => GridLeader, {
    description: '岗位公示 — what the posts board shows of a current appointment: consent to publish the phone, office number, duties',
  })
  updateGridLeader(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateGridLeaderInput) input: UpdateGridLeaderInput,
  ): Promise<GridLeader> {
    return new PartyService(ctx.db).updatePost(ctx.scope.viewer, id, input);
  }
}
