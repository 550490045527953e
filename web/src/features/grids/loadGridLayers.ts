import type { ApolloClient } from '@apollo/client';
import { GRID_SHAPES_QUERY, MAX_GRID_PAGE, STREETS_QUERY } from '../../graphql/operations';
import { collectAllPages } from '../../graphql/paginate';
import { gridLevels, type BBox, type GridLevel, type GridShape } from '../../graphql/types';
import {
  gridsToFeatureCollection,
  streetsBBox,
  streetsToFeatureCollection,
  type GridFeatureCollection,
  type StreetFeatureCollection,
} from './featureCollections';

/** Everything the base map draws, ready for the map's GeoJSON sources. */
export interface GridLayerData {
  street: StreetFeatureCollection;
  grids: Record<GridLevel, GridFeatureCollection>;
  /** How many grids of each level were loaded. */
  counts: Record<GridLevel, number>;
  /** Where to fit the map; `null` when the API knows no street yet. */
  bbox: BBox | null;
}

/**
 * Loads the streets and every grid of every level, paging `grids` at the API's maximum
 * page size. Geometry bypasses the Apollo cache (`no-cache`): it goes straight into the
 * map's sources and would only double the memory held.
 */
export async function loadGridLayers(client: ApolloClient): Promise<GridLayerData> {
  const fetchLevel = (level: GridLevel): Promise<GridShape[]> =>
    collectAllPages(async (after) => {
      const { data } = await client.query({
        query: GRID_SHAPES_QUERY,
        variables: { level, first: MAX_GRID_PAGE, after },
        fetchPolicy: 'no-cache',
      });
      if (!data) throw new Error(`no data for ${level} grids`);
      return data.grids;
    });

  const [streetsResult, ...levels] = await Promise.all([
    client.query({ query: STREETS_QUERY, fetchPolicy: 'no-cache' }),
    ...gridLevels.map(fetchLevel),
  ]);
  const streets = streetsResult.data?.streets ?? [];
  const byLevel = Object.fromEntries(gridLevels.map((level, i) => [level, levels[i]])) as Record<GridLevel, GridShape[]>;

  return {
    street: streetsToFeatureCollection(streets),
    grids: {
      LARGE: gridsToFeatureCollection(byLevel.LARGE),
      MEDIUM: gridsToFeatureCollection(byLevel.MEDIUM),
      SMALL: gridsToFeatureCollection(byLevel.SMALL),
    },
    counts: { LARGE: byLevel.LARGE.length, MEDIUM: byLevel.MEDIUM.length, SMALL: byLevel.SMALL.length },
    bbox: streetsBBox(streets),
  };
}
