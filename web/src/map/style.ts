import type {
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  StyleSpecification,
  VectorSourceSpecification,
} from 'maplibre-gl';
import {
  BASEMAP_KIND_MINZOOM,
  BUILDINGS_MINZOOM,
  GRID_LEVEL_MINZOOM,
  tilePathTemplate,
  type BasemapKind,
  type GridTileProperties,
  type TileLayer,
} from '@streetgrid/geo';
import { gridLevels, type GridLevel } from '../graphql/types';
import {
  BASEMAP_LAYER,
  BASEMAP_SOURCE,
  BUILDING_LAYER,
  BUILDING_SOURCE,
  GRID_LABEL_LAYER,
  GRID_SOURCE,
  GRID_TILE_LAYER,
  STREET_SOURCE,
  type FeatureKind,
} from './sources';

/** `dark` is the wall screen of the command centre (指挥中心大屏); `light` is for desks and print. */
export type MapTheme = 'dark' | 'light';

/**
 * CSS font stack for Chinese labels. The style has no `glyphs` URL, so MapLibre draws every
 * glyph locally; CJK ideographs come from this family (pass it as `localIdeographFontFamily`).
 */
export const CJK_FONT_FAMILY = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

/** `text-font` of every label; without `glyphs` it acts as a CSS font family for non-CJK text. */
export const LABEL_FONT = ['WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', 'sans-serif'];

/** Deepest zoom the map asks tiles for; deeper zooms reuse (overzoom) these. */
export const TILE_SOURCE_MAXZOOM = 16;

interface LevelPaint {
  line: string;
  lineWidth: number;
  fillOpacity: number;
  textSize: number;
}

/** The base map's muted colours: present enough to read the street, quiet beside grids and case pins. */
interface BasemapPaint {
  water: string;
  green: string;
  roads: Record<'MAIN' | 'SECONDARY' | 'MINOR' | 'PATH', string>;
  label: string;
}

interface Palette {
  background: string;
  basemap: BasemapPaint;
  streetFill: string;
  streetLine: string;
  text: string;
  halo: string;
  selected: string;
  building: string;
  levels: Record<GridLevel, LevelPaint>;
}

/** Dark type is sized to be read across the command centre; light is for a desk. */
const PALETTES: Record<MapTheme, Palette> = {
  dark: {
    background: '#070d1a',
    basemap: {
      water: '#11304d',
      green: '#10291f',
      roads: { MAIN: '#334155', SECONDARY: '#2a3647', MINOR: '#222d3d', PATH: '#2b3a4c' },
      label: '#8391a7',
    },
    streetFill: '#0f1a2e',
    streetLine: '#e2e8f0',
    text: '#f8fafc',
    halo: '#070d1a',
    selected: '#ffffff',
    building: '#94a3b8',
    levels: {
      LARGE: { line: '#fbbf24', lineWidth: 3.5, fillOpacity: 0.1, textSize: 26 },
      MEDIUM: { line: '#38bdf8', lineWidth: 2.5, fillOpacity: 0.1, textSize: 21 },
      SMALL: { line: '#a3e635', lineWidth: 1.5, fillOpacity: 0.12, textSize: 17 },
    },
  },
  light: {
    background: '#f1f5f9',
    basemap: {
      water: '#cde3f5',
      green: '#e1efd8',
      roads: { MAIN: '#cbd5e1', SECONDARY: '#d9e0e8', MINOR: '#e4e9ef', PATH: '#cfd8e3' },
      label: '#64748b',
    },
    streetFill: '#ffffff',
    streetLine: '#0f172a',
    text: '#0f172a',
    halo: '#ffffff',
    selected: '#dc2626',
    building: '#64748b',
    levels: {
      LARGE: { line: '#b45309', lineWidth: 2.5, fillOpacity: 0.08, textSize: 18 },
      MEDIUM: { line: '#0369a1', lineWidth: 1.75, fillOpacity: 0.08, textSize: 15 },
      SMALL: { line: '#4d7c0f', lineWidth: 1, fillOpacity: 0.1, textSize: 13 },
    },
  },
};

/** Layer id of the building footprints. */
export const BUILDING_FILL_LAYER = 'buildings-fill';

/**
 * Small-grid labels start this many zoom levels after their outlines, and keep a wider gap to
 * other labels: at street zoom the wall shows fewer, readable small-grid names.
 */
export const SMALL_LABEL_ZOOM_DELAY = 1;
const SMALL_LABEL_PADDING = 24;

