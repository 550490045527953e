import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SkillRow } from '../../domain/services/operations';

export interface OwnWish {
  id: string;
  version: number;
  title: string;
  description: string;
  status: string;
  rejectReason: string | null;
  fulfilNote: string | null;
  thanks: string | null;
}

export interface OwnNeed {
  id: string;
  version: number;
  type: string;
  urgency: string;
  status: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
  notes: string | null;
}

/** A resident's own household: its wishes at every stage, its needs, and the community (for the echo wall). */
export const RESIDENT_QUERY: TypedDocumentNode<
  { microWishes: { nodes: OwnWish[] }; serviceNeeds: { nodes: OwnNeed[] }; serviceSkills: SkillRow[]; grids: { nodes: { id: string; name: string }[] } },
  Record<string, never>
> = gql`
  query ResidentHome {
    microWishes(mine: true, first: 50) {
      nodes {
        id
        version
        title
        description
        status
        rejectReason
        fulfilNote
        thanks
      }
    }
    serviceNeeds(first: 50) {
      nodes {
        id
        version
        type
        urgency
        status
        weekday
        startMinute
        endMinute
        notes
      }
    }
    serviceSkills {
      code
      nameZh
      nameEn
    }
    grids(level: LARGE, first: 1) {
      nodes {
        id
        name
      }
    }
  }
`;

export const POST_OWN_WISH: TypedDocumentNode<{ postWish: { id: string } }, { title: string; description: string; posterName: string }> = gql`
  mutation PostOwnWish($title: String!, $description: String!, $posterName: String!) {
    postWish(input: { title: $title, description: $description, posterName: $posterName }) {
      id
    }
  }
`;

export const THANK_WISH: TypedDocumentNode<{ thankWish: { id: string; status: string } }, { id: string; version: number; thanks: string }> = gql`
  mutation ThankWish($id: ID!, $version: Int!, $thanks: String!) {
    thankWish(id: $id, version: $version, thanks: $thanks) {
      id
      status
    }
  }
`;

export const RAISE_OWN_NEED: TypedDocumentNode<
  { raiseNeed: { id: string } },
  { type: string; urgency: string; window: { weekday: number; startMinute: number; endMinute: number }; durationMinutes: number; notes: string | null }
> = gql`
  mutation RaiseOwnNeed($type: String!, $urgency: NeedUrgency!, $window: WeeklyWindowInput!, $durationMinutes: Int, $notes: String) {
    raiseNeed(input: { type: $type, urgency: $urgency, source: RESIDENT, window: $window, durationMinutes: $durationMinutes, notes: $notes }) {
      id
    }
  }
`;

export const CANCEL_NEED: TypedDocumentNode<{ cancelNeed: { id: string; status: string } }, { id: string; version: number; reason: string }> = gql`
  mutation CancelOwnNeed($id: ID!, $version: Int!, $reason: String!) {
    cancelNeed(id: $id, version: $version, reason: $reason) {
      id
      status
    }
  }
`;
