import { gql, type TypedDocumentNode } from '@apollo/client';

export const SERVICE_MAP_QUERY: TypedDocumentNode<{ serviceMap: unknown }, { gridId: string; period: string | null }> = gql`
  query ServiceMap($gridId: ID!, $period: String) {
    serviceMap(gridId: $gridId, period: $period)
  }
`;

/** 服务动态 — a service change in the viewer's scope (no names: subject, id, type, grid). */
export const SERVICE_UPDATES_SUBSCRIPTION: TypedDocumentNode<{ serviceUpdates: { id: string; subject: string; type: string; gridId: string | null } }, Record<string, never>> = gql`
  subscription ServiceUpdates {
    serviceUpdates {
      id
      subject
      type
      gridId
    }
  }
`;

export const COMMUNITY_IDS_QUERY: TypedDocumentNode<{ grids: { nodes: { id: string; name: string }[] } }, Record<string, never>> = gql`
  query ServiceCommunities {
    grids(level: LARGE, first: 100) {
      nodes {
        id
        name
      }
    }
  }
`;

export interface NeedRow {
  id: string;
  type: string;
  urgency: string;
  notes: string | null;
  weekday: number;
  startMinute: number;
  endMinute: number;
  household: { address: string } | null;
}

export interface MatchRow {
  id: string;
  version: number;
  status: string;
  distanceM: number;
  explanation: string;
  helper: { id: string; name: string } | null;
  need: { type: string; household: { address: string } | null } | null;
}

/** 资源清单 — a registered helper or unit of the leader's community. */
export interface ResourceRow {
  id: string;
  name: string;
  kind: string;
  unitName: string | null;
  skills: string[];
  radiusM: number;
  weeklyCapacity: number;
}

/** A wish waiting for the leader's review. */
export interface PendingWishRow {
  id: string;
  version: number;
  title: string;
  description: string;
}

export interface VisitRow {
  householdId: string;
  address: string;
  nextDueAt: string;
  overdue: boolean;
  tags: string[];
  intervalDays: number;
}

export interface SkillRow {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const LEADER_SERVICES_QUERY: TypedDocumentNode<
  {
    serviceNeeds: { totalCount: number; nodes: NeedRow[] };
    serviceMatches: { totalCount: number; nodes: MatchRow[] };
    serviceSkills: SkillRow[];
    serviceRegistrations: { totalCount: number; nodes: ResourceRow[] };
    microWishes: { totalCount: number; nodes: PendingWishRow[] };
  },
  { gridId: string | null; period: string }
> = gql`
  query LeaderServices($gridId: ID, $period: String!) {
    serviceNeeds(gridId: $gridId, status: OPEN, first: 50) {
      totalCount
      nodes {
        id
        type
        urgency
        notes
        weekday
        startMinute
        endMinute
        household {
          address
        }
      }
    }
    serviceMatches(gridId: $gridId, period: $period, status: PROPOSED, first: 50) {
      totalCount
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
          type
          household {
            address
          }
        }
      }
    }
    serviceSkills {
      code
      nameZh
      nameEn
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
`;

export const REASSIGN_MATCH: TypedDocumentNode<{ reassignMatch: { id: string; status: string } }, { id: string; version: number; registrationId: string }> = gql`
  mutation ReassignMatch($id: ID!, $version: Int!, $registrationId: ID!) {
    reassignMatch(id: $id, version: $version, registrationId: $registrationId) {
      id
      status
    }
  }
`;

export const REVIEW_WISH: TypedDocumentNode<{ reviewWish: { id: string; status: string } }, { id: string; version: number; publish: boolean; reason: string | null }> = gql`
  mutation ReviewWish($id: ID!, $version: Int!, $publish: Boolean!, $reason: String) {
    reviewWish(id: $id, version: $version, publish: $publish, reason: $reason) {
      id
      status
    }
  }
`;

export const VISIT_SCHEDULE_QUERY: TypedDocumentNode<{ visitSchedule: VisitRow[] }, { gridId: string }> = gql`
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
`;

export const CONFIRM_MATCH: TypedDocumentNode<{ confirmMatch: { id: string; status: string } }, { id: string; version: number }> = gql`
  mutation ConfirmMatch($id: ID!, $version: Int!) {
    confirmMatch(id: $id, version: $version) {
      id
      status
    }
  }
`;

export const REJECT_MATCH: TypedDocumentNode<{ rejectMatch: { id: string; status: string } }, { id: string; version: number; reason: string }> = gql`
  mutation RejectMatch($id: ID!, $version: Int!, $reason: String!) {
    rejectMatch(id: $id, version: $version, reason: $reason) {
      id
      status
    }
  }
`;

export const PROPOSE_MATCHES: TypedDocumentNode<{ proposeMatches: { needs: number; proposals: { id: string }[] } }, { gridId: string; period: string }> = gql`
  mutation ProposeMatches($gridId: ID!, $period: String!) {
    proposeMatches(gridId: $gridId, period: $period) {
      needs
      proposals {
        id
      }
    }
  }
`;
