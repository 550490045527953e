import type { FeatureCollection, Point } from 'geojson';
import type { CircleLayerSpecification, GeoJSONSourceSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from '../../map/style';

/** 宣传栏 on the map: published notices pinned at a point, as a layer of the wall. */
export const NOTICE_SOURCE = 'publicity-notices';
export const NOTICE_LAYER = 'publicity-notices';
export const NOTICE_LABEL_LAYER = 'publicity-notice-labels';
export const NOTICE_COLOUR = '#7c3aed';

export type NoticePoints = FeatureCollection<Point, { id: string; title: string }>;
export const EMPTY_NOTICE_POINTS: NoticePoints = { type: 'FeatureCollection', features: [] };

/** The published, pinned notices as points (drafts stay off the wall). */
export function noticePoints(notices: readonly { id: string; title: string; status: string; lng?: number | null; lat?: number | null }[]) {
  const features = notices
    .filter((n) => n.status === 'PUBLISHED' && n.lng != null && n.lat != null)
    .map((n) => ({
      type: 'Feature' as const,
      properties: { id: n.id, title: n.title },
      geometry: { type: 'Point' as const, coordinates: [n.lng!, n.lat!] },
    }));
  return { type: 'FeatureCollection', features } satisfies NoticePoints;
}

export function noticeSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: EMPTY_NOTICE_POINTS, promoteId: 'id' };
}

/** A violet square-ish dot with the notice's title beside it; hidden until the wall's switch turns it on. */
export function noticeLayers(): [CircleLayerSpecification, SymbolLayerSpecification] {
  return [
    {
      id: NOTICE_LAYER,
      type: 'circle',
      source: NOTICE_SOURCE,
      layout: { visibility: 'none' },
      paint: { 'circle-radius': 8, 'circle-color': NOTICE_COLOUR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
    {
      id: NOTICE_LABEL_LAYER,
      type: 'symbol',
      source: NOTICE_SOURCE,
      minzoom: 15,
      layout: {
        visibility: 'none',
        'text-field': ['get', 'title'],
        'text-font': LABEL_FONT,
        'text-size': 12,
        'text-offset': [0, 1.2],
        'text-anchor': 'top',
      },
      paint: { 'text-color': NOTICE_COLOUR, 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
    },
  ];
}
