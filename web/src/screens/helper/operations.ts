import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SkillRow } from '../../domain/services/operations';

export interface Registration {
  id: string;
  name: string;
  kind: string;
  communityId: string;
  location: { type: 'Point'; coordinates: [number, number] };
  skills: string[];
  radiusM: number;
  weeklyCapacity: number;
  hours: number;
}

export interface TaskRow {
  id: string;
  version: number;
  status: string;
  period: string;
  distanceM: number;
  explanation: string;
  /** The hour the task is booked for (null on matches made before hours were booked). */
  window: { weekday: number; startMinute: number; endMinute: number } | null;
  need: { id: string; type: string; urgency: string; notes: string | null; address: string | null; weekday: number; startMinute: number; endMinute: number } | null;
}

export interface WishRow {
  id: string;
  version: number;
  title: string;
  description: string;
  status: string;
  address: string | null;
}

/** The signed-in helper's registrations (双报到), with this month's hours, and the skill names. */
export const HELPER_QUERY: TypedDocumentNode<{ me: { id: string; registrations: Registration[] } | null; serviceSkills: SkillRow[] }, { from: string; to: string }> = gql`
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
      code
      nameZh
      nameEn
    }
  }
`;

const TASK_FIELDS = gql`
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
`;

/** The helper's tasks: what leaders confirmed to them (to answer), accepted ones (to do) and done ones. */
export const TASKS_QUERY: TypedDocumentNode<{ serviceMatches: { totalCount: number; nodes: TaskRow[] } }, { registrationId: string }> = gql`
  query HelperTasks($registrationId: ID!) {
    serviceMatches(registrationId: $registrationId, first: 100) {
      totalCount
      nodes {
        ...HelperTask
      }
    }
  }
  ${TASK_FIELDS}
`;

/** Wishes the helper holds a claim on, and the published ones within their radius, nearest first. */
export const WISHES_QUERY: TypedDocumentNode<
  { mine: { nodes: WishRow[] }; nearby: WishRow[] },
  { registrationId: string; lng: number; lat: number; meters: number }
> = gql`
  query HelperWishes($registrationId: ID!, $lng: Float!, $lat: Float!, $meters: Float!) {
    mine: microWishes(helperId: $registrationId, status: CLAIMED, first: 50) {
      nodes {
        id
        version
        title
        description
        status
        address
      }
    }
    nearby: claimableWishes(lng: $lng, lat: $lat, meters: $meters, first: 20) {
      id
      version
      title
      description
      status
      address
    }
  }
`;

type MatchAnswer = { id: string; version: number; status: string };

export const ACCEPT_MATCH: TypedDocumentNode<{ acceptMatch: MatchAnswer }, { id: string; version: number; registrationId: string }> = gql`
  mutation AcceptMatch($id: ID!, $version: Int!, $registrationId: ID!) {
    acceptMatch(id: $id, version: $version, registrationId: $registrationId) {
      id
      version
      status
    }
  }
`;

export const DECLINE_MATCH: TypedDocumentNode<{ declineMatch: MatchAnswer }, { id: string; version: number; registrationId: string; reason: string | null }> = gql`
  mutation DeclineMatch($id: ID!, $version: Int!, $registrationId: ID!, $reason: String) {
    declineMatch(id: $id, version: $version, registrationId: $registrationId, reason: $reason) {
      id
      version
      status
    }
  }
`;

export const COMPLETE_MATCH: TypedDocumentNode<{ completeMatch: MatchAnswer }, { id: string; version: number; hours: number; note: string | null }> = gql`
  mutation CompleteMatch($id: ID!, $version: Int!, $hours: Float!, $note: String) {
    completeMatch(id: $id, version: $version, hours: $hours, note: $note) {
      id
      version
      status
    }
  }
`;

type WishAnswer = { id: string; version: number; status: string };

export const CLAIM_WISH: TypedDocumentNode<{ claimWish: WishAnswer }, { id: string; registrationId: string }> = gql`
  mutation ClaimWish($id: ID!, $registrationId: ID!) {
    claimWish(id: $id, registrationId: $registrationId) {
      id
      version
      status
    }
  }
`;

export const FULFIL_WISH: TypedDocumentNode<{ fulfilWish: WishAnswer }, { id: string; version: number; registrationId: string; note: string; photo: string | null }> = gql`
  mutation FulfilWish($id: ID!, $version: Int!, $registrationId: ID!, $note: String!, $photo: String) {
    fulfilWish(id: $id, version: $version, registrationId: $registrationId, note: $note, photo: $photo) {
      id
      version
      status
    }
  }
`;

export interface ActivityRow {
  id: string;
  teamName: string | null;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  signedUp: number;
  joined: boolean;
}

/** The community's team activities not yet over, with places taken and whether this helper joined. */
export const ACTIVITIES_QUERY: TypedDocumentNode<{ teamActivities: ActivityRow[] }, { communityId: string; registrationId: string }> = gql`
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
`;

export const SIGN_UP: TypedDocumentNode<{ signUpForActivity: { activityId: string } }, { activityId: string; registrationId: string }> = gql`
  mutation SignUpForActivity($activityId: ID!, $registrationId: ID!) {
    signUpForActivity(activityId: $activityId, registrationId: $registrationId) {
      activityId
    }
  }
`;
