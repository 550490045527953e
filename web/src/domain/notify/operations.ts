import { graphql } from '../../graphql/generated';

/** How often the header asks for the unread count (a cheap count; no subscription needed). */
export const UNREAD_POLL_MS = 30_000;

export const UNREAD_COUNT_QUERY = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($first: Int!, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      nodes {
        id
        kind
        subjectType
        subjectId
        params
        readAt
        createdAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const MARK_NOTIFICATIONS_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`);

export const NOTIFICATION_PREFERENCES_QUERY = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kinds
      channels
      quietStart
      quietEnd
    }
  }
`);

export const SET_NOTIFICATION_PREFERENCES = graphql(`
  mutation SetNotificationPreferences($input: NotificationPreferencesInput!) {
    setNotificationPreferences(input: $input) {
      kinds
      channels
      quietStart
      quietEnd
    }
  }
`);
