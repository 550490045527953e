import type { GridShape, StreetShape } from '../../graphql/types';
import { gridsToFeatureCollection, streetsBBox, streetsToFeatureCollection } from './featureCollections';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [116.39, 39.9],
      [116.4, 39.9],
      [116.4, 39.91],
      [116.39, 39.91],
      [116.39, 39.9],
    ],
  ],
};

function grid(overrides: Partial<GridShape> = {}): GridShape {
  return {
    id: 'g1',
    code: 'DF-01',
    name: '东风社区',
    level: 'LARGE',
    parentId: null,
    geometry: square,
    labelPoint: { type: 'Point', coordinates: [116.395, 39.905] },
    ...overrides,
  };
}

function street(overrides: Partial<StreetShape> = {}): StreetShape {
  return { id: 's1', code: 'ST-01', name: '和平街道', geometry: square, bbox: [116.39, 39.9, 116.4, 39.91], ...overrides };
}

describe('gridsToFeatureCollection', () => {
  it('gives each grid an area feature and a label feature with its identity', () => {
    const fc = gridsToFeatureCollection([grid({ id: 'm1', level: 'MEDIUM', parentId: 'g1', name: '阳光小区' })]);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toEqual([
      {
        type: 'Feature',
        geometry: square,
        properties: { id: 'm1', code: 'DF-01', name: '阳光小区', level: 'MEDIUM', parentId: 'g1', kind: 'area' },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [116.395, 39.905] },
        properties: { id: 'm1', code: 'DF-01', name: '阳光小区', level: 'MEDIUM', parentId: 'g1', kind: 'label' },
      },
    ]);
  });

  it('keeps the order of the grids', () => {
    const fc = gridsToFeatureCollection([grid({ id: 'a' }), grid({ id: 'b' })]);
    expect(fc.features.map((f) => `${f.properties.id}:${f.properties.kind}`)).toEqual(['a:area', 'a:label', 'b:area', 'b:label']);
  });

  it('draws a multipolygon grid', () => {
    const multi = { type: 'MultiPolygon' as const, coordinates: [square.coordinates] };
    const fc = gridsToFeatureCollection([grid({ geometry: multi })]);
    expect(fc.features[0].geometry).toEqual(multi);
  });

  it('skips an area that is not a polygon but keeps the label', () => {
    const fc = gridsToFeatureCollection([grid({ geometry: { type: 'Point', coordinates: [116.39, 39.9] } })]);
    expect(fc.features.map((f) => f.properties.kind)).toEqual(['label']);
  });

  it('skips a label point that is not a point', () => {
    const fc = gridsToFeatureCollection([grid({ labelPoint: square })]);
    expect(fc.features.map((f) => f.properties.kind)).toEqual(['area']);
  });

  it('turns no grids into an empty collection', () => {
    expect(gridsToFeatureCollection([])).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('streetsToFeatureCollection', () => {
  it('gives each street an area feature', () => {
    expect(streetsToFeatureCollection([street()]).features).toEqual([
      { type: 'Feature', geometry: square, properties: { id: 's1', code: 'ST-01', name: '和平街道', kind: 'area' } },
    ]);
  });
});

describe('streetsBBox', () => {
  it("is the street's bbox for one street", () => {
    expect(streetsBBox([street()])).toEqual([116.39, 39.9, 116.4, 39.91]);
  });

  it('covers every street', () => {
    const other = street({ id: 's2', bbox: [116.35, 39.92, 116.38, 39.95] });
    expect(streetsBBox([street(), other])).toEqual([116.35, 39.9, 116.4, 39.95]);
  });

  it('ignores malformed boxes and is null without any', () => {
    expect(streetsBBox([street({ bbox: [1, 2, 3] }), street({ bbox: [10, 5, 0, 6] })])).toBeNull();
    expect(streetsBBox([])).toBeNull();
  });
});
