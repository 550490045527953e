import { useQuery } from '@apollo/client/react';
import { PARTY_COVERAGE_QUERY } from './operations';

const REFRESH_MS = 60_000;
/** Gaps listed per kind (the coverage tile's list). */
export const COVERAGE_GAPS_LISTED = 50;

/**
 * 全覆盖 over every grid the caller sees, refreshed each minute: one query for the wall's
 * coverage tile and its statistics' leader rate alike, so that the wall computes it once (on a
 * district it is one of the first load's heavier statements).
 */
export function usePartyCoverage() {
  return useQuery(PARTY_COVERAGE_QUERY, { variables: { first: COVERAGE_GAPS_LISTED }, pollInterval: REFRESH_MS });
}
