import { SYNC_ARG } from '../../platform/graphql/sync';
import type { GraphQLResolveInfo } from 'graphql';
import { compileSelection } from '../../platform/graphql/compiled-read';
import { Arg, Ctx, FieldResolver, Info, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { notFound } from '../../platform/graphql/errors';
import { pageSize } from '../../platform/graphql/connection';
import { NearInput } from '../../platform/graphql/spatial-args';
import { Grid } from '../grid/grid.entity';
import type { MultiPolygon, Point } from 'geojson';
import { GeoJSONScalar } from '../../platform/graphql/scalars/geojson';
import { Building } from './building.entity';
import type { BuildingShape } from './building.loader';
import { CreateBuildingInput, UpdateBuildingInput } from './building.input';
import { BuildingService } from './building.service';
import { BuildingConnection } from './building.type';

@Resolver(() => Building)
export class BuildingResolver {
  @Query(() => Building, { nullable: true })
  building(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Building | null> {
    return ctx.loaders.buildingById.load(id);
  }

  @Query(() => BuildingConnection, { description: "Buildings in a grid's subtree, a bbox [w,s,e,n], or near a point" })
  buildings(
    @Ctx() ctx: Context,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string,
    @Arg('bbox', () => [Float], { nullable: true }) bbox?: number[],
    @Arg('near', () => NearInput, { nullable: true }) near?: NearInput,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('changedSince', () => String, { nullable: true, description: SYNC_ARG }) changedSince?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<BuildingConnection> {
    return new BuildingService(ctx.db, ctx.scope).list(
      { gridId, bbox, near, first, after },
      { changedSince, config: ctx.sync },
      info && compileSelection(info, ['nodes'], 'Building', ctx.db, ctx.scope),
    );
  }

  @Mutation(() => Building, { description: 'Add a building inside a SMALL grid' })
  createBuilding(@Ctx() ctx: Context, @Arg('input', () => CreateBuildingInput) input: CreateBuildingInput): Promise<Building> {
    return new BuildingService(ctx.db, ctx.scope).create(input);
  }

  @Mutation(() => Building)
  updateBuilding(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateBuildingInput) input: UpdateBuildingInput,
  ): Promise<Building> {
    return new BuildingService(ctx.db, ctx.scope).update(id, input);
  }

  @FieldResolver(() => GeoJSONScalar)
  async footprint(@Root() building: Building, @Ctx() ctx: Context): Promise<MultiPolygon> {
    return building.footprint ?? (await shapeOf(building, ctx)).footprint;
  }

  @FieldResolver(() => GeoJSONScalar)
  async centroid(@Root() building: Building, @Ctx() ctx: Context): Promise<Point> {
    return building.centroid ?? (await shapeOf(building, ctx)).centroid;
  }

  @FieldResolver(() => Grid, { description: 'The small grid' })
  async grid(@Root() building: Building, @Ctx() ctx: Context): Promise<Grid> {
    const grid = await ctx.loaders.gridById.load(building.gridId);
    if (!grid) throw notFound('Grid', building.gridId);
    return grid;
  }
}

async function shapeOf(building: Building, ctx: Context): Promise<BuildingShape> {
  const shape = await ctx.loaders.buildingShape.load(building.id);
  if (!shape) throw notFound('Building', building.id);
  return shape;
}

/** Grid.buildings: a grid's face for this domain (grids know nothing of buildings). */
@Resolver(() => Grid)
export class GridBuildingsResolver {
  @FieldResolver(() => [Building], { description: "Buildings in the grid's subtree, by code (at most `first`)" })
  buildings(@Root() grid: Grid, @Ctx() ctx: Context, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<Building[]> {
    return ctx.loaders.buildingsInGrid(pageSize(first)).load(grid.id);
  }
}
