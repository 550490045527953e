import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../../graphql/generated';
import type { BBox } from '../../graphql/types';
import { geometryBBox, unionBBox } from './bbox';

const GRID_SHAPE = graphql(`
  query LeaderGrid($id: ID!) {
    grid(id: $id) {
      id
      geometry
    }
  }
`);

/**
 * The box around some grids (a leader's own, a helper's community), for the map to open on
 * (null until loaded, or when they cannot be loaded), and whether the lookup has settled either way.
 */
export function useGridFocus(gridIds: readonly string[]): { focus: BBox | null; settled: boolean } {
  const client = useApolloClient();
  const [state, setState] = useState<{ focus: BBox | null; settled: boolean }>({ focus: null, settled: gridIds.length === 0 });
  const key = gridIds.join(',');
  useEffect(() => {
    let current = true;
    const ids = key.split(',').filter(Boolean);
    void Promise.all(ids.map((id) => client.query({ query: GRID_SHAPE, variables: { id } })))
      .then((results) => {
        const boxes = results
          .flatMap((r) => (r.data?.grid ? [geometryBBox(r.data.grid.geometry)] : []))
          .filter((b): b is BBox => b !== null);
        if (current) setState({ focus: unionBBox(boxes), settled: true });
      })
      .catch(() => {
        if (current) setState({ focus: null, settled: true });
      });
    return () => {
      current = false;
    };
  }, [client, key]);
  return state;
}
