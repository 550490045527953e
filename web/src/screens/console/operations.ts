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
        organizationName
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
export type ConsoleUser = DocumentType<typeof USERS_QUERY>['users']['nodes'][number];

/**
 * The live organisations (物业公司, 业委会 …) an organisation's staff account may be made for:
 * every one for a street admin, their community's for a community's secretary.
 */
export const ORGANISATION_CHOICES = graphql(`
  query ConsoleOrganisationChoices {
    organizations(first: 100) {
      nodes {
        id
        name
        kind
      }
    }
  }
`);

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
        publishContact
        officePhone
        duties
      }
      partyOrganization {
        id
        name
        secretaryName
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

export const CHANGE_USER_ROLE = graphql(`
  mutation ConsoleChangeUserRole($id: ID!, $role: Role!, $reason: String!, $gridIds: [ID!]!) {
    changeUserRole(id: $id, role: $role, reason: $reason, gridIds: $gridIds) {
      id
      role
      gridCodes
    }
  }
`);

/** The grids of one level with their party organisation (党组织), by code. */
export const ORGANISATIONS_BY_LEVEL = graphql(`
  query ConsoleOrganisations($level: GridLevel!, $after: String) {
    grids(level: $level, first: 100, after: $after) {
      totalCount
      nodes {
        id
        code
        name
        level
        partyOrganization {
          id
          level
          name
          secretaryName
          secretaryPublishContact
          deputySecretaryName
          deputyPublishContact
          officePhone
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
type GridOrganisationRow = DocumentType<typeof ORGANISATIONS_BY_LEVEL>['grids']['nodes'][number];
/** A row of the organisations table: a grid with its organisation, or the street with its committee (level STREET). */
export type OrganisationRow = Omit<GridOrganisationRow, 'level'> & { level: GridOrganisationRow['level'] | 'STREET' };

/** The streets with their committee (街道党工委), the top of the five-level chain. */
export const STREET_COMMITTEES = graphql(`
  query ConsoleStreetCommittees {
    streets {
      id
      name
      partyOrganization {
        id
        level
        name
        secretaryName
        secretaryPublishContact
        deputySecretaryName
        deputyPublishContact
        officePhone
      }
    }
  }
`);

export const CREATE_ORGANISATION = graphql(`
  mutation ConsoleCreateOrganisation($input: CreatePartyOrganizationInput!) {
    createPartyOrganization(input: $input) {
      id
      name
    }
  }
`);

export const UPDATE_ORGANISATION = graphql(`
  mutation ConsoleUpdateOrganisation($id: ID!, $input: UpdatePartyOrganizationInput!) {
    updatePartyOrganization(id: $id, input: $input) {
      id
      name
      secretaryName
      deputySecretaryName
    }
  }
`);

export const DISSOLVE_ORGANISATION = graphql(`
  mutation ConsoleDissolveOrganisation($id: ID!) {
    dissolvePartyOrganization(id: $id) {
      id
    }
  }
`);

export const UPDATE_LEADER_POST = graphql(`
  mutation ConsoleUpdateLeaderPost($id: ID!, $input: UpdateGridLeaderInput!) {
    updateGridLeader(id: $id, input: $input) {
      id
      publishContact
      officePhone
      duties
    }
  }
`);

/** 党群服务阵地 — every party service post, by grid. */
export const SERVICE_POSTS = graphql(`
  query ConsoleServicePosts {
    partyServicePosts {
      id
      gridId
      gridCode
      gridName
      name
      kind
      lng
      lat
      hours
      address
      phone
      version
    }
  }
`);
export type ConsoleServicePost = DocumentType<typeof SERVICE_POSTS>['partyServicePosts'][number];

export const CREATE_SERVICE_POST = graphql(`
  mutation ConsoleCreateServicePost($input: PartyServicePostInput!) {
    createPartyServicePost(input: $input) {
      id
    }
  }
`);

export const UPDATE_SERVICE_POST = graphql(`
  mutation ConsoleUpdateServicePost($id: ID!, $version: Int!, $input: PartyServicePostInput!) {
    updatePartyServicePost(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const REMOVE_SERVICE_POST = graphql(`
  mutation ConsoleRemoveServicePost($id: ID!) {
    removePartyServicePost(id: $id) {
      id
    }
  }
`);

/** The streets an admin keeps, each with its case rules (事件办理规则). */
export const CASE_RULES_QUERY = graphql(`
  query ConsoleCaseRules {
    streets {
      id
      name
      caseRules {
        streetId
        reworkRatingAtMost
        reworkTimes
        updatedAt
      }
    }
  }
`);

export const SET_CASE_RULES = graphql(`
  mutation ConsoleSetCaseRules($streetId: ID!, $input: CaseRulesInput!) {
    setCaseRules(streetId: $streetId, input: $input) {
      streetId
      reworkRatingAtMost
      reworkTimes
      updatedAt
    }
  }
`);

/** A small grid's households with what makes one a central household: a party member at home, and whether it is one. */
export const CENTRAL_CANDIDATES = graphql(`
  query ConsoleCentralCandidates($gridId: ID!, $first: Int!) {
    households(gridId: $gridId, first: $first) {
      nodes {
        id
        address
        residents {
          id
          isPartyMember
          isInServicePartyMember
        }
        centralHousehold {
          id
          name
          householdId
        }
      }
    }
  }
`);
