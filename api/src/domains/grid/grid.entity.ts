import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MultiPolygon, Point } from 'geojson';

/** Grid levels: 大网格 (community), 中网格 (compound), 小网格 (building or lane). */
export enum GridLevel {
  LARGE = 'LARGE',
  MEDIUM = 'MEDIUM',
  SMALL = 'SMALL',
}
registerEnumType(GridLevel, {
  name: 'GridLevel',
  description: 'LARGE 大网格 = community, MEDIUM 中网格 = compound, SMALL 小网格 = building or lane',
});

/** 网格 — a polygon of the street's nested grid, with its place in the hierarchy. */
@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
@ObjectType({ description: '网格 — a grid polygon at one of three levels' })
@Entity('grid')
export class Grid {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Hierarchical code (CJ/T 349 spirit): street(9) + community(3) [+ compound(3) [+ grid(4)]]' })
  @Column('text', { unique: true })
  code!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => GridLevel)
  @Column({ type: 'enum', enum: GridLevel, enumName: 'grid_level' })
  level!: GridLevel;

  @Field(() => ID)
  @Column('uuid', { name: 'street_id' })
  streetId!: string;

  @Field(() => ID, { nullable: true, description: 'Null for a LARGE grid, whose parent is the street' })
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  /** Materialised path (ltree) so "this grid's subtree" is one indexed predicate. */
  @Column('ltree')
  path!: string;

  /**
   * The shapes are read only when a query asks for them (`select: false`; the GraphQL fields
   * `geometry` and `labelPoint` are resolved in grid.resolver.ts, through `gridShape` when a
   * grid was loaded without them): most reads of a grid never need its polygon.
   */
  @Column('geometry', { name: 'geom', spatialFeatureType: 'MultiPolygon', srid: 4326, select: false })
  geometry?: MultiPolygon;

  @Column('geometry', { name: 'label_point', spatialFeatureType: 'Point', srid: 4326, select: false })
  labelPoint?: Point;

  @Field(() => Float, { description: 'Area in square metres (geodesic)' })
  @Column('double precision', { name: 'area_m2' })
  areaM2!: number;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back on update' })
  @Column('integer')
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When the row last changed (stamped by the database on every write); the sync order' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
