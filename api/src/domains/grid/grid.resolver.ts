import { SYNC_ARG } from '../../platform/graphql/sync';
import type { GraphQLResolveInfo } from 'graphql';
import type { MultiPolygon, Point } from 'geojson';
import { Arg, Ctx, Float, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectedFields } from '../../platform/graphql/selection';
import { compileSelection, isCompiled } from '../../platform/graphql/compiled-read';
import type { Context } from '../../platform/graphql/context';
import { badInput, notFound } from '../../platform/graphql/errors';
import { GeoJSONScalar } from '../../platform/graphql/scalars/geojson';
import { Street } from '../street/street.entity';
import { Grid, GridLevel } from './grid.entity';
import { CreateGridInput, UpdateGridInput } from './grid.input';
import { GridService } from './grid.service';
import { GridConnection, GridCounts } from './grid.type';
import type { GridShape } from './grid.loader';

@Resolver(() => Grid)
export class GridResolver {
  @Query(() => Grid, { nullable: true, description: 'One grid by id or by code' })
  async grid(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
  ): Promise<Grid | null> {
    if ((id == null) === (code == null)) throw badInput('id', 'give exactly one of id and code');
    // The grid and what the query follows from it (children, their counts…) in one statement when it compiles.
    const compiled = await new GridService(ctx.db, ctx.scope).compiledOne(
      { id, code },
      compileSelection(info, [], 'Grid', ctx.db, ctx.scope),
    );
    if (compiled !== undefined) return compiled;
    return id != null ? ctx.loaders.gridById.load(id) : ctx.loaders.gridByCode.load(code!);
  }

  @Query(() => GridConnection, {
    description: 'Grids by level, parent, street, bbox [w,s,e,n] or intersecting a geometry; ordered by code',
  })
  async grids(
    @Ctx() ctx: Context,
    @Arg('level', () => GridLevel, { nullable: true }) level?: GridLevel,
    @Arg('parentId', () => ID, { nullable: true }) parentId?: string,
    @Arg('streetId', () => ID, { nullable: true }) streetId?: string,
    @Arg('bbox', () => [Float], { nullable: true }) bbox?: number[],
    @Arg('intersects', () => GeoJSONScalar, { nullable: true }) intersects?: unknown,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('changedSince', () => String, { nullable: true, description: SYNC_ARG }) changedSince?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<GridConnection> {
    const page = await new GridService(ctx.db, ctx.scope).list(
      { level, parentId, streetId, bbox, intersects, first, after },
      { changedSince, config: ctx.sync },
      info && compileSelection(info, ['nodes'], 'Grid', ctx.db, ctx.scope),
    );
    // Nodes built by a compiled read hold only the selected fields: nothing to prime.
    if (!page.nodes.some(isCompiled)) for (const g of page.nodes) ctx.loaders.gridById.prime(g.id, g);
    return page;
  }

  @Query(() => [Grid], { description: 'The grids containing the point, ordered SMALL → MEDIUM → LARGE' })
  async gridAt(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('lng', () => Float) lng: number,
    @Arg('lat', () => Float) lat: number,
  ): Promise<Grid[]> {
    const asked = selectedFields(info);
    const chain = await new GridService(ctx.db, ctx.scope).at(lng, lat, {
      shapes: asked.has('geometry') || asked.has('labelPoint'),
      compile: compileSelection(info, [], 'Grid', ctx.db, ctx.scope),
    });
    // Grids built by a compiled read hold only the selected fields: nothing to prime.
    if (!chain.some(isCompiled)) for (const g of chain) ctx.loaders.gridById.prime(g.id, g);
    return chain;
  }

  @Mutation(() => Grid, { description: 'Create a grid: valid polygon, inside its parent, overlapping no grid of its level' })
  createGrid(@Ctx() ctx: Context, @Arg('input', () => CreateGridInput) input: CreateGridInput): Promise<Grid> {
    return new GridService(ctx.db, ctx.scope).create(input);
  }

  @Mutation(() => Grid, { description: 'Rename or reshape a grid; a stale version answers CONFLICT' })
  updateGrid(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateGridInput) input: UpdateGridInput,
  ): Promise<Grid> {
    return new GridService(ctx.db, ctx.scope).update(id, input);
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Boundary, a GeoJSON MultiPolygon in WGS-84' })
  async geometry(@Root() grid: Grid, @Ctx() ctx: Context): Promise<MultiPolygon> {
    return grid.geometry ?? (await shapeOf(grid, ctx)).geometry;
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'A point inside the polygon for labels and pins' })
  async labelPoint(@Root() grid: Grid, @Ctx() ctx: Context): Promise<Point> {
    return grid.labelPoint ?? (await shapeOf(grid, ctx)).labelPoint;
  }

  @FieldResolver(() => Street)
  async street(@Root() grid: Grid, @Ctx() ctx: Context): Promise<Street> {
    const street = await ctx.loaders.streetById.load(grid.streetId);
    if (!street) throw notFound('Street', grid.streetId);
    return street;
  }

  @FieldResolver(() => Grid, { nullable: true })
  parent(@Root() grid: Grid, @Ctx() ctx: Context): Promise<Grid | null> | null {
    return grid.parentId ? ctx.loaders.gridById.load(grid.parentId) : null;
  }

  @FieldResolver(() => [Grid], { description: 'Direct child grids, by code' })
  children(@Root() grid: Grid, @Ctx() ctx: Context): Promise<Grid[]> {
    return ctx.loaders.gridChildren.load(grid.id);
  }

  @FieldResolver(() => GridCounts)
  counts(@Root() grid: Grid, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Partial<GridCounts>> {
    // Only the counts the query names are computed (and so only those are read back).
    return ctx.loaders.gridCounts(selectedFields(info)).load(grid.id);
  }
}

async function shapeOf(grid: Grid, ctx: Context): Promise<GridShape> {
  const shape = await ctx.loaders.gridShape.load(grid.id);
  if (!shape) throw notFound('Grid', grid.id);
  return shape;
}

/** Street.grids: a street's face for this domain. */
@Resolver(() => Street)
export class StreetGridsResolver {
  @FieldResolver(() => [Grid], { description: 'The large grids (communities), by code' })
  grids(@Root() street: Street, @Ctx() ctx: Context): Promise<Grid[]> {
    return ctx.loaders.largeGridsByStreet.load(street.id);
  }
}
