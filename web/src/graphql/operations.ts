import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Connection, GridDetail, GridLevel, GridShape, StreetShape } from './types';

/** The API's maximum page size for `grids`; the map pages through every grid with it. */
export const MAX_GRID_PAGE = 500;

export const STREETS_QUERY: TypedDocumentNode<{ streets: StreetShape[] }, Record<string, never>> = gql`
  query Streets {
    streets {
      id
      code
      name
      geometry
      bbox
    }
  }
`;

export interface GridShapesVariables {
  level: GridLevel;
  first: number;
  after: string | null;
}

export const GRID_SHAPES_QUERY: TypedDocumentNode<{ grids: Connection<GridShape> }, GridShapesVariables> = gql`
  query GridShapes($level: GridLevel!, $first: Int!, $after: String) {
    grids(level: $level, first: $first, after: $after) {
      nodes {
        id
        code
        name
        level
        parentId
        geometry
        labelPoint
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`;

/** How many grids a level has (the map draws them from vector tiles, not from GraphQL). */
export const GRID_COUNT_QUERY: TypedDocumentNode<{ grids: { totalCount: number } }, { level: GridLevel }> = gql`
  query GridCount($level: GridLevel!) {
    grids(level: $level, first: 1) {
      totalCount
    }
  }
`;

export interface GridAtVariables {
  lng: number;
  lat: number;
}

/** The chain of grids containing a point, SMALL → MEDIUM → LARGE, with what the side panel shows. */
export const GRID_AT_QUERY: TypedDocumentNode<{ gridAt: GridDetail[] }, GridAtVariables> = gql`
  query GridAt($lng: Float!, $lat: Float!) {
    gridAt(lng: $lng, lat: $lat) {
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
  }
`;
