import { graphql } from '../../graphql/generated';

/** 全覆盖 over every grid the caller sees: counts and the first gaps of each kind. */
export const PARTY_COVERAGE_QUERY = graphql(`
  query PartyCoverage($first: Int) {
    partyCoverage(first: $first) {
      gridCount
      streetCommittee
      centralHouseholds
      centralHouseholdsLinked
      coverageRate
      leaderRate
      gridsWithoutOrganization {
        totalCount
        nodes {
          gridId
          gridCode
          gridName
          gridLevel
        }
      }
      gridsWithoutLeader {
        totalCount
        nodes {
          gridId
          gridCode
          gridName
          gridLevel
        }
      }
      organizationsWithoutSecretary {
        totalCount
        nodes {
          gridId
          gridCode
          gridName
          gridLevel
        }
      }
    }
  }
`);

/** The wall's party layer: coverage per grid, central households and service posts, in one request. */
export const PARTY_MAP_QUERY = graphql(`
  query PartyMap {
    partyMap {
      grids {
        gridId
        level
        status
        organizationName
        secretaryName
        leaderName
        partyMembers
      }
      centralHouseholds {
        id
        name
        address
        lng
        lat
        linkedHouseholds
      }
      servicePosts {
        id
        name
        kind
        hours
        lng
        lat
      }
    }
  }
`);
