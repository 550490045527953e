import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { listServicePosts, postsBoard, ServicePostService } from './posts.service';
import { PartyServicePost, PartyServicePostInput, PostsBoard } from './posts.type';
import { PartyMap, partyMap } from './posts.map';
import { forbidden } from '../../platform/graphql/errors';

/** 岗位公示 and 党群服务阵地: the public posts board, and the service posts the street admins keep. */
@Resolver()
export class PostsResolver {
  @Query(() => PostsBoard, {
    description:
      '岗位公示 — public, no sign-in: the posts board of a community, compound or building grid by its code (what its QR code carries)',
  })
  postsBoard(@Ctx() ctx: Context, @Arg('code') code: string): Promise<PostsBoard> {
    return postsBoard(ctx.db, code);
  }

  @Query(() => [PartyServicePost], { description: '党群服务阵地 — the party service posts, all or in a grid’s subtree' })
  partyServicePosts(@Ctx() ctx: Context, @Arg('gridId', () => ID, { nullable: true }) gridId?: string | null): Promise<PartyServicePost[]> {
    return listServicePosts(ctx.db, gridId);
  }

  @Query(() => PartyMap, {
    description:
      'The wall’s party layer — per grid its coverage, organisation, secretary, leader and party members; central households ' +
      'and service posts as points; over every grid you see or the subtree of gridId, in one request. Street staff and grid leaders',
  })
  partyMap(@Ctx() ctx: Context, @Arg('gridId', () => ID, { nullable: true }) gridId?: string): Promise<PartyMap> {
    ctx.scope.requireSignedIn();
    if (!ctx.scope.seesVisits) throw forbidden('only street staff and grid leaders see the party layer');
    return partyMap(ctx.db, ctx.scope, gridId);
  }

  @Mutation(() => PartyServicePost, { description: 'A new party service post: a point inside its grid (street admins)' })
  createPartyServicePost(
    @Ctx() ctx: Context,
    @Arg('input', () => PartyServicePostInput) input: PartyServicePostInput,
  ): Promise<PartyServicePost> {
    return new ServicePostService(ctx.db).create(ctx.scope.viewer, input);
  }

  @Mutation(() => PartyServicePost, { description: 'Changes a party service post (the version read; a newer one answers CONFLICT)' })
  updatePartyServicePost(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => PartyServicePostInput) input: PartyServicePostInput,
  ): Promise<PartyServicePost> {
    return new ServicePostService(ctx.db).update(ctx.scope.viewer, id, version, input);
  }

  @Mutation(() => PartyServicePost, { description: 'Removes a party service post; answers it as it was' })
  removePartyServicePost(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PartyServicePost> {
    return new ServicePostService(ctx.db).remove(ctx.scope.viewer, id);
  }
}
