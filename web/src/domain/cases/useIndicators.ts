import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { combineIndicators, indicatorWindow, type Kpis } from './kpi';
import { CASE_INDICATORS_QUERY } from './operations';

const REFRESH_MS = 60_000;

/**
 * On-time closure and satisfaction over the last 30 days: of the given grids (a leader's),
 * or of every case the command centre sees (the street, asked once); refreshed every minute.
 */
export function useIndicators(gridIds: readonly string[] | null): Pick<Kpis, 'onTimeClosureRate' | 'satisfaction'> {
  const client = useApolloClient();
  const [value, setValue] = useState<Pick<Kpis, 'onTimeClosureRate' | 'satisfaction'>>({ onTimeClosureRate: null, satisfaction: null });
  const key = gridIds?.join(',') ?? '*';

  useEffect(() => {
    let current = true;
    const load = async () => {
      // The command centre: one statement over every case it sees (the street), not one per community.
      const ids: (string | null)[] = key === '*' ? [null] : key.split(',').filter(Boolean);
      const period = indicatorWindow(Date.now());
      const results = await Promise.all(
        ids.map((gridId) => client.query({ query: CASE_INDICATORS_QUERY, variables: { gridId, ...period }, fetchPolicy: 'network-only' })),
      );
      if (current) setValue(combineIndicators(results.flatMap((r) => (r.data ? [r.data.caseIndicators] : []))));
    };
    const run = () => void load().catch(() => undefined);
    run();
    const timer = setInterval(run, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [client, key]);
  return value;
}
