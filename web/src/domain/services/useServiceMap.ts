import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { SERVICE_MAP_QUERY, SERVICE_UPDATES_SUBSCRIPTION } from './operations';
import { EMPTY_SERVICES, mergeServiceMaps, type ServiceCollection } from './serviceMap';

/** Refresh the service layers this often (the fallback when no live feed is open). */
const REFRESH_MS = 60_000;
/** Changes arriving within this long of each other are drawn with one reload. */
const LIVE_COALESCE_MS = 1_000;

/**
 * The `serviceMap` layers of the given grids (null: every community), merged; refreshed every
 * minute and when `reload` changes, and — with `live` (street staff and leaders, whom
 * `serviceUpdates` serves) — a second after any service change in their scope.
 * `period` adds the week's match lines. Nothing is read while `enabled` is false (the wall, until a
 * service layer is switched on): the answer stays `EMPTY_SERVICES` until the first load.
 */
export function useServiceMap(
  gridIds: readonly string[] | null,
  period: string | null,
  reload = 0,
  live = false,
  enabled = true,
): ServiceCollection {
  const client = useApolloClient();
  const [data, setData] = useState<ServiceCollection>(EMPTY_SERVICES);
  const [changes, setChanges] = useState(0);
  const key = gridIds ? gridIds.join(',') : '*';

  useEffect(() => {
    if (!live || !enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const subscription = client.subscribe({ query: SERVICE_UPDATES_SUBSCRIPTION }).subscribe({
      next: (result) => {
        if (!result.data?.serviceUpdates || timer) return;
        timer = setTimeout(() => {
          timer = null;
          setChanges((n) => n + 1);
        }, LIVE_COALESCE_MS);
      },
    });
    return () => {
      subscription.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [client, live, enabled]);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const load = async () => {
      // Every community: one request (serviceMap without gridId), not one per community.
      const ids: (string | null)[] = key === '*' ? [null] : key.split(',').filter(Boolean);
      const maps = await Promise.all(
        ids.map((gridId) =>
          client
            .query({ query: SERVICE_MAP_QUERY, variables: { gridId, period }, fetchPolicy: 'no-cache' })
            .then((r) => r.data?.serviceMap ?? null),
        ),
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
  }, [client, key, period, reload, changes, enabled]);
  return data;
}
