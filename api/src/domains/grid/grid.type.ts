import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Grid } from './grid.entity';

/** What a grid's subtree holds. */
@ObjectType({ description: "Counts over the grid's whole subtree" })
export class GridCounts {
  @Field(() => Int, { description: 'Direct child grids' })
  children!: number;

  @Field(() => Int)
  buildings!: number;

  @Field(() => Int)
  households!: number;

  @Field(() => Int)
  residents!: number;
}

export const GridConnection = Connection(Grid);
export type GridConnection = InstanceType<typeof GridConnection>;
