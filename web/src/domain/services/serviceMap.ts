import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import { STREET_TIME_ZONE } from '../../i18n/format';

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
export const SERVICE_COLOURS: Record<ServiceLayer, string> = {
  OVERDUE_VISIT: '#e11d48',
  OPEN_WISH: '#eab308',
  MATCH: '#06b6d4',
};

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

/** Monday of the week of `date` on the street's calendar (`timeZone`), as YYYY-MM-DD: the `period` of matches. */
export function weekOf(date: Date, timeZone: string = STREET_TIME_ZONE): string {
  const d = new Date(
    `${new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date)}T00:00:00Z`,
  );
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export function serviceSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: EMPTY_SERVICES };
}

/** Match lines under the points; overdue visits as red circles, open wishes as yellow ones. */
export function serviceLayers(dark: boolean): LayerSpecification[] {
  const stroke = dark ? '#0f172a' : '#ffffff';
  return [
    {
      id: SERVICE_LAYER_IDS.MATCH,
      type: 'line',
      source: SERVICE_SOURCE,
      filter: ['==', ['get', 'layer'], 'MATCH'],
      paint: { 'line-color': SERVICE_COLOURS.MATCH, 'line-width': 2.5, 'line-dasharray': [2, 1] },
    },
    {
      id: SERVICE_LAYER_IDS.OVERDUE_VISIT,
      type: 'circle',
      source: SERVICE_SOURCE,
      filter: ['==', ['get', 'layer'], 'OVERDUE_VISIT'],
      paint: {
        'circle-color': SERVICE_COLOURS.OVERDUE_VISIT,
        'circle-radius': 6,
        'circle-stroke-color': stroke,
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: SERVICE_LAYER_IDS.OPEN_WISH,
      type: 'circle',
      source: SERVICE_SOURCE,
      filter: ['==', ['get', 'layer'], 'OPEN_WISH'],
      paint: { 'circle-color': SERVICE_COLOURS.OPEN_WISH, 'circle-radius': 6, 'circle-stroke-color': stroke, 'circle-stroke-width': 1.5 },
    },
  ];
}
