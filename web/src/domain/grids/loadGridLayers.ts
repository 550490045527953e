import type { ApolloClient } from '@apollo/client';
import { GRID_COUNT_QUERY, STREETS_QUERY } from '../../graphql/operations';
import { gridLevels, type BBox, type GridLevel } from '../../graphql/types';
import { streetsBBox, streetsToFeatureCollection, type StreetFeatureCollection } from './featureCollections';

/**
 * What the app loads itself for the base map. Grids and buildings are drawn from the API's
 * vector tiles (`/tiles/...`); the app only needs the street outline, where to fit the map,
 * and how many grids each level has (for the header).
 */
export interface GridLayerData {
  street: StreetFeatureCollection;
  /** How many grids of each level the street has. */
  counts: Record<GridLevel, number>;
  /** Where to fit the map; `null` when the API knows no street yet. */
  bbox: BBox | null;
}

/** Loads the streets and the grid count of every level. */
export async function loadGridLayers(client: ApolloClient): Promise<GridLayerData> {
  const countLevel = async (level: GridLevel): Promise<number> => {
    const { data } = await client.query({ query: GRID_COUNT_QUERY, variables: { level }, fetchPolicy: 'no-cache' });
    if (!data) throw new Error(`no data for ${level} grids`);
    return data.grids.totalCount;
  };
  const [streetsResult, ...counts] = await Promise.all([
    client.query({ query: STREETS_QUERY, fetchPolicy: 'no-cache' }),
    ...gridLevels.map(countLevel),
  ]);
  const streets = streetsResult.data?.streets ?? [];
  return {
    street: streetsToFeatureCollection(streets),
    counts: Object.fromEntries(gridLevels.map((level, i) => [level, counts[i]])) as Record<GridLevel, number>,
    bbox: streetsBBox(streets),
  };
}
