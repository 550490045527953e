import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MultiPolygon, Point } from 'geojson';

/** 楼栋 — a building footprint inside its small grid. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '楼栋 — a building' })
@Entity('building')
export class Building {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The small grid the building lies in' })
  @Column('uuid', { name: 'grid_id' })
  gridId!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true, unique: true })
  code!: string | null;

  @Field()
  @Column('text')
  name!: string;

  @Field()
  @Column('text')
  address!: string;

  @Field(() => Int)
  @Column('integer')
  floors!: number;

  @Field(() => Int, { description: '单元 — stairwell units' })
  @Column('integer')
  units!: number;

  /**
   * Read only when a query asks (`select: false`): the GraphQL fields `footprint` and
   * `centroid` are resolved in building.resolver.ts through the `buildingShape` loader.
   */
  @Column('geometry', { spatialFeatureType: 'MultiPolygon', srid: 4326, select: false })
  footprint?: MultiPolygon;

  @Column('geometry', { spatialFeatureType: 'Point', srid: 4326, select: false })
  centroid?: Point;

  @Field(() => Int)
  @Column('integer')
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When the row last changed (stamped by the database on every write); the sync order' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
