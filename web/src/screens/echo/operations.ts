import { gql, type TypedDocumentNode } from '@apollo/client';
import type { EchoItem } from './echo';

/** 回音壁 — public: anyone may ask without signing in. */
export const ECHO_WALL_QUERY: TypedDocumentNode<{ echoWall: EchoItem[] }, { communityId: string }> = gql`
  query EchoWall($communityId: ID!) {
    echoWall(communityId: $communityId, first: 100) {
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
