import { graphql, type DocumentType } from '../../graphql/generated';

/** 岗位公示 — public: anyone may ask without signing in. */
export const POSTS_BOARD_QUERY = graphql(`
  query PostsBoard($code: String!) {
    postsBoard(code: $code) {
      grid {
        code
        name
        level
      }
      streetName
      up {
        code
        name
        level
      }
      down {
        code
        name
        level
      }
      leaders {
        role
        name
        duties
        contact
        officePhone
        since
        gridCode
        gridLevel
      }
      organizations {
        level
        name
        gridCode
        secretaryName
        secretaryContact
        deputySecretaryName
        deputyContact
        officePhone
      }
      centralHouseholds {
        name
        buildingName
        secretaryName
        secretaryContact
      }
      servicePosts {
        id
        name
        kind
        hours
        address
        phone
        gridName
      }
      notices {
        id
        gridName
        title
        body
        publishedAt
      }
      covenant {
        id
        version
        title
        body
      }
      deeds {
        id
        gridName
        personName
        personKind
        title
        story
      }
    }
  }
`);

export type Board = DocumentType<typeof POSTS_BOARD_QUERY>['postsBoard'];
