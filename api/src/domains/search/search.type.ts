import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GridLevel } from '../grid/grid.entity';

export enum SearchKind {
  GRID = 'GRID',
  BUILDING = 'BUILDING',
  HOUSEHOLD = 'HOUSEHOLD',
  CASE = 'CASE',
}
registerEnumType(SearchKind, {
  name: 'SearchKind',
  description: 'GRID 网格 (by name or code), BUILDING 楼栋 (by name or address), HOUSEHOLD 住户 (by address), CASE 事件 (by number)',
});

/** One place or case a search found, with where to fly to. */
@ObjectType({ description: '搜索结果 — a grid, building, household or case the search text matched, among those you can see' })
export class SearchHit {
  @Field(() => SearchKind)
  kind!: SearchKind;

  @Field(() => ID, { description: 'The id of the grid, building, household or case' })
  id!: string;

  @Field({ description: "What to show first: the grid's or building's name, the household's address, the case number" })
  title!: string;

  @Field(() => String, { nullable: true, description: "A second line: the grid's code, the building's address, the household's building" })
  subtitle!: string | null;

  @Field(() => GridLevel, { nullable: true, description: "The grid's level (grids only)" })
  level!: GridLevel | null;

  @Field(() => [Float], {
    nullable: true,
    description: "A point inside it, [lng, lat]: a grid's label point, a building's centroid, a case's location",
  })
  point!: number[] | null;

  @Field(() => [Float], { nullable: true, description: 'Its bounding box [w, s, e, n] to fit the map to' })
  bbox!: number[] | null;
}
