import { basemapKindsAt } from './basemap';
import { BUILDINGS_MINZOOM, gridLevelsAt, isTileLayer, MVT_LAYERS, tilePathTemplate } from './tiles-contract';

describe('tile contract', () => {
  it('puts each grid level into tiles from its zoom band on', () => {
    expect(gridLevelsAt(9)).toEqual([]);
    expect(gridLevelsAt(10)).toEqual(['LARGE']);
    expect(gridLevelsAt(14)).toEqual(['LARGE', 'MEDIUM']);
    expect(gridLevelsAt(15)).toEqual(['LARGE', 'MEDIUM', 'SMALL']);
    expect(BUILDINGS_MINZOOM).toBe(15);
  });

  it('names the tile layers, their URLs and the MVT layers inside', () => {
    expect(isTileLayer('grids')).toBe(true);
    expect(isTileLayer('cases')).toBe(false);
    expect(tilePathTemplate('buildings')).toBe('/tiles/buildings/{z}/{x}/{y}.mvt');
    expect(MVT_LAYERS).toEqual({ grids: ['grids', 'grid_labels'], buildings: ['buildings'], basemap: ['basemap'] });
  });

  it('draws only main roads and the areas below z14, footpaths only close up', () => {
    expect(basemapKindsAt(9)).toEqual([]);
    expect(basemapKindsAt(13)).toEqual(['WATER', 'GREEN', 'MAIN']);
    expect(basemapKindsAt(14)).toEqual(['WATER', 'GREEN', 'MAIN', 'SECONDARY']);
    expect(basemapKindsAt(16)).toEqual(['WATER', 'GREEN', 'MAIN', 'SECONDARY', 'MINOR', 'PATH']);
  });
});
