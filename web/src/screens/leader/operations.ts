import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Connection } from '../../graphql/types';

/** Rows per page in the leader's lists. */
export const LIST_PAGE = 20;

export const HOUSEHOLD_TAGS = ['ELDERLY_ALONE', 'DISABLED', 'LOW_INCOME', 'SPECIAL_CARE', 'CENTRAL_HOUSEHOLD'] as const;
export type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number];

export interface BuildingRow {
  id: string;
  name: string;
  address: string;
  floors: number;
  units: number;
}

export interface HouseholdRow {
  id: string;
  address: string;
  size: number;
  tags: HouseholdTag[];
}

export interface ResidentRow {
  id: string;
  name: string;
  /** Masked by the API (138****5678). */
  phone: string | null;
  relation: string;
  birthYear: number;
  household: { address: string };
}

interface Paging {
  gridId: string | null;
  first: number;
  after: string | null;
}

const PAGE = `totalCount pageInfo { endCursor hasNextPage }`;

export const BUILDINGS_QUERY: TypedDocumentNode<{ buildings: Connection<BuildingRow> }, Paging> = gql`
  query LeaderBuildings($gridId: ID, $first: Int!, $after: String) {
    buildings(gridId: $gridId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        name
        address
        floors
        units
      }
    }
  }
`;

export const HOUSEHOLDS_QUERY: TypedDocumentNode<{ households: Connection<HouseholdRow> }, Paging & { tags: HouseholdTag[] | null }> = gql(`
  query LeaderHouseholds($gridId: ID, $tags: [HouseholdTag!], $first: Int!, $after: String) {
    households(gridId: $gridId, tags: $tags, first: $first, after: $after) { ${PAGE} nodes { id address size tags } }
  }
`);

export const RESIDENTS_QUERY: TypedDocumentNode<{ residents: Connection<ResidentRow> }, Paging & { search: string | null }> = gql(`
  query LeaderResidents($gridId: ID, $search: String, $first: Int!, $after: String) {
    residents(gridId: $gridId, search: $search, first: $first, after: $after) { ${PAGE} nodes { id name phone relation birthYear household { address } } }
  }
`);
