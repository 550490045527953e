import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { CASE_UPDATES_SUBSCRIPTION } from './operations';

/** After a burst of events, the list is fetched again once things settle. */
const SETTLE_MS = 1000;
/** After the live connection fails, subscribe again this much later. */
const RETRY_MS = 3000;

/**
 * Calls `changed` (debounced) whenever a case the caller can see changes — a list kept fresh
 * without a reload (a department's inbox when a case is dispatched to it). The events come from
 * `caseUpdates`, narrowed by the same row-level security as the list; only what happens from
 * now on matters, so no cursor is kept.
 */
export function useCaseChanges(changed: () => void): void {
  const client = useApolloClient();
  const latest = useRef(changed);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    latest.current = changed;
  }, [changed]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      retry = setTimeout(() => setGeneration((g) => g + 1), RETRY_MS);
    };
    const subscription = client.subscribe({ query: CASE_UPDATES_SUBSCRIPTION, variables: { after: null } }).subscribe({
      next: (result) => {
        if (!result.data?.caseUpdates) {
          if (result.error) again();
          return;
        }
        clearTimeout(timer);
        timer = setTimeout(() => latest.current(), SETTLE_MS);
      },
      error: again,
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer);
      clearTimeout(retry);
    };
  }, [client, generation]);
}
