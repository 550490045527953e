import { graphql } from '../../graphql/generated';

/** 全覆盖 over every grid the caller sees: counts and the first gaps of each kind. */
export const PARTY_COVERAGE_QUERY = graphql(`
  query PartyCoverage($first: Int) {
    partyCoverage(first: $first) {
      gridCount
      coverageRate
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
