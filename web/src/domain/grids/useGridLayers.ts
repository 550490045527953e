import { errorText } from '../../graphql/errors';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadGridLayers, type GridLayerData } from './loadGridLayers';

export type GridLayersState = { status: 'loading' } | { status: 'ready'; data: GridLayerData } | { status: 'error'; message: string };

/** Loads the base map's data once, and again on `reload()` (the retry button). */
export function useGridLayers(): GridLayersState & { reload: () => void } {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [attempt, setAttempt] = useState(0);
  // The failure is kept as thrown and put in words at render, in the language of the moment.
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'ready'; data: GridLayerData } | { status: 'error'; error: unknown }
  >({
    status: 'loading',
  });

  useEffect(() => {
    // No abort signal: Apollo deduplicates identical in-flight queries, so StrictMode's second
    // run shares the first run's requests, and aborting them would fail both.
    let current = true;
    setState({ status: 'loading' });
    loadGridLayers(client).then(
      (data) => {
        if (current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [client, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  if (state.status === 'error') return { status: 'error', message: errorText(t, state.error), reload };
  return { ...state, reload };
}
