import { graphql } from '../../graphql/generated';
import type { DocumentType } from '../../graphql/generated';

/** 宣传 — everything the leader's publicity tab reads: the grids they manage, notices, the covenant, deeds and activities. */
export const PUBLICITY_QUERY = graphql(`
  query Publicity($communityId: ID!, $withCovenant: Boolean!) {
    notices {
      id
      title
      body
      status
      isPublic
      lng
      lat
      version
      authorName
      readByMe
      publishedAt
      grid {
        id
        name
        level
      }
      readers {
        userId
        name
        gridName
        readAt
      }
    }
    covenant(communityId: $communityId) @include(if: $withCovenant) {
      id
      version
      title
      body
    }
    covenantHistory(communityId: $communityId) @include(if: $withCovenant) {
      id
      version
      note
      authorName
      createdAt
    }
    exemplaryDeeds {
      id
      personName
      personKind
      title
      story
      status
      consentAt
      consentNote
      version
      grid {
        id
        name
      }
    }
    communityActivities {
      id
      kind
      title
      description
      place
      startsAt
      endsAt
      capacity
      taken
      status
      version
      grid {
        id
        name
      }
      participants {
        userId
        name
        people
        attended
        serviceHours
      }
      mySignup {
        people
      }
    }
  }
`);
type Publicity = DocumentType<typeof PUBLICITY_QUERY>;
export type PublicityNotice = Publicity['notices'][number];
export type PublicityDeed = Publicity['exemplaryDeeds'][number];
export type PublicityActivity = Publicity['communityActivities'][number];

/** The grids a leader may publish for: their own and those under them (the API's scope). */
export const PUBLICITY_GRIDS = graphql(`
  query PublicityGrids {
    grids(first: 100) {
      nodes {
        id
        name
        level
      }
    }
  }
`);

export const CREATE_NOTICE = graphql(`
  mutation CreateNotice($input: NoticeInput!) {
    createNotice(input: $input) {
      id
    }
  }
`);
export const UPDATE_NOTICE = graphql(`
  mutation UpdateNotice($id: ID!, $version: Int!, $input: NoticeInput!) {
    updateNotice(id: $id, version: $version, input: $input) {
      id
    }
  }
`);
export const MARK_NOTICE_READ = graphql(`
  mutation MarkNoticeRead($id: ID!) {
    markNoticeRead(id: $id) {
      id
      readByMe
    }
  }
`);
export const REVISE_COVENANT = graphql(`
  mutation ReviseCovenant($communityId: ID!, $baseVersion: Int!, $title: String!, $body: String!, $note: String) {
    reviseCovenant(communityId: $communityId, baseVersion: $baseVersion, title: $title, body: $body, note: $note) {
      id
    }
  }
`);
export const CREATE_DEED = graphql(`
  mutation CreateExemplaryDeed($input: DeedInput!) {
    createExemplaryDeed(input: $input) {
      id
    }
  }
`);
export const UPDATE_DEED = graphql(`
  mutation UpdateExemplaryDeed($id: ID!, $version: Int!, $input: DeedInput!) {
    updateExemplaryDeed(id: $id, version: $version, input: $input) {
      id
    }
  }
`);
export const CREATE_ACTIVITY = graphql(`
  mutation CreateCommunityActivity($input: CommunityActivityInput!) {
    createCommunityActivity(input: $input) {
      id
    }
  }
`);
export const UPDATE_ACTIVITY = graphql(`
  mutation UpdateCommunityActivity($id: ID!, $version: Int!, $input: CommunityActivityInput!) {
    updateCommunityActivity(id: $id, version: $version, input: $input) {
      id
    }
  }
`);
export const RECORD_ATTENDANCE = graphql(`
  mutation RecordCommunityActivityAttendance($activityId: ID!, $userId: ID!, $attended: Boolean!) {
    recordCommunityActivityAttendance(activityId: $activityId, userId: $userId, attended: $attended) {
      userId
      attended
      serviceHours
    }
  }
`);
export const SIGN_UP = graphql(`
  mutation SignUpForCommunityActivity($activityId: ID!, $people: Int) {
    signUpForCommunityActivity(activityId: $activityId, people: $people) {
      activityId
    }
  }
`);
export const WITHDRAW = graphql(`
  mutation WithdrawFromCommunityActivity($activityId: ID!) {
    withdrawFromCommunityActivity(activityId: $activityId) {
      id
    }
  }
`);

/** What a resident sees: the published notices, covenant, deeds and activities of their grids. */
export const RESIDENT_PUBLICITY = graphql(`
  query ResidentPublicity($communityId: ID!) {
    notices {
      id
      title
      body
      publishedAt
      grid {
        id
        name
      }
    }
    covenant(communityId: $communityId) {
      id
      version
      title
      body
    }
    exemplaryDeeds {
      id
      personName
      personKind
      title
      story
    }
    communityActivities {
      id
      kind
      title
      description
      place
      startsAt
      endsAt
      capacity
      taken
      mySignup {
        people
      }
    }
  }
`);

/** Pinned notices for the wall's layer. */
export const PINNED_NOTICES = graphql(`
  query PinnedNotices {
    notices(pinned: true) {
      id
      title
      status
      lng
      lat
    }
  }
`);

export const ACTIVITY_KINDS = ['MOBILE_LIBRARY', 'CIRCUIT_COURT', 'FREE_CLINIC', 'SPORTS', 'PARENT_CHILD', 'OTHER'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
