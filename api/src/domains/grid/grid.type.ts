import { Field, Int, ObjectType } from 'type-graphql';
import { SyncConnection } from '../../platform/graphql/sync';
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

export const GridConnection = SyncConnection(Grid);
export type GridConnection = InstanceType<typeof GridConnection>;
