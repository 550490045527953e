import type { TFunction } from 'i18next';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import {
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type RequestParameters,
} from 'maplibre-gl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isOwnTileUrl } from '../domain/auth/session';
import { bearer } from '../domain/auth/tokens';
import type { PinCollection } from '../domain/cases/pins';
import { CASE_SOURCE, CLUSTER_LAYER, casePinLayers, casePinSource, PIN_LAYER, pinScale } from '../domain/cases/pinStyle';
import type { GridLayerData } from '../domain/grids/loadGridLayers';
import {
  EMPTY_SERVICES,
  matchFilter,
  OVERDUE_VISIT_SOURCE,
  overdueVisitSource,
  overdueVisits,
  SERVICE_LAYER_IDS,
  SERVICE_LAYERS,
  SERVICE_MAP_LAYER_IDS,
  SERVICE_SOURCE,
  serviceLayers,
  serviceSource,
  type ServiceCollection,
  type ServiceLayer,
} from '../domain/services/serviceMap';
import {
  EMPTY_PARTY_POINTS,
  PARTY_CENTRAL_LAYER,
  PARTY_COVERAGE_LAYER,
  PARTY_POINT_SOURCE,
  PARTY_POST_LAYER,
  partyLayers,
  partyPointSource,
  shadeOf,
  type CoverageStatus,
  type PartyPoints,
} from '../domain/party/partyLayer';
import {
  EMPTY_NOTICE_POINTS,
  NOTICE_LABEL_LAYER,
  NOTICE_LAYER,
  NOTICE_SOURCE,
  noticeLayers,
  noticeSource,
  type NoticePoints,
} from '../domain/publicity/noticeLayer';
import {
  CIVIC_CONSULTATION_LAYER,
  CIVIC_PROJECT_LAYER,
  CIVIC_SOURCE,
  civicLayers,
  civicSource,
  EMPTY_CIVIC_POINTS,
  type CivicPoints,
} from '../domain/consultations/civicLayer';
import type { BBox, GridLevel, LngLat } from '../graphql/types';
import { GRID_LABEL_LAYER, GRID_SOURCE, GRID_TILE_LAYER, STREET_SOURCE } from './sources';
import { buildGridStyle, CJK_FONT_FAMILY, gridLayerId, type MapTheme } from './style';
import { gridLevels } from '../graphql/types';
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
  /** The current access token, read on every tile request (MapLibre's transformRequest is synchronous). */
  getToken: () => string | null;
  /** Case pins (the clustered `cases` source); null draws none. */
  pins?: PinCollection | null;
  /** A click on a case pin. */
  onCaseClick?: (id: string) => void;
  /** Where to fit instead of the whole street (a leader's own grids, a search hit). */
  focus?: BBox | null;
  /** Told the map once it has loaded, and null when it goes. */
  onMap?: (map: MapLibreMap | null) => void;
  /** Service layers (`serviceMap`: overdue visits, open wishes, match lines); null draws none. */
  services?: ServiceCollection | null;
  /** Which service layers to show. */
  servicesShown?: ReadonlySet<ServiceLayer>;
  /** Only these matches' helper → need lines are drawn; null (the default) draws every line. */
  matchIds?: readonly string[] | null;
  /** MapLibre layers of the base map to hide (the wall's layer control). */
  hiddenLayers?: readonly string[];
  /** Drawn over the map inside its frame (the wall's legend). */
  overlay?: ReactNode;
  /** The party layer: each grid's coverage (a colour), and central households and service posts (points). */
  partyCoverage?: readonly { gridId: string; status: CoverageStatus }[] | null;
  partyPoints?: PartyPoints | null;
  /** Which party layers to show (none by default). */
  partyShown?: { coverage: boolean; central: boolean; posts: boolean };
  /** 宣传栏: published notices pinned on the map, and whether they show (off by default). */
  noticePoints?: NoticePoints | null;
  noticesShown?: boolean;
  /** 议事协商 and 民生实事: upcoming consultations and open projects as points, and which to show (none by default). */
  civicPoints?: CivicPoints | null;
  civicShown?: { consultations: boolean; projects: boolean };
}