/** The colours the legend explains (the same palette the layers are drawn with). */
export function legendPalette(theme: MapTheme): { levels: Record<GridLevel, string>; building: string; selected: string; street: string } {
  const p = PALETTES[theme];
  return {
    levels: { LARGE: p.levels.LARGE.line, MEDIUM: p.levels.MEDIUM.line, SMALL: p.levels.SMALL.line },
    building: p.building,
    selected: p.selected,
    street: p.streetLine,
  };
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

function kindIs(kind: FeatureKind): FilterSpecification {
  return ['==', ['get', 'kind'], kind];
}

/** A grid tile feature's property, by its name in the tile contract. */
function gridProperty(name: keyof GridTileProperties): ExpressionSpecification {
  return ['get', name];
}

function levelIs(level: GridLevel): FilterSpecification {
  return ['==', gridProperty('level'), level];
}

function emptySource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' };
}

/**
 * A vector source on the app's own `/tiles/{layer}/{z}/{x}/{y}.mvt`. `origin` is the page's
 * origin (`location.origin`): MapLibre fetches tiles from its worker, so the URL is made
 * absolute — on the app's origin, never another.
 */
function tileSource(origin: string, layer: TileLayer, minzoom: number): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [`${origin}${tilePathTemplate(layer)}`],
    minzoom,
    maxzoom: TILE_SOURCE_MAXZOOM,
    // Grid and building ids are uuids: promoted from the `id` property for feature-state.
    promoteId: 'id',
  };
}

/** Layer id of one level's part, e.g. `grids-medium-fill`. */
export function gridLayerId(level: GridLevel, part: 'fill' | 'line' | 'label'): string {
  return `grids-${level.toLowerCase()}-${part}`;
}

/**
 * HOOK — colour by open-case load: the tiles carry `open_cases` per grid (0 until cases land);
 * fills get stronger as the count grows.
 */
function loadOpacity(base: number): ExpressionSpecification {
  return ['+', base, ['*', 0.04, ['min', 5, ['coalesce', gridProperty('open_cases'), 0]]]];
}

/** Layer ids of the offline base map, drawn first (beneath every grid layer): a layer control can toggle them together. */
export const BASEMAP_LAYER_IDS = ['basemap-water', 'basemap-green', 'basemap-roads', 'basemap-road-labels'] as const;
export type BasemapLayerId = (typeof BASEMAP_LAYER_IDS)[number];

const basemapKind = (): ExpressionSpecification => ['get', 'kind'];
function basemapKindIn(...kinds: BasemapKind[]): FilterSpecification {
  return ['match', basemapKind(), kinds, true, false];
}

/** Road widths in pixels by class at zooms 12, 14, 16 and 18 (roads widen as the map zooms in). */
const ROAD_WIDTHS: Record<'MAIN' | 'SECONDARY' | 'MINOR' | 'PATH', [number, number, number, number]> = {
  MAIN: [1, 3, 8, 18],
  SECONDARY: [0.5, 1.5, 5, 11],
  MINOR: [0.3, 0.8, 2.5, 6],
  PATH: [0.3, 0.5, 1.2, 2],
};

function roadWidth(): ExpressionSpecification {
  const at = (i: number): ExpressionSpecification => [
    'match',
    basemapKind(),
    'MAIN',
    ROAD_WIDTHS.MAIN[i],
    'SECONDARY',
    ROAD_WIDTHS.SECONDARY[i],
    'MINOR',
    ROAD_WIDTHS.MINOR[i],
    ROAD_WIDTHS.PATH[i],
  ];
  return ['interpolate', ['exponential', 1.6], ['zoom'], 12, at(0), 14, at(1), 16, at(2), 18, at(3)];
}

/**
 * The base map's layers (see {@link BASEMAP_LAYER_IDS}): water and green areas, roads by class
 * (main roads on top, widths by zoom) and road names along the lines from z14. Labels are drawn
 * with the same local fonts as the grids' (no glyphs URL), so they work on a closed network.
 */
function basemapLayers(palette: Palette): LayerSpecification[] {
  const paint = palette.basemap;
  const common = { source: BASEMAP_SOURCE, 'source-layer': BASEMAP_LAYER } as const;
  return [
    {
      id: 'basemap-water',
      type: 'fill',
      ...common,
      minzoom: BASEMAP_KIND_MINZOOM.WATER,
      filter: basemapKindIn('WATER'),
      paint: { 'fill-color': paint.water },
    },
    {
      id: 'basemap-green',
      type: 'fill',
      ...common,
      minzoom: BASEMAP_KIND_MINZOOM.GREEN,
      filter: basemapKindIn('GREEN'),
      paint: { 'fill-color': paint.green },
    },
    {
      id: 'basemap-roads',
      type: 'line',
      ...common,
      minzoom: BASEMAP_KIND_MINZOOM.MAIN,
      filter: basemapKindIn('MAIN', 'SECONDARY', 'MINOR', 'PATH'),
      layout: {
        'line-join': 'round',
        'line-cap': 'round',
        'line-sort-key': ['match', basemapKind(), 'MAIN', 3, 'SECONDARY', 2, 'MINOR', 1, 0],
      },
      paint: {
        'line-color': [
          'match',
          basemapKind(),
          'MAIN',
          paint.roads.MAIN,
          'SECONDARY',
          paint.roads.SECONDARY,
          'MINOR',
          paint.roads.MINOR,
          paint.roads.PATH,
        ],
        'line-width': roadWidth(),
      },
    },
    {
      id: 'basemap-road-labels',
      type: 'symbol',
      ...common,
      minzoom: 14,
      filter: ['all', ['match', basemapKind(), ['MAIN', 'SECONDARY'], true, false], ['to-boolean', ['coalesce', ['get', 'name'], '']]],
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 17, 14],
        'text-letter-spacing': 0.1,
        'symbol-spacing': 400,
        'text-padding': 8,
      },
      paint: { 'text-color': paint.label, 'text-halo-color': palette.halo, 'text-halo-width': 1.5 },
    },
  ];
}

