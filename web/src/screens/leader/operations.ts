import { graphql } from '../../graphql/generated';
import type { HouseholdTag } from '../../graphql/generated/graphql';

/** Rows per page in the leader's lists. */
export const LIST_PAGE = 20;

export type { HouseholdTag };

/** Every household tag, in the order the filter offers them. */
export const HOUSEHOLD_TAGS = [
  'ELDERLY_ALONE',
  'DISABLED',
  'LOW_INCOME',
  'SPECIAL_CARE',
  'CENTRAL_HOUSEHOLD',
] as const satisfies readonly HouseholdTag[];

export const BUILDINGS_QUERY = graphql(`
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
`);

export const HOUSEHOLDS_QUERY = graphql(`
  query LeaderHouseholds($gridId: ID, $tags: [HouseholdTag!], $first: Int!, $after: String) {
    households(gridId: $gridId, tags: $tags, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        address
        size
        tags
        centralHousehold {
          id
          name
          householdId
        }
        linkedHouseholds {
          id
        }
      }
    }
  }
`);

/** 联系户: the households of a grid a central household may look after (its community's, one page). */
export const LINKABLE_HOUSEHOLDS = graphql(`
  query LinkableHouseholds($gridId: ID) {
    households(gridId: $gridId, first: 100) {
      nodes {
        id
        address
      }
    }
  }
`);

export const SET_CENTRAL_LINKS = graphql(`
  mutation SetCentralHouseholdLinks($id: ID!, $ids: [ID!]!) {
    setCentralHouseholdLinks(organizationId: $id, householdIds: $ids) {
      id
      linkedHouseholds {
        id
      }
    }
  }
`);

/** Residents of the leader's grids, by name search; `phone` comes masked by the API (138****5678). */
export const RESIDENTS_QUERY = graphql(`
  query LeaderResidents($gridId: ID, $search: String, $first: Int!, $after: String) {
    residents(gridId: $gridId, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        name
        phone
        relation
        birthYear
        household {
          address
        }
      }
    }
  }
`);

/** 邀请注册: a single-use code for a resident to make their own account (shown once). */
export const INVITE_RESIDENT = graphql(`
  mutation InviteResident($residentId: ID!, $role: InvitedRole!) {
    inviteResident(residentId: $residentId, role: $role) {
      code
      role
      residentName
      expiresAt
    }
  }
`);