/** Adds the token to requests for the app origin's /tiles/ (and nothing else). */
export function tileRequest(url: string, origin: string, token: string | null): RequestParameters | undefined {
  if (!token || !isOwnTileUrl(url, origin)) return undefined;
  return { url, headers: { Authorization: bearer(token) } };
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
export function GridMap({
  theme,
  layers,
  picked,
  selection,
  onPick,
  getToken,
  pins = null,
  onCaseClick,
  focus = null,
  onMap,
  services = null,
  servicesShown,
  matchIds = null,
  hiddenLayers,
  overlay,
  partyCoverage = null,
  partyPoints = null,
  partyShown,
  noticePoints = null,
  noticesShown = false,
  civicPoints = null,
  civicShown,
}: GridMapProps) {
  const { t } = useTranslation();
  const controlTitles = useRef<Record<string, string>>({});
  controlTitles.current = mapLocale(t);
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [drawn, setDrawn] = useState<{ map: MapLibreMap; layers: GridLayerData } | null>(null);
  const onPickRef = useRef(onPick);
  const getTokenRef = useRef(getToken);
  const onCaseClickRef = useRef(onCaseClick);
  useEffect(() => {
    onMap?.(map);
  }, [map, onMap]);
  useEffect(() => {
    onPickRef.current = onPick;
    getTokenRef.current = getToken;
    onCaseClickRef.current = onCaseClick;
  }, [onPick, getToken, onCaseClick]);

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
      // The library's own control titles and labels (accessible names too), in the UI's language (its defaults are English).
      locale: controlTitles.current,
      transformRequest: (url) => tileRequest(url, window.location.origin, getTokenRef.current()),
    });
    instance.addControl(new NavigationControl({ showCompass: false }), 'bottom-left');
    instance.on('click', (event) => {
      const hit: MapGeoJSONFeature | undefined = instance.getLayer(PIN_LAYER)
        ? instance.queryRenderedFeatures(event.point, { layers: [PIN_LAYER, CLUSTER_LAYER] })[0]
        : undefined;
      if (hit && hit.layer.id === PIN_LAYER && onCaseClickRef.current) {
        onCaseClickRef.current(String(hit.properties.id));
        return;
      }
      if (hit && hit.layer.id === CLUSTER_LAYER && hit.geometry.type === 'Point') {
        const [lng, lat] = hit.geometry.coordinates;
        void instance
          .getSource<GeoJSONSource>(CASE_SOURCE)
          ?.getClusterExpansionZoom(Number(hit.properties.cluster_id))
          .then((zoom) => instance.easeTo({ center: [lng, lat], zoom }));
        return;
      }
      onPickRef.current({ lng: event.lngLat.lng, lat: event.lngLat.lat });
    });
    instance.on('load', () => {
      if (removedMaps.has(instance)) return;
      instance.addSource(SERVICE_SOURCE, serviceSource());
      instance.addSource(OVERDUE_VISIT_SOURCE, overdueVisitSource());
      instance.addSource(PARTY_POINT_SOURCE, partyPointSource());
      for (const layer of partyLayers()) instance.addLayer(layer);
      instance.addSource(NOTICE_SOURCE, noticeSource());
      for (const layer of noticeLayers()) instance.addLayer(layer);
      instance.addSource(CIVIC_SOURCE, civicSource());
      for (const layer of civicLayers()) instance.addLayer(layer);
      for (const layer of serviceLayers(theme === 'dark')) instance.addLayer(layer);
      instance.addSource(CASE_SOURCE, casePinSource());
      for (const layer of casePinLayers(theme === 'dark')) instance.addLayer(layer);
      setMap(instance);
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
    const fit = focus ?? layers.bbox;
    if (fit) {
      const [west, south, east, north] = fit;
      map.fitBounds(
        [
          [west, south],
          [east, north],
        ],
        { padding: FIT_PADDING, duration: 0 },
      );
    }
    setDrawn({ map, layers });
  }, [map, layers, focus]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(CASE_SOURCE)?.setData(pins ?? { type: 'FeatureCollection', features: [] });
  }, [map, pins]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(SERVICE_SOURCE)?.setData(services ?? EMPTY_SERVICES);
    map.getSource<GeoJSONSource>(OVERDUE_VISIT_SOURCE)?.setData(overdueVisits(services ?? EMPTY_SERVICES));
  }, [map, services]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(PARTY_POINT_SOURCE)?.setData(partyPoints ?? EMPTY_PARTY_POINTS);
  }, [map, partyPoints]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(NOTICE_SOURCE)?.setData(noticePoints ?? EMPTY_NOTICE_POINTS);
  }, [map, noticePoints]);

  useEffect(() => {
    if (!map) return;
    for (const id of [NOTICE_LAYER, NOTICE_LABEL_LAYER])
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', noticesShown ? 'visible' : 'none');
  }, [map, noticesShown]);

  // Coverage as the grids' feature-state (the tiles stay as they are; states survive tile reloads).
  useEffect(() => {
    if (!map || !partyCoverage) return;
    const targets = partyCoverage.map((g) => ({ target: { source: GRID_SOURCE, sourceLayer: GRID_TILE_LAYER, id: g.gridId }, g }));
    for (const { target, g } of targets) map.setFeatureState(target, { party: shadeOf(g.status) });
    return () => {
      if (removedMaps.has(map)) return;
      for (const { target } of targets) map.removeFeatureState(target, 'party');
    };
  }, [map, partyCoverage]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(CIVIC_SOURCE)?.setData(civicPoints ?? EMPTY_CIVIC_POINTS);
  }, [map, civicPoints]);

  const civicKey = `${civicShown?.consultations ?? false},${civicShown?.projects ?? false}`;
  useEffect(() => {
    if (!map) return;
    const [consultations, projects] = civicKey.split(',').map((v) => v === 'true');
    const show = (id: string, on: boolean) => map.getLayer(id) && map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    show(CIVIC_CONSULTATION_LAYER, consultations);
    show(CIVIC_PROJECT_LAYER, projects);
  }, [map, civicKey]);

  const partyKey = `${partyShown?.coverage ?? false},${partyShown?.central ?? false},${partyShown?.posts ?? false}`;
  useEffect(() => {
    if (!map) return;
    const [coverage, central, posts] = partyKey.split(',').map((v) => v === 'true');
    const show = (id: string, on: boolean) => map.getLayer(id) && map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    show(PARTY_COVERAGE_LAYER, coverage);
    show(PARTY_CENTRAL_LAYER, central);
    show(PARTY_POST_LAYER, posts);
  }, [map, partyKey]);

  const shownKey = SERVICE_LAYERS.filter((layer) => !servicesShown || servicesShown.has(layer)).join(',');
  useEffect(() => {
    if (!map) return;
    const shown = shownKey.split(',');
    for (const layer of SERVICE_LAYERS)
      for (const id of SERVICE_MAP_LAYER_IDS[layer]) map.setLayoutProperty(id, 'visibility', shown.includes(layer) ? 'visible' : 'none');
  }, [map, shownKey]);

  const matchKey = matchIds ? matchIds.join(',') : null;
  useEffect(() => {
    if (!map) return;
    map.setFilter(SERVICE_LAYER_IDS.MATCH, matchFilter(matchKey === null ? null : matchKey.split(',').filter(Boolean)));
  }, [map, matchKey]);

  const hiddenKey = (hiddenLayers ?? []).join(',');
  useEffect(() => {
    if (!map || !hiddenKey) return;
    const ids = hiddenKey.split(',').filter((id) => map.getLayer(id));
    for (const id of ids) map.setLayoutProperty(id, 'visibility', 'none');
    return () => {
      if (removedMaps.has(map)) return;
      for (const id of ids) map.setLayoutProperty(id, 'visibility', 'visible');
    };
  }, [map, hiddenKey]);

  // Pins, clusters and labels grow with the screen (a 4K wall draws them twice as large as 1080p).
  useEffect(() => {
    if (!map) return;
    const dark = theme === 'dark';
    const labelSizes = gridLevels.map((level) => {
      const id = gridLayerId(level, 'label');
      return { id, size: map.getLayer(id) ? (map.getLayoutProperty(id, 'text-size') as unknown) : undefined };
    });
    let applied = 1;
    const apply = () => {
      const scale = pinScale(window.innerWidth);
      if (scale === applied) return;
      applied = scale;
      for (const layer of [...serviceLayers(dark, scale), ...casePinLayers(dark, scale)]) {
        if (layer.type === 'circle' && layer.paint?.['circle-radius'] !== undefined)
          map.setPaintProperty(layer.id, 'circle-radius', layer.paint['circle-radius']);
        if (layer.type === 'symbol' && layer.layout?.['text-size'] !== undefined)
          map.setLayoutProperty(layer.id, 'text-size', layer.layout['text-size']);
      }
      for (const { id, size } of labelSizes) if (typeof size === 'number') map.setLayoutProperty(id, 'text-size', size * scale);
    };
    apply();
    window.addEventListener('resize', apply);
    return () => window.removeEventListener('resize', apply);
  }, [map, theme]);

  // New cases pulse: a CSS-animated marker on each fresh pin (DOM, so the map itself stays idle).
  const freshKey = (pins?.features ?? [])
    .filter((f) => f.properties.fresh)
    .map((f) => `${f.properties.id}@${f.geometry.coordinates.join(',')}`)
    .join('|');
  useEffect(() => {
    if (!map || !freshKey) return;
    const markers = freshKey.split('|').map((entry) => {
      const [lng, lat] = entry
        .slice(entry.indexOf('@') + 1)
        .split(',')
        .map(Number);
      // MapLibre positions the marker with `transform`; the ring inside animates its own.
      const element = document.createElement('div');
      element.appendChild(document.createElement('div')).className = 'pin-pulse';
      return new Marker({ element }).setLngLat([lng, lat]).addTo(map);
    });
    return () => {
      for (const marker of markers) marker.remove();
    };
  }, [map, freshKey]);

  useEffect(() => {
    if (!map) return;
    // Every level is in the one grid source; ids are promoted from the tiles' `id` property.
    const targets = selection.flatMap(({ id }) =>
      [GRID_TILE_LAYER, GRID_LABEL_LAYER].map((sourceLayer) => ({ source: GRID_SOURCE, sourceLayer, id })),
    );
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
      {overlay}
    </div>
  );
}

/** MapLibre's UI strings (its `locale` option) from the catalogue's `map.controls`. */
function mapLocale(t: TFunction): Record<string, string> {
  return {
    'Map.Title': t('map.controls.title'),
    'NavigationControl.ZoomIn': t('map.controls.zoomIn'),
    'NavigationControl.ZoomOut': t('map.controls.zoomOut'),
    'NavigationControl.ResetBearing': t('map.controls.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.controls.attribution'),
    'Popup.Close': t('map.controls.closePopup'),
    'Marker.Title': t('map.controls.marker'),
  };
}
