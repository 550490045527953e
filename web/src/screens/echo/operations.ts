import { graphql } from '../../graphql/generated';

/** 回音壁 — public: anyone may ask without signing in. */
export const ECHO_WALL_QUERY = graphql(`
  query EchoWall($communityCode: String!) {
    echoWall(communityCode: $communityCode, first: 100) {
      id
      kind
      title
      outcome
      thanks
      compound
      doneAt
      contributors
    }
  }
`);

/** The communities to pick from, by code: name and code only — public like the wall itself. */
export const ECHO_COMMUNITIES_QUERY = graphql(`
  query EchoCommunities {
    echoCommunities {
      code
      name
    }
  }
`);
