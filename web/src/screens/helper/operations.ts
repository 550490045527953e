import { graphql, type DocumentType } from '../../graphql/generated';

/** The signed-in helper's registrations (双报到), with this month's hours, and the skill names. */
export const HELPER_QUERY = graphql(`
  query HelperHome($from: DateTime!, $to: DateTime!) {
    me {
      id
      registrations {
        id
        name
        kind
        communityId
        location
        skills
        radiusM
        weeklyCapacity
        hours(from: $from, to: $to)
      }
    }
    serviceSkills {
      ...ServiceSkill
    }
  }
`);

export const HELPER_TASK_FRAGMENT = graphql(`
  fragment HelperTask on ServiceMatch {
    id
    version
    status
    period
    distanceM
    explanation
    window {
      weekday
      startMinute
      endMinute
    }
    need {
      id
      type
      urgency
      notes
      address
      weekday
      startMinute
      endMinute
    }
  }
`);

/** A task (a match) as the helper sees it; `window` is the time booked (null on matches made before times were booked). */
export type TaskRow = DocumentType<typeof HELPER_TASK_FRAGMENT>;

/** The helper's tasks: what leaders confirmed to them (to answer), accepted ones (to do) and done ones. */
export const TASKS_QUERY = graphql(`
  query HelperTasks($registrationId: ID!) {
    serviceMatches(registrationId: $registrationId, first: 100) {
      totalCount
      nodes {
        ...HelperTask
      }
    }
  }
`);

export const HELPER_WISH_FRAGMENT = graphql(`
  fragment HelperWish on MicroWish {
    id
    version
    title
    description
    status
    address
  }
`);

/** A wish the helper holds a claim on (with the delivery address), or one they may claim nearby. */
export type WishRow = DocumentType<typeof HELPER_WISH_FRAGMENT>;

/** Wishes the helper holds a claim on, and the published ones within their radius, nearest first. */
export const WISHES_QUERY = graphql(`
  query HelperWishes($registrationId: ID!, $lng: Float!, $lat: Float!, $meters: Float!) {
    mine: microWishes(helperId: $registrationId, status: CLAIMED, first: 50) {
      nodes {
        ...HelperWish
      }
    }
    nearby: claimableWishes(lng: $lng, lat: $lat, meters: $meters, first: 20) {
      ...HelperWish
    }
  }
`);

type HelperHome = DocumentType<typeof HELPER_QUERY>;
/** The helper's registration (双报到) with this month's hours. */
export type Registration = NonNullable<HelperHome['me']>['registrations'][number];

export const ACCEPT_MATCH = graphql(`
  mutation AcceptMatch($id: ID!, $version: Int!, $registrationId: ID!) {
    acceptMatch(id: $id, version: $version, registrationId: $registrationId) {
      id
      version
      status
    }
  }
`);

export const DECLINE_MATCH = graphql(`
  mutation DeclineMatch($id: ID!, $version: Int!, $registrationId: ID!, $reason: String) {
    declineMatch(id: $id, version: $version, registrationId: $registrationId, reason: $reason) {
      id
      version
      status
    }
  }
`);

export const COMPLETE_MATCH = graphql(`
  mutation CompleteMatch($id: ID!, $version: Int!, $hours: Float!, $note: String) {
    completeMatch(id: $id, version: $version, hours: $hours, note: $note) {
      id
      version
      status
    }
  }
`);

export const CLAIM_WISH = graphql(`
  mutation ClaimWish($id: ID!, $registrationId: ID!) {
    claimWish(id: $id, registrationId: $registrationId) {
      id
      version
      status
    }
  }
`);

export const FULFIL_WISH = graphql(`
  mutation FulfilWish($id: ID!, $version: Int!, $registrationId: ID!, $note: String!, $photo: String) {
    fulfilWish(id: $id, version: $version, registrationId: $registrationId, note: $note, photo: $photo) {
      id
      version
      status
    }
  }
`);

/** The community's team activities not yet over, with places taken and whether this helper joined. */
export const ACTIVITIES_QUERY = graphql(`
  query HelperActivities($communityId: ID!, $registrationId: ID!) {
    teamActivities(communityId: $communityId, first: 20) {
      id
      teamName
      title
      place
      startsAt
      endsAt
      capacity
      signedUp
      joined(registrationId: $registrationId)
    }
  }
`);

export type ActivityRow = DocumentType<typeof ACTIVITIES_QUERY>['teamActivities'][number];

export const SIGN_UP = graphql(`
  mutation SignUpForActivity($activityId: ID!, $registrationId: ID!) {
    signUpForActivity(activityId: $activityId, registrationId: $registrationId) {
      activityId
    }
  }
`);
