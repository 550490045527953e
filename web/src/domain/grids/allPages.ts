import type { ApolloClient, OperationVariables, TypedDocumentNode } from '@apollo/client';

/** A `grids` page as the community lists ask for it. */
interface GridsPage<T> {
  grids: { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
}

/**
 * Every node of a paged `grids` query (`$after`), page by page: a district's 200 communities, or
 * a city's thousands, are all listed — no silent cap at the first page.
 */
export async function allGridPages<T, V extends OperationVariables & { after?: string | null }>(
  client: ApolloClient,
  query: TypedDocumentNode<GridsPage<T>, V>,
  variables: Omit<V, 'after'>,
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const { data }: { data?: GridsPage<T> } = await client.query({ query, variables: { ...variables, after } as unknown as V });
    if (!data) return nodes;
    nodes.push(...data.grids.nodes);
    if (!data.grids.pageInfo.hasNextPage || !data.grids.pageInfo.endCursor) return nodes;
    after = data.grids.pageInfo.endCursor;
  }
}