/**
 * The map style: the street's own layers are the base map, so the style references
 * nothing outside the app's origin — no glyphs, no sprite; grids and buildings are vector
 * tiles from the app's own `/tiles` (`origin` = `location.origin`). The street outline is a
 * GeoJSON source the app fills with `setData`.
 *
 * Draw order: the offline base map (water, green, roads, road names) first, beneath everything
 * but the street's fill; then fills from large to small, outlines from small to large (so community
 * boundaries stay on top), then labels with the large grids' names winning collisions.
 */
export function buildGridStyle(theme: MapTheme, origin: string): StyleSpecification {
  const palette = PALETTES[theme];
  const fills: LayerSpecification[] = gridLevels.map((level) => ({
    id: gridLayerId(level, 'fill'),
    type: 'fill',
    source: GRID_SOURCE,
    'source-layer': GRID_TILE_LAYER,
    minzoom: GRID_LEVEL_MINZOOM[level],
    filter: levelIs(level),
    paint: {
      'fill-color': palette.levels[level].line,
      'fill-opacity': ['case', selected, 0.2, loadOpacity(palette.levels[level].fillOpacity)],
    },
  }));
  const lines: LayerSpecification[] = [...gridLevels].reverse().map((level) => ({
    id: gridLayerId(level, 'line'),
    type: 'line',
    source: GRID_SOURCE,
    'source-layer': GRID_TILE_LAYER,
    minzoom: GRID_LEVEL_MINZOOM[level],
    filter: levelIs(level),
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': ['case', selected, palette.selected, palette.levels[level].line],
      'line-width': ['case', selected, palette.levels[level].lineWidth * 2, palette.levels[level].lineWidth],
    },
  }));
  const labels: LayerSpecification[] = [...gridLevels].reverse().map((level) => ({
    id: gridLayerId(level, 'label'),
    type: 'symbol',
    source: GRID_SOURCE,
    'source-layer': GRID_LABEL_LAYER,
    minzoom: GRID_LEVEL_MINZOOM[level] + (level === 'SMALL' ? SMALL_LABEL_ZOOM_DELAY : 0),
    filter: levelIs(level),
    layout: {
      'text-field': gridProperty('name'),
      'text-font': LABEL_FONT,
      'text-size': palette.levels[level].textSize,
      'text-max-width': 8,
      'text-padding': level === 'SMALL' ? SMALL_LABEL_PADDING : 4,
    },
    paint: {
      'text-color': palette.text,
      'text-halo-color': palette.halo,
      'text-halo-width': 2,
    },
  }));

  return {
    version: 8,
    name: `streetgrid-${theme}`,
    sources: {
      [STREET_SOURCE]: emptySource(),
      [GRID_SOURCE]: tileSource(origin, 'grids', GRID_LEVEL_MINZOOM.LARGE),
      [BUILDING_SOURCE]: tileSource(origin, 'buildings', BUILDINGS_MINZOOM),
      [BASEMAP_SOURCE]: tileSource(origin, 'basemap', Math.min(...Object.values(BASEMAP_KIND_MINZOOM))),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': palette.background } },
      {
        id: 'street-fill',
        type: 'fill',
        source: STREET_SOURCE,
        filter: kindIs('area'),
        paint: { 'fill-color': palette.streetFill },
      },
      ...basemapLayers(palette),
      ...fills,
      {
        id: BUILDING_FILL_LAYER,
        type: 'fill',
        source: BUILDING_SOURCE,
        'source-layer': BUILDING_LAYER,
        minzoom: BUILDINGS_MINZOOM,
        paint: { 'fill-color': palette.building, 'fill-opacity': 0.45, 'fill-outline-color': palette.building },
      },
      ...lines,
      {
        id: 'street-line',
        type: 'line',
        source: STREET_SOURCE,
        filter: kindIs('area'),
        layout: { 'line-join': 'round' },
        paint: { 'line-color': palette.streetLine, 'line-width': 4 },
      },
      ...labels,
    ],
  };
}
