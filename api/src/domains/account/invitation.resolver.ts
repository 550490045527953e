import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { inTransaction } from '../../platform/graphql/transaction';
import type { SystemWork } from '../../platform/identity/auth.service';
import { requireCan } from '../../platform/identity/policy';
import { AuthPayload } from './account.type';
import { acceptInvitation, Invitation, InvitedRole, issueInvitation, SignUpInput } from './invitation';

/** 邀请注册: a leader gives a resident a code; the resident makes their own account with it. */
@Resolver()
export class InvitationResolver {
  @Mutation(() => Invitation, {
    description:
      '邀请码 — a single-use code (shown once) with which this resident makes their own account; STREET_ADMIN, or a GRID_LEADER of their grid',
  })
  async inviteResident(
    @Ctx() ctx: Context,
    @Arg('residentId', () => ID) residentId: string,
    @Arg('role', () => InvitedRole, { defaultValue: InvitedRole.RESIDENT }) role: InvitedRole,
    @Arg('days', () => Int, { defaultValue: 7, description: 'Days the code stays valid (1–30)' }) days: number,
  ): Promise<Invitation> {
    const viewer = ctx.scope.viewer;
    requireCan(viewer, 'INVITE');
    const by = viewer.kind === 'user' ? viewer.id : null;
    // A leader invites the residents of the grids they lead (not, say, their own household elsewhere).
    return inTransaction(ctx.db, {}, (m) =>
      issueInvitation(m, by, { residentId, role, days }, (path) => requireCan(viewer, 'INVITE', { path })),
    );
  }

  @Mutation(() => AuthPayload, {
    description:
      '邀请码注册 — make your account with an invitation code and a login and password of your choosing; signs you in. Wrong codes ' +
      'are throttled per client address like failed sign-ins (RATE_LIMITED with retryAfter seconds)',
  })
  async signUpWithInvitation(@Ctx() ctx: Context, @Arg('input', () => SignUpInput) input: SignUpInput): Promise<AuthPayload> {
    const system: SystemWork = (work) => ctx.session.system(work);
    // Wrong codes are throttled per client address like failed sign-ins (RATE_LIMITED with retryAfter).
    const login = await ctx.auth.throttledInvitation(ctx.clientAddress, system, () =>
      ctx.session.system((m) => acceptInvitation(m, input)),
    );
    return ctx.auth.login(login, input.password, ctx.clientAddress, (work) => ctx.session.system(work));
  }
}
