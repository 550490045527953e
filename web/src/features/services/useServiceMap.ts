import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { COMMUNITY_IDS_QUERY, SERVICE_MAP_QUERY } from './operations';
import { EMPTY_SERVICES, mergeServiceMaps, type ServiceCollection } from './serviceMap';

/** Refresh the service layers this often. */
const REFRESH_MS = 60_000;

/**
 * The `serviceMap` layers of the given grids (null: every community), merged; refreshed every
 * minute and when `reload` changes. `period` adds the week's match lines.
 */
export function useServiceMap(gridIds: readonly string[] | null, period: string | null, reload = 0): ServiceCollection {
  const client = useApolloClient();
  const [data, setData] = useState<ServiceCollection>(EMPTY_SERVICES);
  const key = gridIds ? gridIds.join(',') : '*';
  useEffect(() => {
    let current = true;
    const load = async () => {
      const ids =
        key === '*'
          ? ((await client.query({ query: COMMUNITY_IDS_QUERY, fetchPolicy: 'no-cache' })).data?.grids.nodes ?? []).map((g) => g.id)
          : key.split(',').filter(Boolean);
      const maps = await Promise.all(
        ids.map((gridId) => client.query({ query: SERVICE_MAP_QUERY, variables: { gridId, period }, fetchPolicy: 'no-cache' }).then((r) => r.data?.serviceMap ?? null)),
      );
      if (current) setData(mergeServiceMaps(maps));
    };
    const run = () => void load().catch(() => undefined);
    run();
    const timer = setInterval(run, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [client, key, period, reload]);
  return data;
}
