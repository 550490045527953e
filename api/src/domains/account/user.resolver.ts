import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { elevated } from '../../platform/db/session';
import type { Context } from '../../platform/graphql/context';
import { decodeCursor, pageSize, toConnection, type ConnectionShape } from '../../platform/graphql/connection';
import { inTransaction } from '../../platform/graphql/transaction';
import { optionalText, uuid } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import { actorLabel, type UserRole, type Viewer } from '../../platform/identity/viewer';
import { AccountChange, CreatedUser, CreateUserInput, Role, UserAccount, UserAccountConnection, UserPasswordReset } from './account.type';
import {
  changeAccountRole,
  createAccount,
  listAccounts,
  requireAccount,
  resetAccountPassword,
  setAccountDisabled,
  type AccountActor,
  type AccountReach,
  type AccountRecord,
} from './user.service';

/** A login taken by a concurrent request surfaces as this constraint. */
const CONSTRAINTS = { app_user_login_key: 'input.login' };

function actorOf(viewer: Viewer): AccountActor {
  return { label: actorLabel(viewer), userId: viewer.kind === 'user' ? viewer.id : null };
}

/**
 * How far the caller reaches (see `AccountReach`): a street admin sees and writes every
 * account under their own row-level security; a community's large-grid leader reads the
 * accounts of their community (row-level security), and the write policy decides each one
 * before the system writes it.
 */
function reachOf(viewer: Viewer, m: EntityManager): AccountReach {
  const admin = viewer.kind === 'user' && viewer.role === 'STREET_ADMIN';
  return {
    seesAll: admin,
    authorize: (account) => requireCan(viewer, 'MANAGE_ACCOUNTS', { account }),
    write: admin ? undefined : (work) => elevated(m, work),
  };
}

/** The managed account without what only the policy reads. */
function toAccount({ places: _places, ...account }: AccountRecord): UserAccount {
  return account;
}

/** Account administration (账号管理): street admins, and a community's large-grid leader inside their community. */
@Resolver()
export class UserAdminResolver {
  @Query(() => UserAccountConnection, { description: 'Accounts the caller manages, by login; `search` matches login or name' })
  async users(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('role', () => Role, { nullable: true }) role?: UserRole | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
  ): Promise<ConnectionShape<UserAccount>> {
    requireCan(ctx.scope.viewer, 'MANAGE_ACCOUNTS');
    const limit = pageSize(first);
    const { accounts, count } = await listAccounts(ctx.db, {
      role,
      search: optionalText(search, 'search', 100),
      after: decodeCursor(after) ?? null,
      limit: limit + 1,
    });
    return toConnection(accounts.map(toAccount), limit, count, (a) => a.login);
  }

  @Query(() => [AccountChange], {
    description: '账号变更记录 — changes to accounts, newest first: street admins every one, a large-grid leader their own',
  })
  async accountChanges(
    @Ctx() ctx: Context,
    @Arg('userId', () => ID, { nullable: true }) userId?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AccountChange[]> {
    requireCan(ctx.scope.viewer, 'MANAGE_ACCOUNTS');
    const before = decodeCursor(after);
    const rows: { id: string; at: Date; actor: string; action: string; user_id: string; login: string; reason: string }[] =
      await ctx.db.query(
        `SELECT id::text, at, actor, action, user_id, coalesce(detail->>'login', '') AS login, reason FROM account_audit
        WHERE ($1::uuid IS NULL OR user_id = $1) AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY id DESC LIMIT $3`,
        [userId ? uuid(userId, 'userId') : null, before && /^\d+$/.test(before) ? before : null, pageSize(first)],
      );
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      userId: r.user_id,
      login: r.login,
      reason: r.reason,
    }));
  }

  @Mutation(() => CreatedUser, {
    description: 'A new account; without a password one is generated and answered once. Recorded with the reason',
  })
  async createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<CreatedUser> {
    const viewer = ctx.scope.viewer;
    requireCan(viewer, 'MANAGE_ACCOUNTS');
    const { account, generatedPassword } = await inTransaction(ctx.db, CONSTRAINTS, (m) =>
      createAccount(m, actorOf(viewer), input, input.reason, reachOf(viewer, m)),
    );
    return { user: toAccount(account), password: generatedPassword };
  }

  @Mutation(() => UserAccount, { description: 'Disables (ending every sign-in of) or enables an account. Recorded with the reason' })
  async setUserDisabled(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('disabled') disabled: boolean,
    @Arg('reason') reason: string,
  ): Promise<UserAccount> {
    const viewer = ctx.scope.viewer;
    requireCan(viewer, 'MANAGE_ACCOUNTS');
    const account = await inTransaction(ctx.db, CONSTRAINTS, async (m) =>
      setAccountDisabled(m, actorOf(viewer), await requireAccount(m, id), disabled, reason, reachOf(viewer, m)),
    );
    return toAccount(account);
  }

  @Mutation(() => UserPasswordReset, {
    description: 'A new generated password, answered once; every sign-in of the account ends. Recorded with the reason',
  })
  async resetUserPassword(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<UserPasswordReset> {
    const viewer = ctx.scope.viewer;
    requireCan(viewer, 'MANAGE_ACCOUNTS');
    const { account, password } = await inTransaction(ctx.db, CONSTRAINTS, async (m) =>
      resetAccountPassword(m, actorOf(viewer), await requireAccount(m, id), reason, reachOf(viewer, m)),
    );
    return { user: toAccount(account), password };
  }

  @Mutation(() => UserAccount, {
    description:
      'Changes an account’s role and the grids it leads; its sign-ins end, so the new scope applies at once. Recorded with the reason',
  })
  async changeUserRole(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('role', () => Role) role: UserRole,
    @Arg('reason') reason: string,
    @Arg('gridIds', () => [ID], { defaultValue: [] }) gridIds: string[],
  ): Promise<UserAccount> {
    const viewer = ctx.scope.viewer;
    requireCan(viewer, 'MANAGE_ACCOUNTS');
    const account = await inTransaction(ctx.db, CONSTRAINTS, async (m) =>
      changeAccountRole(m, actorOf(viewer), await requireAccount(m, id), { role, gridIds, reason }, reachOf(viewer, m)),
    );
    return toAccount(account);
  }
}
