import { useQuery } from '@apollo/client/react';
import type { KpiSeriesAnswer } from './kpiFilter';
import { CASE_KPI_SERIES_QUERY } from './operations';

const REFRESH_MS = 5 * 60_000;
/** Weeks the sparklines span. */
export const SPARK_WEEKS = 12;

/** The KPI band's 12-week series of every case the caller sees (one request, refreshed every 5 minutes); null until loaded. */
export function useKpiSeries(gridId: string | null = null): KpiSeriesAnswer | null {
  const { data } = useQuery(CASE_KPI_SERIES_QUERY, { variables: { gridId, weeks: SPARK_WEEKS }, pollInterval: REFRESH_MS });
  return data?.caseKpiSeries ?? null;
}
