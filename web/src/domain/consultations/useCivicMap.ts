import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { civicPoints, type CivicPoints } from './civicLayer';
import { CONSULTATIONS_QUERY, PROJECTS_QUERY } from './operations';

/**
 * The wall's civic data: upcoming consultations and projects in progress that the caller sees, and
 * their points; read while `enabled` (a civic layer shown or the list open).
 */
export function useCivicMap(enabled = true) {
  const consultations = useQuery(CONSULTATIONS_QUERY, {
    variables: { upcoming: true },
    fetchPolicy: 'cache-and-network',
    pollInterval: 60_000,
    skip: !enabled,
  });
  const projects = useQuery(PROJECTS_QUERY, {
    variables: { status: 'IN_PROGRESS' },
    fetchPolicy: 'cache-and-network',
    pollInterval: 60_000,
    skip: !enabled,
  });
  const upcoming = useMemo(() => consultations.data?.consultations ?? [], [consultations.data]);
  const open = useMemo(() => projects.data?.projects ?? [], [projects.data]);
  const points: CivicPoints = useMemo(() => civicPoints(upcoming, open), [upcoming, open]);
  // Before the first answer (the list just opened): loading, not "none".
  const loading = (consultations.loading && !consultations.data) || (projects.loading && !projects.data);
  return { upcoming, open, points, loading, error: consultations.error ?? projects.error };
}
