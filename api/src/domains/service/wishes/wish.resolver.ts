import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../platform/graphql/context';
import { badInput } from '../../../platform/graphql/errors';
import { ActorInput } from '../../../platform/identity/actor.input';
import { communityIdByCode } from './echo';
import { householdReach, leaderPaths, serviceActor, volunteerAccount } from '../service.rules';
import { WishInput } from './wish.input';
import { MicroWishConnection } from '../service.type';
import { EchoItem, MicroWish, WishStatus } from './wish.entity';
import { WishService } from './wish.service';

const ACTOR = {
  nullable: true,
  description:
    'The role to act in (one your account holds; default: your natural role, VOLUNTEER for volunteers). The name recorded is your account',
};
const VERSION = { description: 'The version you read; a newer one in the database means CONFLICT' };

@Resolver(() => MicroWish)
export class MicroWishResolver {
  @Query(() => MicroWishConnection, { description: "微心愿 — wishes of a grid's subtree, by status; oldest first" })
  microWishes(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
    @Arg('status', () => WishStatus, { nullable: true }) status?: WishStatus,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('helperId', () => ID, {
      nullable: true,
      description: 'Only wishes this registration claimed or fulfilled (a helper’s own: see me.registrations)',
    })
    helperId?: string,
    @Arg('mine', () => Boolean, { nullable: true, description: 'Only the wishes of your own household (a resident’s or volunteer’s)' })
    mine?: boolean,
  ): Promise<MicroWishConnection> {
    ctx.scope.requireSignedIn();
    return new WishService(ctx.db).list({ gridId, status, helperId, mine, first, after }, ctx.scope);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Where to deliver: the household’s address, for staff, the grid’s leaders, the household itself and the helper holding the claim; ' +
      'null for everyone else',
  })
  async address(@Ctx() ctx: Context, @Root() w: MicroWish): Promise<string | null> {
    const v = ctx.scope.viewer;
    let may = ctx.scope.seesEverything('MicroWish') || (v.kind === 'user' && v.role === 'GRID_LEADER');
    if (!may && v.kind === 'user') {
      const own = await ctx.loaders.registrationsByUser.load(v.id);
      may = w.householdId === v.householdId || (w.status === WishStatus.CLAIMED && own.some((r) => r.id === w.helperId));
    }
    return may ? ctx.loaders.addressByHousehold.load(w.householdId) : null;
  }

  @Query(() => [MicroWish], { description: 'Published wishes within `meters` of a point, nearest first' })
  claimableWishes(
    @Ctx() ctx: Context,
    @Arg('lng', () => Float) lng: number,
    @Arg('lat', () => Float) lat: number,
    @Arg('meters', () => Float) meters: number,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
  ): Promise<MicroWish[]> {
    ctx.scope.requireSignedIn();
    return new WishService(ctx.db).claimableNear(lng, lat, meters, first);
  }

  @Query(() => [EchoItem], {
    description:
      '回音壁 — what was asked and done in a community: fulfilled wishes and closed cases, newest first, no personal data; ' +
      'name the community by id or by code',
  })
  async echoWall(
    @Ctx() ctx: Context,
    @Arg('communityId', () => ID, { nullable: true }) communityId?: string,
    @Arg('communityCode', () => String, {
      nullable: true,
      description: 'The community’s 12-digit code (see echoCommunities), instead of its id',
    })
    communityCode?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
  ): Promise<EchoItem[]> {
    if ((communityId == null) === (communityCode == null))
      throw badInput('communityId', 'give exactly one of communityId and communityCode');
    return new WishService(ctx.db).echoWall(communityId ?? (await communityIdByCode(ctx.db, communityCode!)), first);
  }

  @Mutation(() => MicroWish, { description: 'Post a wish (SUBMITTED); REPORTER, or GRID_LEADER on a resident’s behalf' })
  postWish(
    @Ctx() ctx: Context,
    @Arg('input', () => WishInput) input: WishInput,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<MicroWish> {
    return new WishService(ctx.db).post(input, serviceActor(ctx.scope, actor), householdReach(ctx.scope));
  }

  @Mutation(() => MicroWish, { description: 'Review: publish on the board, or reject with a reason; GRID_LEADER' })
  reviewWish(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('publish') publish: boolean,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ): Promise<MicroWish> {
    return new WishService(ctx.db).review(id, version, publish, serviceActor(ctx.scope, actor), reason, leaderPaths(ctx.scope));
  }

  @Mutation(() => MicroWish, { description: 'Claim a published wish; one live claim per wish: a second claimant gets CONFLICT' })
  claimWish(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<MicroWish> {
    return new WishService(ctx.db).claim(id, registrationId, serviceActor(ctx.scope, actor), new Date(), volunteerAccount(ctx.scope));
  }

  @Mutation(() => MicroWish, { description: 'The claiming helper fulfils the wish, with a note and an optional photo (base64)' })
  fulfilWish(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('note') note: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
    @Arg('photo', () => String, { nullable: true }) photo?: string,
  ): Promise<MicroWish> {
    return new WishService(ctx.db).fulfil(
      id,
      version,
      registrationId,
      note,
      serviceActor(ctx.scope, actor),
      photo,
      volunteerAccount(ctx.scope),
    );
  }

  @Mutation(() => MicroWish, { description: 'The resident’s thanks; the wish then shows on the echo wall with it' })
  thankWish(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, VERSION) version: number,
    @Arg('thanks') thanks: string,
    @Arg('actor', () => ActorInput, ACTOR) actor: ActorInput | undefined,
  ): Promise<MicroWish> {
    return new WishService(ctx.db).thank(id, version, thanks, serviceActor(ctx.scope, actor), householdReach(ctx.scope));
  }
}
