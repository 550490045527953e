import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireCan } from '../../platform/identity/policy';
import type { Context } from '../../platform/graphql/context';
import { decodeCursor, pageSize } from '../../platform/graphql/connection';
import { ApiKeyInfo, AuthPayload, CreateApiKeyInput, CreatedApiKey, Me, PersonalDataAccess } from './account.type';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description:
      'Sign in with login and password; failed attempts are throttled per login and client address (RATE_LIMITED with retryAfter seconds)',
  })
  login(@Ctx() ctx: Context, @Arg('login') login: string, @Arg('password') password: string): Promise<AuthPayload> {
    return ctx.auth.login(login, password, ctx.clientAddress, (work) => ctx.session.system(work));
  }

  @Mutation(() => AuthPayload, {
    description: 'A new token pair for a refresh token (each works once; using one again signs out every session of its sign-in)',
  })
  refresh(@Ctx() ctx: Context, @Arg('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return ctx.auth.refresh(refreshToken, ctx.clientAddress, (work) => ctx.session.system(work));
  }

  @Query(() => Me, { nullable: true, description: 'The signed-in user, or null' })
  me(@Ctx() ctx: Context): Promise<Me | null> {
    return ctx.auth.me(ctx.db, ctx.scope.viewer);
  }

  @Mutation(() => CreatedApiKey, { description: "A department's API key with scopes and a rate limit; the key is shown once" })
  createApiKey(@Ctx() ctx: Context, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput): Promise<CreatedApiKey> {
    requireCan(ctx.scope.viewer, 'MANAGE_API_KEYS');
    return ctx.auth.createApiKey(ctx.db, input);
  }

  @Mutation(() => ApiKeyInfo)
  revokeApiKey(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ApiKeyInfo> {
    requireCan(ctx.scope.viewer, 'MANAGE_API_KEYS');
    return ctx.auth.revokeApiKey(ctx.db, id);
  }

  @Query(() => [ApiKeyInfo])
  apiKeys(@Ctx() ctx: Context): Promise<ApiKeyInfo[]> {
    requireCan(ctx.scope.viewer, 'MANAGE_API_KEYS');
    return ctx.auth.apiKeys(ctx.db);
  }

  @Query(() => [PersonalDataAccess], { description: '个人信息访问记录 — who read whose personal data, when and why; newest first' })
  async personalDataAccessLog(
    @Ctx() ctx: Context,
    @Arg('residentId', () => ID, { nullable: true }) residentId?: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PersonalDataAccess[]> {
    requireCan(ctx.scope.viewer, 'READ_AUDIT_LOG');
    const before = decodeCursor(after);
    const rows: { id: string; at: Date; actor: string; actor_role: string; resident_id: string; fields: string[]; reason: string }[] =
      await ctx.db.query(
        `SELECT id::text, at, actor, actor_role, resident_id, fields, reason FROM personal_data_access
        WHERE ($1::uuid IS NULL OR resident_id = $1) AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY id DESC LIMIT $3`,
        [residentId ?? null, before && /^\d+$/.test(before) ? before : null, pageSize(first)],
      );
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      actorRole: r.actor_role,
      residentId: r.resident_id,
      fields: r.fields,
      reason: r.reason,
    }));
  }
}
