import { Field, ID, InputType, Int } from 'type-graphql';
import { GeoJSONScalar } from '../../platform/graphql/scalars/geojson';

@InputType()
export class CreateBuildingInput {
  @Field(() => ID, { description: 'The SMALL grid the building lies in' })
  gridId!: string;

  @Field(() => String, { nullable: true })
  code?: string;

  @Field()
  name!: string;

  @Field()
  address!: string;

  @Field(() => Int)
  floors!: number;

  @Field(() => Int)
  units!: number;

  @Field(() => GeoJSONScalar, { description: 'Footprint: Polygon or MultiPolygon, WGS-84' })
  footprint!: unknown;
}

@InputType()
export class UpdateBuildingInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  address?: string;

  @Field(() => Int, { nullable: true })
  floors?: number;

  @Field(() => Int, { nullable: true })
  units?: number;

  @Field(() => GeoJSONScalar, { nullable: true })
  footprint?: unknown;

  @Field(() => Int)
  version!: number;
}
