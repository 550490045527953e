import { graphql, type DocumentType } from '../../graphql/generated';

export const SERVICE_MAP_QUERY = graphql(`
  query ServiceMap($gridId: ID, $period: String) {
    serviceMap(gridId: $gridId, period: $period)
  }
`);

/** 服务动态 — a service change in the viewer's scope (no names: subject, id, type, grid). */
export const SERVICE_UPDATES_SUBSCRIPTION = graphql(`
  subscription ServiceUpdates {
    serviceUpdates {
      id
      subject
      type
      gridId
    }
  }
`);

export const SERVICE_SKILL_FRAGMENT = graphql(`
  fragment ServiceSkill on ServiceSkill {
    code
    nameZh
    nameEn
  }
`);

/** A skill (技能) with its names; needs and registrations name skills by code. */
export type SkillRow = DocumentType<typeof SERVICE_SKILL_FRAGMENT>;

export const LEADER_SERVICES_QUERY = graphql(`
  query LeaderServices(
    $gridId: ID
    $period: String!
    $needStatus: NeedStatus
    $needType: String
    $needsAfter: String
    $matchStatus: MatchStatus
    $matchesAfter: String
    $page: Int!
  ) {
    serviceNeeds(gridId: $gridId, status: $needStatus, type: $needType, first: $page, after: $needsAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        type
        urgency
        notes
        status
        weekday
        startMinute
        endMinute
        household {
          address
        }
      }
    }
    serviceMatches(gridId: $gridId, period: $period, status: $matchStatus, first: $page, after: $matchesAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        version
        status
        distanceM
        explanation
        helper {
          id
          name
        }
        need {
          id
          type
          household {
            address
          }
        }
      }
    }
    serviceSkills {
      ...ServiceSkill
    }
    serviceRegistrations(first: 100) {
      totalCount
      nodes {
        id
        name
        kind
        unitName
        skills
        radiusM
        weeklyCapacity
      }
    }
    microWishes(gridId: $gridId, status: SUBMITTED, first: 50) {
      totalCount
      nodes {
        id
        version
        title
        description
      }
    }
  }
`);

type LeaderServices = DocumentType<typeof LEADER_SERVICES_QUERY>;
export type NeedRow = LeaderServices['serviceNeeds']['nodes'][number];
export type MatchRow = LeaderServices['serviceMatches']['nodes'][number];
/** 资源清单 — a registered helper or unit of the leader's community. */
export type ResourceRow = LeaderServices['serviceRegistrations']['nodes'][number];
/** A wish waiting for the leader's review. */
export type PendingWishRow = LeaderServices['microWishes']['nodes'][number];

export const REASSIGN_MATCH = graphql(`
  mutation ReassignMatch($id: ID!, $version: Int!, $registrationId: ID!) {
    reassignMatch(id: $id, version: $version, registrationId: $registrationId) {
      id
      status
    }
  }
`);

export const REVIEW_WISH = graphql(`
  mutation ReviewWish($id: ID!, $version: Int!, $publish: Boolean!, $reason: String) {
    reviewWish(id: $id, version: $version, publish: $publish, reason: $reason) {
      id
      status
    }
  }
`);

export const VISIT_SCHEDULE_QUERY = graphql(`
  query LeaderVisits($gridId: ID!) {
    visitSchedule(gridId: $gridId, first: 50) {
      householdId
      address
      nextDueAt
      overdue
      tags
      intervalDays
    }
  }
`);

export type VisitRow = DocumentType<typeof VISIT_SCHEDULE_QUERY>['visitSchedule'][number];

export const CONFIRM_MATCH = graphql(`
  mutation ConfirmMatch($id: ID!, $version: Int!) {
    confirmMatch(id: $id, version: $version) {
      id
      status
    }
  }
`);

export const REJECT_MATCH = graphql(`
  mutation RejectMatch($id: ID!, $version: Int!, $reason: String!) {
    rejectMatch(id: $id, version: $version, reason: $reason) {
      id
      status
    }
  }
`);

export const PROPOSE_MATCHES = graphql(`
  mutation ProposeMatches($gridId: ID!, $period: String!) {
    proposeMatches(gridId: $gridId, period: $period) {
      needs
      proposals {
        id
      }
    }
  }
`);

/** 双评议 — a community's sheet for a month: hours and both ratings per registered member, with their work unit. */
export const EVALUATION_SHEET_QUERY = graphql(`
  query EvaluationSheet($communityId: ID!, $period: String!) {
    serviceEvaluations(communityId: $communityId, period: $period) {
      registrationId
      name
      unitName
      unitId
      hours
      unitRating
      unitComment
      communityRating
      communityComment
    }
  }
`);

/** The community's rating of a member's month (the leader acts as GRID_LEADER, the account's own capacity). */
export const EVALUATE_AS_COMMUNITY = graphql(`
  mutation EvaluateAsCommunity($registrationId: ID!, $period: String!, $rating: Int!, $comment: String) {
    evaluateService(registrationId: $registrationId, period: $period, evaluator: COMMUNITY, rating: $rating, comment: $comment) {
      registrationId
      communityRating
      communityComment
    }
  }
`);

/** A signed link for a work unit to rate its members' month without an account. */
export const UNIT_EVALUATION_LINK = graphql(`
  mutation UnitEvaluationLink($unitId: ID!, $month: String!) {
    unitEvaluationLink(unitId: $unitId, month: $month) {
      token
      unitName
      month
      expiresAt
    }
  }
`);
