import { Map as MapLibreMap, Marker, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridLayerData } from '../features/grids/loadGridLayers';
import type { GridLevel, LngLat } from '../graphql/types';
import { GRID_LABEL_LAYER, GRID_SOURCE, GRID_TILE_LAYER, STREET_SOURCE } from './sources';
import { buildGridStyle, CJK_FONT_FAMILY, type MapTheme } from './style';
import './worker';

/** A grid to highlight on the map, e.g. one of the chain around a clicked point. */
export interface MapSelection {
  id: string;
  level: GridLevel;
}

export interface GridMapProps {
  theme: MapTheme;
  /** The base map's data; `null` while it loads. */
  layers: GridLayerData | null;
  /** The point being inspected, marked on the map. */
  picked: LngLat | null;
  selection: readonly MapSelection[];
  onPick: (point: LngLat) => void;
}

/** Padding around the street when the map fits to it, in CSS pixels. */
const FIT_PADDING = 48;

/** Maps already removed: effects that outlive their map (StrictMode, a theme change) leave them alone. */
const removedMaps = new WeakSet<MapLibreMap>();

/**
 * The street map: one MapLibre map per mount, grids and buildings from the API's vector
 * tiles, the street outline filled from `layers`,
 * clicks reported through `onPick`. The map's container carries `data-state="ready"` once
 * the grids are drawn, for end-to-end tests to wait on.
 */
export function GridMap({ theme, layers, picked, selection, onPick }: GridMapProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [drawn, setDrawn] = useState<{ map: MapLibreMap; layers: GridLayerData } | null>(null);
  const onPickRef = useRef(onPick);
  useEffect(() => {
    onPickRef.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = new MapLibreMap({
      container,
      style: buildGridStyle(theme, window.location.origin),
      localIdeographFontFamily: CJK_FONT_FAMILY,
      center: [116.397, 39.908],
      zoom: 12,
      dragRotate: false,
      pitchWithRotate: false,
      attributionControl: false,
    });
    instance.addControl(new NavigationControl({ showCompass: false }), 'bottom-left');
    instance.on('click', (event) => onPickRef.current({ lng: event.lngLat.lng, lat: event.lngLat.lat }));
    instance.on('load', () => {
      if (!removedMaps.has(instance)) setMap(instance);
    });
    window.__streetgridMap = instance;
    return () => {
      removedMaps.add(instance);
      setMap(null);
      if (window.__streetgridMap === instance) delete window.__streetgridMap;
      instance.remove();
    };
  }, [theme]);

  useEffect(() => {
    if (!map || !layers) return;
    // Grids and buildings come as vector tiles; only the street outline is set here.
    map.getSource<GeoJSONSource>(STREET_SOURCE)?.setData(layers.street);
    if (layers.bbox) {
      const [west, south, east, north] = layers.bbox;
      map.fitBounds(
        [
          [west, south],
          [east, north],
        ],
        { padding: FIT_PADDING, duration: 0 },
      );
    }
    setDrawn({ map, layers });
  }, [map, layers]);

  useEffect(() => {
    if (!map) return;
    // Every level is in the one grid source; ids are promoted from the tiles' `id` property.
    const targets = selection.flatMap(({ id }) => [GRID_TILE_LAYER, GRID_LABEL_LAYER].map((sourceLayer) => ({ source: GRID_SOURCE, sourceLayer, id })));
    for (const target of targets) map.setFeatureState(target, { selected: true });
    return () => {
      if (removedMaps.has(map)) return;
      for (const target of targets) map.removeFeatureState(target, 'selected');
    };
  }, [map, selection]);

  useEffect(() => {
    if (!map || !picked) return;
    const element = document.createElement('div');
    element.className = 'pick-marker';
    const marker = new Marker({ element }).setLngLat([picked.lng, picked.lat]).addTo(map);
    return () => {
      marker.remove();
    };
  }, [map, picked]);

  const ready = map !== null && layers !== null && drawn?.map === map && drawn.layers === layers;
  const inspectCentre = () => {
    if (!map) return;
    const centre = map.getCenter();
    onPick({ lng: centre.lng, lat: centre.lat });
  };

  return (
    <div className="map-frame">
      <div ref={containerRef} className="map" role="region" aria-label={t('map.label')} data-state={ready ? 'ready' : 'loading'} />
      <button type="button" className="button map-frame__inspect" onClick={inspectCentre} disabled={!map}>
        {t('map.inspectCentre')}
      </button>
    </div>
  );
}
