import { Field, InputType, Int } from 'type-graphql';
import { GeoJSONScalar } from '../../platform/graphql/scalars/geojson';
import { GridLevel } from './grid.entity';

@InputType({ description: 'A new grid; its parent follows from the code' })
export class CreateGridInput {
  @Field({ description: 'LARGE: 12 digits, MEDIUM: 15, SMALL: 19; the parent is the code without its last part' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => GridLevel)
  level!: GridLevel;

  @Field(() => GeoJSONScalar, { description: 'Polygon or MultiPolygon, WGS-84' })
  geometry!: unknown;
}

@InputType({ description: 'Changes to a grid; omitted fields stay as they are' })
export class UpdateGridInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => GeoJSONScalar, { nullable: true })
  geometry?: unknown;

  @Field(() => Int, { description: 'The version you read; a newer one in the database means CONFLICT' })
  version!: number;
}
