import type { FeatureCollection, Point } from 'geojson';
import type { CircleLayerSpecification, ExpressionSpecification, FillLayerSpecification, GeoJSONSourceSpecification } from 'maplibre-gl';
import { GRID_LEVEL_MINZOOM, type GridLevel } from '@streetgrid/geo';
import { GRID_SOURCE, GRID_TILE_LAYER } from '../../map/sources';

/** A grid's party coverage: a live organisation and a leader, one of them missing, or both. */
export type CoverageStatus = 'COVERED' | 'NO_LEADER' | 'NO_ORGANIZATION' | 'NEITHER';
/** The three colours of the coverage layer (missing one or the other is one colour). */
export type CoverageShade = 'COVERED' | 'MISSING_ONE' | 'MISSING_BOTH';
export const COVERAGE_SHADES: readonly CoverageShade[] = ['COVERED', 'MISSING_ONE', 'MISSING_BOTH'];

export const shadeOf = (status: CoverageStatus): CoverageShade =>
  status === 'COVERED' ? 'COVERED' : status === 'NEITHER' ? 'MISSING_BOTH' : 'MISSING_ONE';

export const PARTY_COLOURS = {
  COVERED: '#16a34a',
  MISSING_ONE: '#f59e0b',
  MISSING_BOTH: '#dc2626',
  CENTRAL_HOUSEHOLD: '#b91c1c',
  SERVICE_POST: '#db2777',
} as const;

export const PARTY_COVERAGE_LAYER = 'party-coverage';
export const PARTY_POINT_SOURCE = 'party-points';
export const PARTY_CENTRAL_LAYER = 'party-central-households';
export const PARTY_POST_LAYER = 'party-service-posts';

export interface PartyPointProperties {
  kind: 'CENTRAL_HOUSEHOLD' | 'SERVICE_POST';
  id: string;
  name: string;
}
export type PartyPoints = FeatureCollection<Point, PartyPointProperties>;
export const EMPTY_PARTY_POINTS: PartyPoints = { type: 'FeatureCollection', features: [] };

export interface PartyMapData {
  grids: readonly { gridId: string; status: CoverageStatus }[];
  centralHouseholds: readonly { id: string; name: string; lng: number; lat: number }[];
  servicePosts: readonly { id: string; name: string; lng: number; lat: number }[];
}

/** The central households and service posts as one point collection. */
export function partyPoints(data: PartyMapData | null): PartyPoints {
  if (!data) return EMPTY_PARTY_POINTS;
  const point = (kind: PartyPointProperties['kind'], p: { id: string; name: string; lng: number; lat: number }) => ({
    type: 'Feature' as const,
    properties: { kind, id: p.id, name: p.name },
    geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
  });
  return {
    type: 'FeatureCollection',
    features: [
      ...data.centralHouseholds.map((c) => point('CENTRAL_HOUSEHOLD', c)),
      ...data.servicePosts.map((p) => point('SERVICE_POST', p)),
    ],
  };
}

export function partyPointSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: EMPTY_PARTY_POINTS, promoteId: 'id' };
}

/**
 * The coverage fill over the grid tiles, coloured by each grid's `party` feature-state (set from
 * partyMap), transparent where none is set; then the two point layers.
 */
export function partyLayers(): [FillLayerSpecification, CircleLayerSpecification, CircleLayerSpecification] {
  const shade: ExpressionSpecification = ['feature-state', 'party'];
  const shadeOf = (level: GridLevel): ExpressionSpecification => [
    'case',
    ['all', ['==', ['get', 'level'], level], ['!=', ['coalesce', shade, ''], '']],
    0.3,
    0,
  ];
  const circle = (id: string, kind: PartyPointProperties['kind'], colour: string): CircleLayerSpecification => ({
    id,
    type: 'circle',
    source: PARTY_POINT_SOURCE,
    filter: ['==', ['get', 'kind'], kind],
    layout: { visibility: 'none' },
    paint: { 'circle-radius': 7, 'circle-color': colour, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });
  return [
    {
      id: PARTY_COVERAGE_LAYER,
      type: 'fill',
      source: GRID_SOURCE,
      'source-layer': GRID_TILE_LAYER,
      layout: { visibility: 'none' },
      paint: {
        'fill-color': [
          'match',
          ['coalesce', shade, ''],
          'COVERED',
          PARTY_COLOURS.COVERED,
          'MISSING_ONE',
          PARTY_COLOURS.MISSING_ONE,
          'MISSING_BOTH',
          PARTY_COLOURS.MISSING_BOTH,
          'rgba(0,0,0,0)',
        ],
        // Only the finest level drawn at this zoom is shaded: the levels nest, and shading all of them stacked
        // their colours into one another.
        'fill-opacity': [
          'step',
          ['zoom'],
          shadeOf('LARGE'),
          GRID_LEVEL_MINZOOM.MEDIUM,
          shadeOf('MEDIUM'),
          GRID_LEVEL_MINZOOM.SMALL,
          shadeOf('SMALL'),
        ],
      },
    },
    circle(PARTY_CENTRAL_LAYER, 'CENTRAL_HOUSEHOLD', PARTY_COLOURS.CENTRAL_HOUSEHOLD),
    circle(PARTY_POST_LAYER, 'SERVICE_POST', PARTY_COLOURS.SERVICE_POST),
  ];
}
