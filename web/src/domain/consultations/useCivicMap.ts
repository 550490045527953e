import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { civicPoints, type CivicPoints } from './civicLayer';
import { CONSULTATIONS_QUERY, PROJECTS_QUERY } from './operations';

/** The wall's civic data: upcoming consultations and projects in progress that the caller sees, and their points. */
export function useCivicMap() {
  const consultations = useQuery(CONSULTATIONS_QUERY, {
    variables: { upcoming: true },
    fetchPolicy: 'cache-and-network',
    pollInterval: 60_000,
  });
  const projects = useQuery(PROJECTS_QUERY, {
    variables: { status: 'IN_PROGRESS' },
    fetchPolicy: 'cache-and-network',
    pollInterval: 60_000,
  });
  const upcoming = useMemo(() => consultations.data?.consultations ?? [], [consultations.data]);
  const open = useMemo(() => projects.data?.projects ?? [], [projects.data]);
  const points: CivicPoints = useMemo(() => civicPoints(upcoming, open), [upcoming, open]);
  return { upcoming, open, points, error: consultations.error ?? projects.error };
}
