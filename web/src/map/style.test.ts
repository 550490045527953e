import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from 'maplibre-gl';
import { BUILDINGS_MINZOOM, GRID_LEVEL_MINZOOM as LEVEL_MINZOOM } from '@streetgrid/geo';
import { BASEMAP_LAYER_IDS, buildGridStyle, SMALL_LABEL_ZOOM_DELAY, type MapTheme } from './style';

const ORIGIN = 'http://wall.example:4000';

const themes: MapTheme[] = ['dark', 'light'];

function layer(id: string, theme: MapTheme = 'dark'): LayerSpecification {
  const found = buildGridStyle(theme, ORIGIN).layers.find((l) => l.id === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found;
}

function minzoom(id: string): number {
  return layer(id).minzoom ?? 0;
}

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

describe.each(themes)('buildGridStyle(%s)', (theme) => {
  const style = buildGridStyle(theme, ORIGIN);

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('has the street as GeoJSON and grids and buildings as vector tiles from the app origin', () => {
    expect(Object.keys(style.sources).sort()).toEqual(['basemap', 'buildings', 'grids', 'street']);
    expect(style.sources.basemap).toMatchObject({ type: 'vector', tiles: [`${ORIGIN}/tiles/basemap/{z}/{x}/{y}.mvt`], minzoom: 10 });
    expect(style.sources.street.type).toBe('geojson');
    expect(style.sources.grids).toMatchObject({ type: 'vector', tiles: [`${ORIGIN}/tiles/grids/{z}/{x}/{y}.mvt`], promoteId: 'id' });
    expect(style.sources.buildings).toMatchObject({
      type: 'vector',
      tiles: [`${ORIGIN}/tiles/buildings/{z}/{x}/{y}.mvt`],
      promoteId: 'id',
    });
  });

  it('has a background, the street, buildings, and fill, line and label layers per level', () => {
    expect(style.layers.map((l) => l.id)).toEqual([
      'background',
      'street-fill',
      'basemap-water',
      'basemap-green',
      'basemap-roads',
      'basemap-road-labels',
      'grids-large-fill',
      'grids-medium-fill',
      'grids-small-fill',
      'buildings-fill',
      'grids-small-line',
      'grids-medium-line',
      'grids-large-line',
      'street-line',
      'grids-small-label',
      'grids-medium-label',
      'grids-large-label',
    ]);
  });

  it('draws each level from the grid tiles filtered by level', () => {
    for (const l of style.layers) {
      if (l.type === 'background') continue;
      expect(Object.keys(style.sources)).toContain(l.source);
      const level = /^grids-(large|medium|small)-(fill|line|label)/.exec(l.id);
      if (!level) continue;
      expect(l.source).toBe('grids');
      expect('source-layer' in l && l['source-layer']).toBe(level[2] === 'label' ? 'grid_labels' : 'grids');
      expect(l.filter).toEqual(['==', ['get', 'level'], level[1].toUpperCase()]);
    }
  });

  it('labels grids by name from their label points only', () => {
    for (const id of ['grids-large-label', 'grids-medium-label', 'grids-small-label']) {
      const l = layer(id, theme);
      expect(l.type).toBe('symbol');
      if (l.type !== 'symbol') continue;
      expect(l.layout?.['text-field']).toEqual(['get', 'name']);
      expect(l['source-layer']).toBe('grid_labels');
    }
  });

  it('references nothing outside the app origin: no glyphs, no sprite, tiles only from the origin', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const urls = allStrings(style).filter((s) => /^[a-z][a-z\d+.-]*:/i.test(s) || s.startsWith('//'));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(`${ORIGIN}/tiles/`)).toBe(true);
    for (const source of Object.values(style.sources)) expect(source).not.toHaveProperty('url');
  });
});

describe('the offline base map', () => {
  it('draws water, green, roads and road names from the basemap tiles, beneath every grid layer', () => {
    const style = buildGridStyle('dark', ORIGIN);
    const ids = style.layers.map((l) => l.id);
    for (const id of BASEMAP_LAYER_IDS) {
      const l = layer(id);
      expect('source' in l && l.source).toBe('basemap');
      expect('source-layer' in l && l['source-layer']).toBe('basemap');
      expect(ids.indexOf(id)).toBeLessThan(ids.indexOf('grids-large-fill'));
    }
    expect(layer('basemap-water').type).toBe('fill');
    expect(layer('basemap-roads').type).toBe('line');
  });

  it('widens roads with the zoom and names them along the line with the local fonts', () => {
    const roads = layer('basemap-roads');
    if (roads.type !== 'line') throw new Error('roads are a line layer');
    expect(roads.paint?.['line-width']).toEqual(expect.arrayContaining(['interpolate', ['zoom']]));
    const labels = layer('basemap-road-labels');
    if (labels.type !== 'symbol') throw new Error('road names are a symbol layer');
    expect(labels.layout?.['symbol-placement']).toBe('line');
    const gridLabels = layer('grids-large-label');
    if (gridLabels.type !== 'symbol') throw new Error('grid names are a symbol layer');
    expect(labels.layout?.['text-font']).toEqual(gridLabels.layout?.['text-font']);
  });
});

describe('zoom-dependent visibility', () => {
  it('shows large grids from z10, then medium, then small and buildings as the map zooms in', () => {
    expect(minzoom('grids-large-fill')).toBe(10);
    expect(minzoom('buildings-fill')).toBe(BUILDINGS_MINZOOM);
    expect(minzoom('grids-large-fill')).toBeLessThan(minzoom('grids-medium-fill'));
    expect(minzoom('grids-medium-fill')).toBeLessThan(minzoom('grids-small-fill'));
    expect(LEVEL_MINZOOM).toEqual({ LARGE: 10, MEDIUM: 13, SMALL: 15 });
  });

  it("gives a level's fill, outline and label the same minzoom, small-grid labels a level later", () => {
    for (const level of ['large', 'medium']) {
      const zooms = ['fill', 'line', 'label'].map((part) => minzoom(`grids-${level}-${part}`));
      expect(new Set(zooms).size).toBe(1);
    }
    expect(minzoom('grids-small-line')).toBe(minzoom('grids-small-fill'));
    expect(minzoom('grids-small-label')).toBe(minzoom('grids-small-fill') + SMALL_LABEL_ZOOM_DELAY);
  });

  it('keeps a wider gap around small-grid labels (fewer of them at street zoom)', () => {
    const small = layer('grids-small-label');
    const large = layer('grids-large-label');
    if (small.type !== 'symbol' || large.type !== 'symbol') throw new Error('labels are symbol layers');
    expect(small.layout?.['text-padding']).toBeGreaterThan(large.layout?.['text-padding'] as number);
  });
});

describe('themes', () => {
  it('sets the dark wall-screen labels larger than the light ones', () => {
    for (const id of ['grids-large-label', 'grids-medium-label', 'grids-small-label']) {
      const dark = layer(id, 'dark');
      const light = layer(id, 'light');
      if (dark.type !== 'symbol' || light.type !== 'symbol') throw new Error('labels are symbol layers');
      expect(dark.layout?.['text-size']).toBeGreaterThan(light.layout?.['text-size'] as number);
    }
  });

  it('uses a dark background for the wall screen', () => {
    const dark = layer('background', 'dark');
    if (dark.type !== 'background') throw new Error('background');
    expect(dark.paint?.['background-color']).toMatch(/^#0/);
  });
});
