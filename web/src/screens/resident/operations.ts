import { graphql, type DocumentType } from '../../graphql/generated';

/** A resident's own household: its wishes at every stage, its needs, and the community (for the echo wall). */
export const RESIDENT_QUERY = graphql(`
  query ResidentHome {
    microWishes(mine: true, first: 50) {
      nodes {
        id
        version
        title
        description
        status
        rejectReason
        fulfilNote
        thanks
      }
    }
    serviceNeeds(first: 50) {
      nodes {
        id
        version
        type
        urgency
        status
        weekday
        startMinute
        endMinute
        notes
      }
    }
    serviceSkills {
      ...ServiceSkill
    }
    grids(level: LARGE, first: 1) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

type ResidentHome = DocumentType<typeof RESIDENT_QUERY>;
/** One of the household's micro-wishes (微心愿), at any stage. */
export type OwnWish = ResidentHome['microWishes']['nodes'][number];
/** One of the household's needs. */
export type OwnNeed = ResidentHome['serviceNeeds']['nodes'][number];

export const POST_OWN_WISH = graphql(`
  mutation PostOwnWish($title: String!, $description: String!, $posterName: String!) {
    postWish(input: { title: $title, description: $description, posterName: $posterName }) {
      id
    }
  }
`);

export const THANK_WISH = graphql(`
  mutation ThankWish($id: ID!, $version: Int!, $thanks: String!) {
    thankWish(id: $id, version: $version, thanks: $thanks) {
      id
      status
    }
  }
`);

export const RAISE_OWN_NEED = graphql(`
  mutation RaiseOwnNeed($type: String!, $urgency: NeedUrgency!, $window: WeeklyWindowInput!, $durationMinutes: Int, $notes: String) {
    raiseNeed(
      input: { type: $type, urgency: $urgency, source: RESIDENT, window: $window, durationMinutes: $durationMinutes, notes: $notes }
    ) {
      id
    }
  }
`);

export const CANCEL_NEED = graphql(`
  mutation CancelOwnNeed($id: ID!, $version: Int!, $reason: String!) {
    cancelNeed(id: $id, version: $version, reason: $reason) {
      id
      status
    }
  }
`);

/** The resident's own cases (row-level security: the ones they reported) and their home building (where a report goes by default). */
export const OWN_CASES_QUERY = graphql(`
  query OwnCases($first: Int!) {
    cases(first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    buildings(first: 1) {
      nodes {
        id
        name
        address
        centroid
      }
    }
  }
`);

type OwnCases = DocumentType<typeof OWN_CASES_QUERY>;
/** The resident's home building: a report's default place. */
export type HomeBuilding = OwnCases['buildings']['nodes'][number];

export const RATE_CASE = graphql(`
  mutation RateOwnCase($id: ID!, $version: Int!, $rating: Int!, $comment: String) {
    rateCase(id: $id, version: $version, rating: $rating, comment: $comment) {
      ...CaseSummary
    }
  }
`);

/** 党员中心户 seen from the resident's own household (a member sees only their household's residents). */
export const OWN_CENTRAL_HOUSEHOLD = graphql(`
  query OwnCentralHousehold {
    residents(first: 1) {
      nodes {
        id
        household {
          id
          centralHousehold {
            id
            name
            householdId
          }
          linkedHouseholds {
            id
            address
          }
        }
      }
    }
  }
`);
