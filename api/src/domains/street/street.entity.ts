import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MultiPolygon } from 'geojson';
import { GeoJSONScalar } from '../../platform/graphql/scalars/geojson';

/** 街道 — the street office's whole area, the root above the large grids. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '街道 — a street, the root of the grid hierarchy' })
@Entity('street')
export class Street {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: '9-digit street code: 6-digit county division + 3-digit street' })
  @Column('text', { unique: true })
  code!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => GeoJSONScalar, { description: 'Boundary, a GeoJSON MultiPolygon in WGS-84' })
  @Column('geometry', { name: 'geom', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  geometry!: MultiPolygon;

  @Field(() => Float)
  @Column('double precision', { name: 'area_m2' })
  areaM2!: number;

  @Column('integer')
  version!: number;
}
