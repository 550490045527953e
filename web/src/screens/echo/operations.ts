import { graphql } from '../../graphql/generated';

/** 回音壁 — public: anyone may ask without signing in. */
export const ECHO_WALL_QUERY = graphql(`
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
`);
