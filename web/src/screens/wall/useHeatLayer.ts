import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { HeatCollection } from '../../domain/cases/heatmap';
import { HEAT_BEFORE, HEAT_LAYER, HEAT_SOURCE, heatLayer, heatSource } from './heatLayer';

const EMPTY: HeatCollection = { type: 'FeatureCollection', features: [] };

/**
 * The case heatmap on the wall's map: added once to each map instance (a theme change makes a
 * new map), fed one frame at a time, shown only while the time panel is open.
 */
export function useHeatLayer(map: MapLibreMap | null, frame: HeatCollection | null, shown: boolean, dark: boolean): void {
  useEffect(() => {
    if (!map || map.getSource(HEAT_SOURCE)) return;
    map.addSource(HEAT_SOURCE, heatSource());
    map.addLayer(heatLayer(dark), map.getLayer(HEAT_BEFORE) ? HEAT_BEFORE : undefined);
  }, [map, dark]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(HEAT_SOURCE)?.setData(frame ?? EMPTY);
  }, [map, frame]);

  useEffect(() => {
    if (!map?.getLayer(HEAT_LAYER)) return;
    map.setLayoutProperty(HEAT_LAYER, 'visibility', shown ? 'visible' : 'none');
  }, [map, shown]);
}
