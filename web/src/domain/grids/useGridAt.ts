import { errorText } from '../../graphql/errors';
import { skipToken, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { GRID_AT_QUERY } from '../../graphql/operations';
import type { GridDetail, LngLat } from '../../graphql/types';
import { orderChain } from './chain';

export type GridLookup = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; grids: GridDetail[] };

/** The grids containing `point` (none looked up while it is `null`), and a retry for errors. */
export function useGridAt(point: LngLat | null): { lookup: GridLookup; retry: () => void } {
  const { t } = useTranslation();
  const result = useQuery(GRID_AT_QUERY, point ? { variables: { lng: point.lng, lat: point.lat } } : skipToken);
  const retry = () => void result.refetch().catch(() => undefined);
  if (result.error) return { lookup: { status: 'error', message: errorText(t, result.error) }, retry };
  if (result.loading || !result.data) return { lookup: { status: 'loading' }, retry };
  return { lookup: { status: 'ready', grids: orderChain(result.data.gridAt) }, retry };
}
