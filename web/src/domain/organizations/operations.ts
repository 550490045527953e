import { graphql } from '../../graphql/generated';

/** The communities and compounds the viewer keeps organisations of (their own grids and what lies under them). */
export const ORGANIZATION_GRIDS = graphql(`
  query OrganizationGrids {
    large: grids(level: LARGE, first: 20) {
      nodes {
        id
        name
        level
      }
    }
    medium: grids(level: MEDIUM, first: 100) {
      nodes {
        id
        name
        level
        noPropertyCompany
      }
    }
  }
`);

export const ORGANIZATIONS = graphql(`
  query Organizations($gridId: ID, $kind: OrganizationKind) {
    organizations(gridId: $gridId, kind: $kind, first: 100) {
      totalCount
      nodes {
        id
        version
        kind
        name
        duties
        published
        gridId
        canEdit
        contacts {
          name
          phone
        }
        members {
          id
          name
          role
          residentId
        }
      }
    }
  }
`);

export const CREATE_ORGANIZATION = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);

export const ARCHIVE_ORGANIZATION = graphql(`
  mutation ArchiveOrganization($id: ID!, $version: Int!) {
    archiveOrganization(id: $id, version: $version) {
      id
    }
  }
`);

export const ADD_MEMBER = graphql(`
  mutation AddOrganizationMember($input: OrganizationMemberInput!) {
    addOrganizationMember(input: $input) {
      id
    }
  }
`);

export const SET_NO_PROPERTY_COMPANY = graphql(`
  mutation SetNoPropertyCompany($gridId: ID!, $value: Boolean!) {
    setNoPropertyCompany(gridId: $gridId, value: $value)
  }
`);

export const MEDIATIONS = graphql(`
  query MediationRecords {
    mediationRecords(first: 20) {
      nodes {
        id
        parties
        issue
        agreement
        mediatedOn
        followUpOn
        caseId
      }
    }
  }
`);

export const RECORD_MEDIATION = graphql(`
  mutation RecordMediation($input: MediationInput!) {
    recordMediation(input: $input) {
      id
      caseId
    }
  }
`);

export const DISPATCH_TO_ORGANIZATION = graphql(`
  mutation DispatchCaseToOrganization($id: ID!, $version: Int!, $organizationId: ID!) {
    dispatchCase(id: $id, version: $version, organizationId: $organizationId) {
      ...CaseSummary
    }
  }
`);

export const UPDATE_ORGANIZATION = graphql(`
  mutation UpdateOrganization($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      id
      version
    }
  }
`);

export const REMOVE_MEMBER = graphql(`
  mutation RemoveOrganizationMember($id: ID!) {
    removeOrganizationMember(id: $id)
  }
`);

/** 两代表一委员 / 经济能人 / 贤达人士 of the viewer's grids. */
export const PUBLIC_ROLES = graphql(`
  query PublicRoles($communityId: ID) {
    publicRoles(communityId: $communityId) {
      residentId
      name
      roles
      title
      consentAt
    }
  }
`);

export const SET_PUBLIC_ROLE = graphql(`
  mutation SetPublicRole($input: PublicRoleInput!) {
    setPublicRole(input: $input) {
      residentId
    }
  }
`);
