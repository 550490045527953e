import { Arg, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { badInput } from '../../platform/graphql/errors';
import { Street } from './street.entity';
import { applyScope } from '../../platform/identity/scope';
import { bboxOf } from '@streetgrid/geo';

@Resolver(() => Street)
export class StreetResolver {
  @Query(() => [Street], { description: 'Every street of this installation, by code' })
  streets(@Ctx() ctx: Context): Promise<Street[]> {
    return applyScope(ctx.db.getRepository(Street).createQueryBuilder('s'), ctx.scope, 'Street', 's').orderBy('s.code', 'ASC').getMany();
  }

  @Query(() => Street, { nullable: true })
  async street(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
  ): Promise<Street | null> {
    if ((id == null) === (code == null)) throw badInput('id', 'give exactly one of id and code');
    if (id != null) return ctx.loaders.streetById.load(id);
    return applyScope(ctx.db.getRepository(Street).createQueryBuilder('s'), ctx.scope, 'Street', 's')
      .andWhere('s.code = :code', { code })
      .getOne();
  }

  @FieldResolver(() => [Float], { description: '[west, south, east, north]' })
  bbox(@Root() street: Street): number[] {
    return [...bboxOf(street.geometry)];
  }
}
