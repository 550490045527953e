import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { AssessmentLevel } from '../../graphql/generated/graphql';
import type { AssessmentEntry } from './assessment';
import { ASSESSMENT_QUERY } from './operations';

export type AssessmentState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; entries: AssessmentEntry[] };

/** A month's assessment of one level, as the caller may see it (computed on read by the API). */
export function useAssessment(month: string, level: AssessmentLevel, enabled = true): AssessmentState {
  const client = useApolloClient();
  const [state, setState] = useState<AssessmentState>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setState({ status: 'loading' });
    client
      .query({ query: ASSESSMENT_QUERY, variables: { month, level }, fetchPolicy: 'network-only' })
      .then((r) => current && setState(r.data ? { status: 'ready', entries: r.data.assessment.entries } : { status: 'error' }))
      .catch(() => current && setState({ status: 'error' }));
    return () => {
      current = false;
    };
  }, [client, month, level, enabled]);
  return state;
}
