import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from 'maplibre-gl';
import { buildGridStyle, LEVEL_MINZOOM, type MapTheme } from './style';

const themes: MapTheme[] = ['dark', 'light'];

function layer(id: string, theme: MapTheme = 'dark'): LayerSpecification {
  const found = buildGridStyle(theme).layers.find((l) => l.id === id);
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
  const style = buildGridStyle(theme);

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('has the street and one GeoJSON source per grid level', () => {
    expect(Object.keys(style.sources).sort()).toEqual(['grids-large', 'grids-medium', 'grids-small', 'street']);
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
  });

  it('has a background, the street, and fill, line and label layers per level', () => {
    expect(style.layers.map((l) => l.id)).toEqual([
      'background',
      'street-fill',
      'grids-large-fill',
      'grids-medium-fill',
      'grids-small-fill',
      'grids-small-line',
      'grids-medium-line',
      'grids-large-line',
      'street-line',
      'grids-small-label',
      'grids-medium-label',
      'grids-large-label',
    ]);
  });

  it('draws every layer from a source the style declares, each level from its own', () => {
    for (const l of style.layers) {
      if (l.type === 'background') continue;
      expect(Object.keys(style.sources)).toContain(l.source);
      const level = /^grids-(large|medium|small)-/.exec(l.id)?.[1];
      expect(l.source).toBe(level ? `grids-${level}` : 'street');
    }
  });

  it('labels grids by name from their label points only', () => {
    for (const id of ['grids-large-label', 'grids-medium-label', 'grids-small-label']) {
      const l = layer(id, theme);
      expect(l.type).toBe('symbol');
      if (l.type !== 'symbol') continue;
      expect(l.layout?.['text-field']).toEqual(['get', 'name']);
      expect(l.filter).toEqual(['==', ['get', 'kind'], 'label']);
    }
  });

  it('references nothing outside the app origin: no glyphs, no sprite, no remote tiles', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const urls = allStrings(style).filter((s) => /^[a-z][a-z\d+.-]*:/i.test(s) || s.startsWith('//'));
    expect(urls).toEqual([]);
    for (const source of Object.values(style.sources)) {
      expect(source).not.toHaveProperty('url');
      expect(source).not.toHaveProperty('tiles');
    }
  });
});

describe('zoom-dependent visibility', () => {
  it('shows large grids at every zoom, then medium, then small as the map zooms in', () => {
    expect(minzoom('grids-large-fill')).toBe(0);
    expect(minzoom('grids-large-fill')).toBeLessThan(minzoom('grids-medium-fill'));
    expect(minzoom('grids-medium-fill')).toBeLessThan(minzoom('grids-small-fill'));
    expect(LEVEL_MINZOOM).toEqual({ LARGE: 0, MEDIUM: 14, SMALL: 16 });
  });

  it("gives a level's fill, outline and label the same minzoom", () => {
    for (const level of ['large', 'medium', 'small']) {
      const zooms = ['fill', 'line', 'label'].map((part) => minzoom(`grids-${level}-${part}`));
      expect(new Set(zooms).size).toBe(1);
    }
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
