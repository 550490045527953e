import { useQuery } from '@apollo/client/react';
import { graphql } from '../../graphql/generated';

const LED_GRIDS = graphql(`
  query LedCommunities($level: GridLevel!) {
    grids(level: $level, first: 20) {
      nodes {
        id
        name
        level
      }
    }
  }
`);

/**
 * The communities (LARGE grids) the viewer sees: a community leader's (社区书记's) own, none for a
 * leader below one. `skip` for viewers it does not concern (no request is sent).
 */
export function useLedCommunities(skip = false): { id: string; name: string }[] {
  const { data } = useQuery(LED_GRIDS, { variables: { level: 'LARGE' }, skip });
  return data?.grids.nodes ?? [];
}
