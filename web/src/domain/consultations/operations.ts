import { graphql } from '../../graphql/generated';

/** 议事协商 — the consultations the caller sees (keepers: their grids’; residents: published around their home, and invitations). */
export const CONSULTATIONS_QUERY = graphql(`
  query Consultations($gridId: ID, $invited: Boolean, $upcoming: Boolean) {
    consultations(gridId: $gridId, invited: $invited, upcoming: $upcoming) {
      id
      version
      gridId
      gridName
      kind
      topic
      startsAt
      place
      lng
      lat
      caseIds
      published
      status
      minutes
      openResolutions
      invitees {
        id
        kind
        name
        role
        attended
      }
      resolutions {
        id
        text
        carriedAs
        ownerName
        dueOn
        done
        projectId
        projectTitle
        caseId
        caseNumber
        caseStatus
      }
    }
  }
`);

/** 项目清单 — the projects the caller sees. */
export const PROJECTS_QUERY = graphql(`
  query Projects($gridId: ID, $status: ProjectStatus) {
    projects(gridId: $gridId, status: $status) {
      id
      version
      gridId
      gridName
      title
      need
      leadName
      status
      summary
      completedAt
      photos
      published
      consultationId
      resolutionId
      lng
      lat
      pledges {
        id
        kind
        amount
        unit
        pledgerName
        pledgerKind
        description
      }
      milestones {
        id
        title
        dueOn
        status
      }
    }
  }
`);

/** What a keeper picks from when convening: their compounds and communities, organisations, party members, recent cases. */
export const CONVENE_CHOICES_QUERY = graphql(`
  query ConveneChoices($gridId: ID) {
    compounds: grids(level: MEDIUM, first: 100) {
      nodes {
        id
        name
      }
    }
    communities: grids(level: LARGE, first: 20) {
      nodes {
        id
        name
      }
    }
    organizations(gridId: $gridId, first: 100) {
      nodes {
        id
        name
        kind
      }
    }
    serviceRegistrations(first: 100) {
      nodes {
        id
        name
        kind
      }
    }
    cases(gridId: $gridId, first: 50, order: NEWEST) {
      nodes {
        id
        number
        description
      }
    }
  }
`);

export const INVITABLE_RESIDENTS_QUERY = graphql(`
  query InvitableResidents($gridId: ID, $search: String) {
    residents(gridId: $gridId, search: $search, first: 10) {
      nodes {
        id
        name
        household {
          address
        }
      }
    }
  }
`);

export const CONVENE = graphql(`
  mutation ConveneConsultation($input: ConveneConsultationInput!) {
    conveneConsultation(input: $input) {
      id
    }
  }
`);

export const RECORD_CONSULTATION = graphql(`
  mutation RecordConsultation($id: ID!, $version: Int!, $input: RecordConsultationInput!) {
    recordConsultation(id: $id, version: $version, input: $input) {
      id
    }
  }
`);

export const ADD_RESOLUTION = graphql(`
  mutation AddResolution($consultationId: ID!, $input: ResolutionInput!) {
    addResolution(consultationId: $consultationId, input: $input) {
      id
    }
  }
`);

export const COMPLETE_RESOLUTION = graphql(`
  mutation CompleteResolution($id: ID!) {
    completeResolution(id: $id) {
      id
    }
  }
`);

export const CREATE_PROJECT = graphql(`
  mutation CreateProject($input: ProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

export const PLEDGE = graphql(`
  mutation PledgeToProject($projectId: ID!, $input: PledgeInput!) {
    pledgeToProject(projectId: $projectId, input: $input) {
      id
    }
  }
`);

export const ADD_MILESTONE = graphql(`
  mutation AddProjectMilestone($projectId: ID!, $input: MilestoneInput!) {
    addProjectMilestone(projectId: $projectId, input: $input) {
      id
    }
  }
`);

export const COMPLETE_MILESTONE = graphql(`
  mutation CompleteProjectMilestone($id: ID!, $photos: [String!]) {
    completeProjectMilestone(id: $id, photos: $photos) {
      id
    }
  }
`);

export const COMPLETE_PROJECT = graphql(`
  mutation CompleteProject($id: ID!, $version: Int!, $summary: String!) {
    completeProject(id: $id, version: $version, summary: $summary) {
      id
    }
  }
`);
