import { graphql } from './generated';

/** The API's maximum page size for `grids`; the map pages through every grid with it. */
export const MAX_GRID_PAGE = 500;

export const STREETS_QUERY = graphql(`
  query Streets {
    streets {
      id
      code
      name
      geometry
      bbox
    }
  }
`);

export const GRID_SHAPES_QUERY = graphql(`
  query GridShapes($level: GridLevel!, $first: Int!, $after: String) {
    grids(level: $level, first: $first, after: $after) {
      nodes {
        ...GridShape
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }

  fragment GridShape on Grid {
    id
    code
    name
    level
    parentId
    geometry
    labelPoint
  }
`);

/** How many grids a level has (the map draws them from vector tiles, not from GraphQL). */
export const GRID_COUNT_QUERY = graphql(`
  query GridCount($level: GridLevel!) {
    grids(level: $level, first: 1) {
      totalCount
    }
  }
`);

/** The chain of grids containing a point, SMALL → MEDIUM → LARGE, with what the side panel shows. */
export const GRID_AT_QUERY = graphql(`
  query GridAt($lng: Float!, $lat: Float!) {
    gridAt(lng: $lng, lat: $lat) {
      ...GridDetail
    }
  }

  fragment GridDetail on Grid {
    id
    code
    name
    level
    areaM2
    counts {
      buildings
      households
      residents
    }
    leaders {
      id
      name
      role
      since
    }
  }
`);
