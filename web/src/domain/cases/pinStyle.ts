import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { CaseStatus } from './types';

/** The clustered GeoJSON source of case pins, updated in place with setData. */
export const CASE_SOURCE = 'cases';
export const PIN_LAYER = 'case-pins';
export const PIN_PULSE_LAYER = 'case-pins-pulse';
export const CLUSTER_LAYER = 'case-clusters';
export const CLUSTER_COUNT_LAYER = 'case-cluster-count';
/** Pins cluster up to this zoom; past it every case is its own pin. */
export const CLUSTER_MAX_ZOOM = 14;

export const STATUS_COLOURS: Record<CaseStatus, string> = {
  REPORTED: '#f97316',
  FILED: '#facc15',
  DISPATCHED: '#38bdf8',
  IN_PROGRESS: '#3b82f6',
  HANDLED: '#a78bfa',
  ESCALATED: '#f43f5e',
  CLOSED: '#22c55e',
  RATED: '#16a34a',
  REJECTED: '#64748b',
};
export const OVERDUE_COLOUR = '#ef4444';
/** Fill of a cluster of cases, by theme; its ring is OVERDUE_COLOUR when a case inside is overdue. */
export const CLUSTER_COLOURS = { dark: '#1e3a8a', light: '#1d4ed8' } as const;
export const CLUSTER_RING = '#e2e8f0';
/** Radius of a single pin at scale 1 (a 1080p screen), in CSS pixels; overdue pins are larger. */
export const PIN_RADIUS = 10;
export const OVERDUE_PIN_RADIUS = 13;

/**
 * How much larger pins, clusters and their type are drawn on a wider screen: 1 up to 1920 CSS px,
 * then in proportion (2 on a 3840 px wall), at most 3.
 */
export function pinScale(viewportWidth: number): number {
  return Math.min(3, Math.max(1, viewportWidth / 1920));
}

export function casePinSource(): GeoJSONSourceSpecification {
  return {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    cluster: true,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterRadius: 40,
    // Clusters count their overdue cases so a cluster hiding one still stands out.
    clusterProperties: { overdue: ['+', ['case', ['get', 'overdue'], 1, 0]] },
  };
}

const statusColour: unknown[] = ['match', ['get', 'status'], ...Object.entries(STATUS_COLOURS).flat(), '#94a3b8'];

/**
 * Clusters (sized by count, red ring when any case inside is overdue), pins by status, overdue
 * pins larger with a red ring, and a pulse ring for new cases.
 */
export function casePinLayers(dark: boolean, scale = 1): LayerSpecification[] {
  const ink = dark ? '#070d1a' : '#ffffff';
  return [
    {
      id: CLUSTER_LAYER,
      type: 'circle',
      source: CASE_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': dark ? CLUSTER_COLOURS.dark : CLUSTER_COLOURS.light,
        'circle-opacity': 0.9,
        'circle-radius': ['step', ['get', 'point_count'], 16 * scale, 10, 22 * scale, 50, 30 * scale],
        'circle-stroke-color': ['case', ['>', ['get', 'overdue'], 0], OVERDUE_COLOUR, CLUSTER_RING],
        'circle-stroke-width': ['case', ['>', ['get', 'overdue'], 0], 4, 2],
      },
    },
    {
      id: CLUSTER_COUNT_LAYER,
      type: 'symbol',
      source: CASE_SOURCE,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['to-string', ['get', 'point_count']],
        'text-font': ['sans-serif'],
        'text-size': 16 * scale,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: PIN_PULSE_LAYER,
      type: 'circle',
      source: CASE_SOURCE,
      filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'fresh'], true]],
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': (PIN_RADIUS + 6) * scale,
        'circle-stroke-color': statusColour as never,
        'circle-stroke-width': 3,
        'circle-stroke-opacity': 0.8,
      },
    },
    {
      id: PIN_LAYER,
      type: 'circle',
      source: CASE_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': statusColour as never,
        'circle-radius': ['case', ['get', 'overdue'], OVERDUE_PIN_RADIUS * scale, PIN_RADIUS * scale],
        'circle-stroke-color': ['case', ['get', 'overdue'], OVERDUE_COLOUR, ink],
        'circle-stroke-width': ['case', ['get', 'overdue'], 4, 2],
        'circle-opacity': ['case', ['get', 'open'], 1, 0.6],
      },
    },
  ];
}
