import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import type { PartyGridRow } from './GridPartyFacts';
import { PARTY_MAP_QUERY } from './operations';
import { partyPoints, type CoverageStatus, type PartyPoints } from './partyLayer';

const REFRESH_MS = 60_000;

/**
 * The wall's party layer: one partyMap request for every grid the caller sees, refreshed each
 * minute, while `enabled` (a party layer shown or a grid's panel open); nothing is read before.
 */
export function usePartyMap(enabled = true): {
  coverage: readonly { gridId: string; status: CoverageStatus }[] | null;
  points: PartyPoints | null;
  byGrid: ReadonlyMap<string, PartyGridRow>;
} {
  const { data } = useQuery(PARTY_MAP_QUERY, { pollInterval: REFRESH_MS, skip: !enabled });
  return useMemo(() => {
    const map = data?.partyMap ?? null;
    const grids: PartyGridRow[] = (map?.grids ?? []).map((g) => ({ ...g, status: g.status as CoverageStatus }));
    return {
      coverage: map ? grids : null,
      points: map ? partyPoints({ grids, centralHouseholds: map.centralHouseholds, servicePosts: map.servicePosts }) : null,
      byGrid: new Map(grids.map((g) => [g.gridId, g])),
    };
  }, [data]);
}
