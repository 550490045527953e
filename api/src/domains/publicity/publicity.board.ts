import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Db } from '../../platform/db/session';
import type { Context } from '../../platform/graphql/context';
import { PostsBoard } from '../posts/posts.type';
import { BoardDeed, BoardNotice, CovenantVersion } from './publicity.type';

/**
 * What publicity adds to the public posts board (岗位公示, no sign-in): the public notices,
 * the community's current covenant and the published deeds of the board's grid and the grids
 * above it — read only through the public projections (`public_notice`, `public_covenant`,
 * `public_deed`), never a table as the caller.
 */
@Resolver(() => PostsBoard)
export class PostsBoardPublicityResolver {
  @FieldResolver(() => [BoardNotice], {
    description: '宣传栏 — public published notices of this grid and the grids above it, newest first',
  })
  notices(@Ctx() ctx: Context, @Root() board: PostsBoard): Promise<BoardNotice[]> {
    return boardRows(
      ctx.db,
      `SELECT n.id, n.grid_name AS "gridName", n.title, n.body, n.published_at AS "publishedAt"
         FROM public_notice n WHERE n.grid_path @> (SELECT path FROM public_grid WHERE code = $1)
        ORDER BY n.published_at DESC LIMIT 50`,
      board.grid.code,
    );
  }

  @FieldResolver(() => CovenantVersion, { nullable: true, description: '居民公约 — the community’s current covenant' })
  async covenant(@Ctx() ctx: Context, @Root() board: PostsBoard): Promise<CovenantVersion | null> {
    const [row] = await boardRows<CovenantVersion>(
      ctx.db,
      `SELECT c.id, c.community_id AS "communityId", c.version, c.title, c.body, NULL AS note, '' AS "authorName",
              c.created_at AS "createdAt"
         FROM public_covenant c WHERE c.grid_path @> (SELECT path FROM public_grid WHERE code = $1)`,
      board.grid.code,
    );
    return row ?? null;
  }

  @FieldResolver(() => [BoardDeed], { description: '先进事迹 — published deeds (with consent) of this grid and the grids above it' })
  deeds(@Ctx() ctx: Context, @Root() board: PostsBoard): Promise<BoardDeed[]> {
    return boardRows(
      ctx.db,
      `SELECT d.id, d.grid_name AS "gridName", d.person_name AS "personName", d.person_kind AS "personKind", d.title, d.story
         FROM public_deed d WHERE d.grid_path @> (SELECT path FROM public_grid WHERE code = $1)
        ORDER BY d.published_at DESC LIMIT 50`,
      board.grid.code,
    );
  }
}

function boardRows<T>(db: Db, sql: string, code: string): Promise<T[]> {
  return db.query(sql, [code]);
}
