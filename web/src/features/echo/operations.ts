import { gql, type TypedDocumentNode } from '@apollo/client';
import type { EchoItem } from './echo';

/** 回音壁 — public: anyone may ask without signing in. */
export const ECHO_WALL_QUERY: TypedDocumentNode<{ echoWall: EchoItem[] }, { communityCode: string }> = gql`
  query EchoWall($communityCode: String!) {
    echoWall(communityCode: $communityCode, first: 100) {
      id
      kind
      title
      outcome
      thanks
      compound
      doneAt
    }
  }
`;

/** A community the echo wall names: name and code only. */
export interface EchoCommunity {
  code: string;
  name: string;
}

/** The communities to pick from, by code — public like the wall itself. */
export const ECHO_COMMUNITIES_QUERY: TypedDocumentNode<{ echoCommunities: EchoCommunity[] }, Record<string, never>> = gql`
  query EchoCommunities {
    echoCommunities {
      code
      name
    }
  }
`;
