import { gql, type TypedDocumentNode } from '@apollo/client';

export const SERVICE_MAP_QUERY: TypedDocumentNode<{ serviceMap: unknown }, { gridId: string; period: string | null }> = gql`
  query ServiceMap($gridId: ID!, $period: String) {
    serviceMap(gridId: $gridId, period: $period)
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
