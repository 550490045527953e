import { graphql } from '../../graphql/generated';

/** What a unit's signed link opens: its members' month (public; the token is the credential). */
export const UNIT_SHEET_QUERY = graphql(`
  query UnitEvaluationSheet($token: String!) {
    unitEvaluationSheet(token: $token) {
      unitId
      unitName
      communityName
      month
      expiresAt
      totalHours
      unitRated
      members {
        registrationId
        name
        hours
        unitRating
        unitComment
        communityRating
      }
    }
  }
`);

/** The unit's rating of one member's month, through the link. */
export const RATE_BY_LINK = graphql(`
  mutation EvaluateServiceByLink($token: String!, $registrationId: ID!, $rating: Int!, $comment: String) {
    evaluateServiceByLink(token: $token, registrationId: $registrationId, rating: $rating, comment: $comment) {
      registrationId
      unitRating
      unitComment
    }
  }
`);
