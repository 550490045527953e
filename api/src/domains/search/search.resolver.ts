import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { search } from './search.service';
import { SearchHit } from './search.type';

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      '搜索 — grids by name or code, buildings by name or address, households by address, cases by number, among those you can see; ' +
      'exact codes and numbers first, then the closest names; up to `first` (10, at most 50) of each kind',
  })
  search(
    @Ctx() ctx: Context,
    @Arg('text') text: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first?: number,
  ): Promise<SearchHit[]> {
    return search(ctx.db, ctx.scope, { text, first });
  }
}
