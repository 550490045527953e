import { graphql, type DocumentType } from '../../graphql/generated';

/** The accounts a street admin manages, by login; `search` matches login or name. */
export const USERS_QUERY = graphql(`
  query ConsoleUsers($search: String, $after: String) {
    users(search: $search, first: 50, after: $after) {
      totalCount
      nodes {
        id
        login
        displayName
        role
        disabled
        gridCodes
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
export type ConsoleUser = DocumentType<typeof USERS_QUERY>['users']['nodes'][number];

export const CREATE_USER = graphql(`
  mutation ConsoleCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      password
      user {
        id
        login
      }
    }
  }
`);

export const SET_USER_DISABLED = graphql(`
  mutation ConsoleSetUserDisabled($id: ID!, $disabled: Boolean!, $reason: String!) {
    setUserDisabled(id: $id, disabled: $disabled, reason: $reason) {
      id
      disabled
    }
  }
`);

export const RESET_USER_PASSWORD = graphql(`
  mutation ConsoleResetUserPassword($id: ID!, $reason: String!) {
    resetUserPassword(id: $id, reason: $reason) {
      password
      user {
        id
        login
      }
    }
  }
`);

/** A grid by its code, with its current leaders and the residents who could be appointed (the first page). */
export const GRID_BY_CODE = graphql(`
  query ConsoleGrid($code: String!) {
    grid(code: $code) {
      id
      code
      name
      level
      leaders {
        id
        name
        role
        since
      }
      partyOrganization {
        id
        name
        secretaryName
      }
    }
  }
`);

export const GRID_RESIDENTS = graphql(`
  query ConsoleGridResidents($gridId: ID!, $search: String) {
    residents(gridId: $gridId, search: $search, first: 50) {
      nodes {
        id
        name
        birthYear
        isPartyMember
      }
    }
  }
`);

export const APPOINT_LEADER = graphql(`
  mutation ConsoleAppointLeader($input: AppointGridLeaderInput!) {
    appointGridLeader(input: $input) {
      id
      name
      role
      since
    }
  }
`);

export const END_LEADER = graphql(`
  mutation ConsoleEndLeader($id: ID!) {
    endGridLeader(id: $id) {
      id
      until
    }
  }
`);
