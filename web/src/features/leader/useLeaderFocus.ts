import { gql, type TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { BBox, GeoJSONGeometry } from '../../graphql/types';
import { geometryBBox, unionBBox } from '../wall/search';

const GRID_SHAPE: TypedDocumentNode<{ grid: { id: string; geometry: GeoJSONGeometry } | null }, { id: string }> = gql`
  query LeaderGrid($id: ID!) {
    grid(id: $id) {
      id
      geometry
    }
  }
`;

/** The box around a leader's own grids, for the map to open on; null until loaded. */
export function useLeaderFocus(gridIds: readonly string[]): BBox | null {
  const client = useApolloClient();
  const [focus, setFocus] = useState<BBox | null>(null);
  const key = gridIds.join(',');
  useEffect(() => {
    let current = true;
    const ids = key.split(',').filter(Boolean);
    void Promise.all(ids.map((id) => client.query({ query: GRID_SHAPE, variables: { id } })))
      .then((results) => {
        const boxes = results.flatMap((r) => (r.data?.grid ? [geometryBBox(r.data.grid.geometry)] : [])).filter((b): b is BBox => b !== null);
        if (current) setFocus(unionBBox(boxes));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [client, key]);
  return focus;
}
