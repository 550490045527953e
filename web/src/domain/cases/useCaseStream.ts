import { useQuery } from '@apollo/client/react';
import { useApolloClient } from '@apollo/client/react';
import type { Client } from 'graphql-ws';
import { useEffect, useMemo, useRef, useState } from 'react';
import { startOfShanghaiDay } from './kpi';
import type { DocumentType } from '../../graphql/generated';
import { CASE_UPDATES_SUBSCRIPTION, OPEN_CASES_QUERY, RECENT_CASE_EVENTS_QUERY, OPEN_PAGE } from './operations';
import { applyEvent, buildPinCollection, mergeCases, openCasesOf, type PinCollection, type PinStore } from './pins';
import type { CaseEvent } from './types';

/** Events kept in the live feed. */
const FEED_LENGTH = 30;
/** After a burst of events, the counts are fetched again once things settle. */
const REFETCH_DEBOUNCE_MS = 1500;

export interface CaseStream {
  store: PinStore;
  pins: PinCollection;
  feed: CaseEvent[];
  counts: DocumentType<typeof OPEN_CASES_QUERY> | undefined;
  /** The live connection is up (false while reconnecting). */
  live: boolean;
  /** Merge a case the app itself just changed (no need to wait for its event). */
  merge: (summary: CaseEvent['case']) => void;
}

/**
 * Open cases in the caller's scope, kept live from `caseUpdates`: pins, the feed and the
 * counts. After a reconnect the subscription starts again after the last event seen, so
 * nothing is lost and the page never needs a reload; replayed events are skipped by id.
 */
export function useCaseStream(ws: Client): CaseStream {
  const client = useApolloClient();
  const since = useMemo(() => new Date(startOfShanghaiDay(Date.now())).toISOString(), []);
  const open = useQuery(OPEN_CASES_QUERY, {
    variables: { first: OPEN_PAGE, since },
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: false,
  });
  const [store, setStore] = useState<PinStore>(() => new Map());
  const [feed, setFeed] = useState<CaseEvent[]>([]);
  const [live, setLive] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [tick, setTick] = useState(() => Date.now());
  const lastId = useRef<string | null>(null);
  const seen = useRef(new Set<string>());
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetch = open.refetch;
  // The feed starts from history; the subscription continues after its newest event.
  const recent = useQuery(RECENT_CASE_EVENTS_QUERY, { variables: { first: FEED_LENGTH }, fetchPolicy: 'network-only' });
  const historyLoaded = recent.data !== undefined || recent.error !== undefined;
  const history = recent.data?.recentCaseEvents;
  const started = useRef(false);
  const [cursorReady, setCursorReady] = useState(false);

  useEffect(() => {
    const data = open.data;
    if (data) setStore((s) => mergeCases(s, openCasesOf(data)));
  }, [open.data]);

  useEffect(() => {
    if (!historyLoaded || started.current) return;
    started.current = true;
    if (history) {
      for (const e of history) seen.current.add(e.id);
      // No history yet: replay from the start of the log, so nothing between query and subscribe is lost.
      lastId.current = history[0]?.id ?? '0';
      setFeed(history.slice(0, FEED_LENGTH));
    }
    setCursorReady(true);
  }, [historyLoaded, history]);

  useEffect(() => {
    if (!cursorReady) return;
    const subscription = client.subscribe({ query: CASE_UPDATES_SUBSCRIPTION, variables: { after: lastId.current } }).subscribe({
      next: (result) => {
        const event = result.data?.caseUpdates;
        if (!event) {
          if (result.error) setTimeout(() => setGeneration((g) => g + 1), 3000);
          return;
        }
        setLive(true);
        if (seen.current.has(event.id)) return;
        seen.current.add(event.id);
        lastId.current = event.id;
        const now = Date.now();
        setStore((s) => applyEvent(s, event, now));
        setTick(now);
        setFeed((f) => [event, ...f].slice(0, FEED_LENGTH));
        clearTimeout(refetchTimer.current);
        refetchTimer.current = setTimeout(() => void refetch().catch(() => undefined), REFETCH_DEBOUNCE_MS);
      },
      error: () => {
        setLive(false);
        setTimeout(() => setGeneration((g) => g + 1), 3000);
      },
      complete: () => setLive(false),
    });
    return () => subscription.unsubscribe();
  }, [client, generation, refetch, cursorReady]);

  useEffect(() => {
    const offConnected = ws.on('connected', (_socket, _payload, wasRetry) => {
      setLive(true);
      // graphql-ws re-sends the original subscription (old cursor); start again after the last event instead.
      if (wasRetry) setGeneration((g) => g + 1);
    });
    const offClosed = ws.on('closed', () => setLive(false));
    return () => {
      offConnected();
      offClosed();
    };
  }, [ws]);

  // Pulses end: look again every few seconds.
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => () => clearTimeout(refetchTimer.current), []);

  const pins = useMemo(() => buildPinCollection(store, tick), [store, tick]);
  const merge = useMemo(() => (summary: CaseEvent['case']) => setStore((s) => mergeCases(s, [summary])), []);
  return { store, pins, feed, counts: open.data, live, merge };
}
