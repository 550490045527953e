import { graphql } from '../../graphql/generated';

/** 考核评价: a month's ranked scores of one level, each explained input by input. */
export const ASSESSMENT_QUERY = graphql(`
  query Assessment($month: String!, $level: AssessmentLevel!, $communityId: ID) {
    assessment(month: $month, level: $level, communityId: $communityId) {
      month
      schemeVersion
      entries {
        subjectId
        name
        subjectLevel
        gridId
        communityId
        communityName
        score
        rank
        communityRank
        inputs {
          code
          value
          basis
          target
          weight
          higherIsBetter
          points
        }
      }
    }
  }
`);
