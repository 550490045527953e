import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../platform/graphql/context';
import { EchoCommunity, echoCommunities } from './echo';

@Resolver(() => EchoCommunity)
export class EchoCommunityResolver {
  @Query(() => [EchoCommunity], { description: '回音壁 — the communities whose echo wall anyone may read, by code; public, like echoWall' })
  echoCommunities(@Ctx() ctx: Context): Promise<EchoCommunity[]> {
    return echoCommunities(ctx.db);
  }
}
