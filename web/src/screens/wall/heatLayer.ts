import type { GeoJSONSourceSpecification, HeatmapLayerSpecification } from 'maplibre-gl';
import { CLUSTER_LAYER } from '../../domain/cases/pinStyle';

/** The heatmap's GeoJSON source and layer (one frame of the time slider). */
export const HEAT_SOURCE = 'case-heat';
export const HEAT_LAYER = 'case-heat';
/** Drawn under the case pins and clusters. */
export const HEAT_BEFORE = CLUSTER_LAYER;

export function heatSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
}

/**
 * Cells weighted by their share of the frame's busiest cell (`w`), spread wider as the map zooms
 * in; blue (a few) through amber to red (many), translucent over the base map.
 */
export function heatLayer(dark: boolean): HeatmapLayerSpecification {
  return {
    id: HEAT_LAYER,
    type: 'heatmap',
    source: HEAT_SOURCE,
    layout: { visibility: 'none' },
    paint: {
      'heatmap-weight': ['get', 'w'],
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 12, 2, 17, 4],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 12, 20, 15, 40, 18, 90],
      'heatmap-opacity': dark ? 0.8 : 0.7,
      'heatmap-color': [
        'interpolate',
        ['linear'],
        ['heatmap-density'],
        0,
        'rgba(37, 99, 235, 0)',
        0.2,
        'rgba(37, 99, 235, 0.6)',
        0.45,
        '#22c55e',
        0.65,
        '#facc15',
        0.85,
        '#f97316',
        1,
        '#dc2626',
      ],
    },
  };
}
