import type { FeatureCollection, Point } from 'geojson';
import type { CircleLayerSpecification, GeoJSONSourceSpecification } from 'maplibre-gl';

/** 议事协商 and 民生实事 on the map: upcoming consultations and open projects as points. */
export type CivicKind = 'CONSULTATION' | 'PROJECT';

export const CIVIC_COLOURS: Record<CivicKind, string> = { CONSULTATION: '#7c3aed', PROJECT: '#0891b2' };
export const CIVIC_SOURCE = 'civic-points';
export const CIVIC_CONSULTATION_LAYER = 'civic-consultations';
export const CIVIC_PROJECT_LAYER = 'civic-projects';

export interface CivicPointProperties {
  kind: CivicKind;
  id: string;
  name: string;
}
export type CivicPoints = FeatureCollection<Point, CivicPointProperties>;
export const EMPTY_CIVIC_POINTS: CivicPoints = { type: 'FeatureCollection', features: [] };

interface Located {
  id: string;
  lng: number;
  lat: number;
}

/** The consultations and projects as one point collection (where each is held, or its grid's label point). */
export function civicPoints(
  consultations: readonly (Located & { topic: string })[],
  projects: readonly (Located & { title: string })[],
): CivicPoints {
  const point = (kind: CivicKind, p: Located, name: string) => ({
    type: 'Feature' as const,
    properties: { kind, id: p.id, name },
    geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
  });
  return {
    type: 'FeatureCollection',
    features: [...consultations.map((c) => point('CONSULTATION', c, c.topic)), ...projects.map((p) => point('PROJECT', p, p.title))],
  };
}

export function civicSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: EMPTY_CIVIC_POINTS, promoteId: 'id' };
}

/** Two circle layers over one source, hidden until switched on. */
export function civicLayers(): [CircleLayerSpecification, CircleLayerSpecification] {
  const circle = (id: string, kind: CivicKind): CircleLayerSpecification => ({
    id,
    type: 'circle',
    source: CIVIC_SOURCE,
    filter: ['==', ['get', 'kind'], kind],
    layout: { visibility: 'none' },
    paint: { 'circle-radius': 8, 'circle-color': CIVIC_COLOURS[kind], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });
  return [circle(CIVIC_CONSULTATION_LAYER, 'CONSULTATION'), circle(CIVIC_PROJECT_LAYER, 'PROJECT')];
}
