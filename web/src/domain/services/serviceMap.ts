import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { FilterSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import { CLUSTER_MAX_ZOOM } from '../cases/pinStyle';
import { streetDay } from '../../i18n/format';

/** The `layer` tag of a `serviceMap` feature. */
export type ServiceLayer = 'OVERDUE_VISIT' | 'OPEN_WISH' | 'MATCH';
export const SERVICE_LAYERS: readonly ServiceLayer[] = ['OVERDUE_VISIT', 'OPEN_WISH', 'MATCH'];

export type ServiceFeature = Feature<Geometry, { layer: ServiceLayer } & Record<string, unknown>>;
export type ServiceCollection = FeatureCollection<Geometry, ServiceFeature['properties']>;

/** The GeoJSON source holding every service feature (all grids asked merged). */
export const SERVICE_SOURCE = 'services';
/** MapLibre layer id drawing each service layer. */
export const SERVICE_LAYER_IDS: Record<ServiceLayer, string> = {
  OVERDUE_VISIT: 'service-overdue-visits',
  OPEN_WISH: 'service-open-wishes',
  MATCH: 'service-matches',
};
/** Overdue visits are fuchsia: never the overdue-case red (pinStyle's OVERDUE_COLOUR). */
export const SERVICE_COLOURS: Record<ServiceLayer, string> = {
  OVERDUE_VISIT: '#d946ef',
  OPEN_WISH: '#eab308',
  MATCH: '#06b6d4',
};

/** Overdue visits have their own clustered source, clustered like case pins. */
export const OVERDUE_VISIT_SOURCE = 'overdue-visits';
export const OVERDUE_VISIT_CLUSTER_LAYER = 'service-overdue-visit-clusters';
export const OVERDUE_VISIT_COUNT_LAYER = 'service-overdue-visit-count';
/** Every MapLibre layer drawing a service layer (what its toggle shows or hides). */
export const SERVICE_MAP_LAYER_IDS: Record<ServiceLayer, readonly string[]> = {
  OVERDUE_VISIT: [OVERDUE_VISIT_CLUSTER_LAYER, OVERDUE_VISIT_COUNT_LAYER, SERVICE_LAYER_IDS.OVERDUE_VISIT],
  OPEN_WISH: [SERVICE_LAYER_IDS.OPEN_WISH],
  MATCH: [SERVICE_LAYER_IDS.MATCH],
};
/** Radius of a single service point at scale 1 (see pinScale). */
export const SERVICE_POINT_RADIUS = 10;

export const EMPTY_SERVICES: ServiceCollection = { type: 'FeatureCollection', features: [] };

/**
 * Merges the `serviceMap` answers of several grids into one collection, dropping features
 * without a known layer and duplicates (same layer and id).
 */
export function mergeServiceMaps(maps: readonly unknown[]): ServiceCollection {
  const seen = new Set<string>();
  const features: ServiceFeature[] = [];
  for (const map of maps) {
    const list = (map as { features?: unknown } | null)?.features;
    if (!Array.isArray(list)) continue;
    for (const f of list as ServiceFeature[]) {
      const layer = f?.properties?.layer;
      if (!f.geometry || !SERVICE_LAYERS.includes(layer)) continue;
      const p = f.properties;
      const key = `${layer}:${String(p.householdId ?? p.wishId ?? p.matchId ?? JSON.stringify(f.geometry))}`;
      if (seen.has(key)) continue;
      seen.add(key);
      features.push(f);
    }
  }
  return { type: 'FeatureCollection', features };
}

/** How many features each layer has. */
export function countServiceLayers(collection: ServiceCollection): Record<ServiceLayer, number> {
  const counts: Record<ServiceLayer, number> = { OVERDUE_VISIT: 0, OPEN_WISH: 0, MATCH: 0 };
  for (const f of collection.features) counts[f.properties.layer] += 1;
  return counts;
}

/** Monday of the week of `date` on the street's calendar, as YYYY-MM-DD: the `period` of matches. */
export function weekOf(date: Date): string {
  const d = new Date(`${streetDay(date)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export function serviceSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: EMPTY_SERVICES };
}

/** The clustered source of overdue visits (same clustering as case pins). */
export function overdueVisitSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: EMPTY_SERVICES, cluster: true, clusterMaxZoom: CLUSTER_MAX_ZOOM, clusterRadius: 40 };
}

/** The overdue visits of a collection (for OVERDUE_VISIT_SOURCE); the rest stays in SERVICE_SOURCE. */
export function overdueVisits(collection: ServiceCollection): ServiceCollection {
  return { type: 'FeatureCollection', features: collection.features.filter((f) => f.properties.layer === 'OVERDUE_VISIT') };
}

/**
 * Only the match lines of these matches (a leader's selection); null draws every line.
 * The filter of the MATCH layer.
 */
export function matchFilter(matchIds: readonly string[] | null): FilterSpecification {
  const isMatch: FilterSpecification = ['==', ['get', 'layer'], 'MATCH'];
  return matchIds ? ['all', isMatch, ['in', ['get', 'matchId'], ['literal', [...matchIds]]]] : isMatch;
}

/**
 * Match lines under the points; overdue visits as fuchsia circles clustered like case pins,
 * open wishes as yellow circles. `scale` is pinScale's (larger on a 4K wall).
 */
export function serviceLayers(dark: boolean, scale = 1): LayerSpecification[] {
  const stroke = dark ? '#0f172a' : '#ffffff';
  const radius = SERVICE_POINT_RADIUS * scale;
  return [
    {
      id: SERVICE_LAYER_IDS.MATCH,
      type: 'line',
      source: SERVICE_SOURCE,
      filter: ['==', ['get', 'layer'], 'MATCH'],
      paint: { 'line-color': SERVICE_COLOURS.MATCH, 'line-width': 2.5 * scale, 'line-dasharray': [2, 1] },
    },
    {
      id: OVERDUE_VISIT_CLUSTER_LAYER,
      type: 'circle',
      source: OVERDUE_VISIT_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': SERVICE_COLOURS.OVERDUE_VISIT,
        'circle-opacity': 0.85,
        'circle-radius': ['step', ['get', 'point_count'], 14 * scale, 10, 20 * scale, 50, 26 * scale],
        'circle-stroke-color': stroke,
        'circle-stroke-width': 2,
      },
    },
    {
      id: OVERDUE_VISIT_COUNT_LAYER,
      type: 'symbol',
      source: OVERDUE_VISIT_SOURCE,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['to-string', ['get', 'point_count']],
        'text-font': ['sans-serif'],
        'text-size': 15 * scale,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: SERVICE_LAYER_IDS.OVERDUE_VISIT,
      type: 'circle',
      source: OVERDUE_VISIT_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': SERVICE_COLOURS.OVERDUE_VISIT,
        'circle-radius': radius,
        'circle-stroke-color': stroke,
        'circle-stroke-width': 2,
      },
    },
    {
      id: SERVICE_LAYER_IDS.OPEN_WISH,
      type: 'circle',
      source: SERVICE_SOURCE,
      filter: ['==', ['get', 'layer'], 'OPEN_WISH'],
      paint: {
        'circle-color': SERVICE_COLOURS.OPEN_WISH,
        'circle-radius': radius,
        'circle-stroke-color': stroke,
        'circle-stroke-width': 2,
      },
    },
  ];
}
