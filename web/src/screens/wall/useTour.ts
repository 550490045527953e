import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../../graphql/generated';
import type { BBox } from '../../graphql/types';
import { allGridPages } from '../../domain/grids/allPages';
import { geometryBBox } from '../../domain/grids/bbox';
import { nextTourIndex, TOUR_STEP_MS } from './tour';

const COMMUNITIES = graphql(`
  query TourCommunities($after: String) {
    grids(level: LARGE, first: 500, after: $after) {
      nodes {
        id
        name
        geometry
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The unattended tour (巡览): while on, fits the map to each community in turn. Answers the current stop's name. */
export function useTour(on: boolean, fit: (bbox: BBox) => void): string | null {
  const client = useApolloClient();
  const [stop, setStop] = useState<string | null>(null);
  useEffect(() => {
    if (!on) {
      setStop(null);
      return;
    }
    let index: number | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = true;
    const step = (stops: { name: string; bbox: BBox }[]) => {
      index = nextTourIndex(index, stops.length);
      if (index === null || !current) return;
      fit(stops[index].bbox);
      setStop(stops[index].name);
      timer = setTimeout(() => step(stops), TOUR_STEP_MS);
    };
    // Every community, page by page (a district has ~200; the first page alone would stop at 500).
    void allGridPages(client, COMMUNITIES, {})
      .then((nodes) =>
        step(
          nodes.flatMap((g) => {
            const bbox = geometryBBox(g.geometry);
            return bbox ? [{ name: g.name, bbox }] : [];
          }),
        ),
      )
      .catch(() => undefined);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [on, client, fit]);
  return stop;
}
