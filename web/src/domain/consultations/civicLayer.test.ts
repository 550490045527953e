import { civicLayers, civicPoints, CIVIC_COLOURS } from './civicLayer';

describe('the civic layer (议事协商 and 民生实事 on the map)', () => {
  it('draws consultations by topic and projects by title, at the point the API gives', () => {
    const points = civicPoints(
      [{ id: 'c1', lng: 120.1, lat: 30.25, topic: '充电桩议事' }],
      [{ id: 'p1', lng: 120.11, lat: 30.26, title: '充电桩建设' }],
    );
    expect(points.features.map((f) => [f.properties.kind, f.properties.name, f.geometry.coordinates])).toEqual([
      ['CONSULTATION', '充电桩议事', [120.1, 30.25]],
      ['PROJECT', '充电桩建设', [120.11, 30.26]],
    ]);
  });

  it('has one hidden circle layer per kind, in the legend’s colours', () => {
    const layers = civicLayers();
    expect(layers.map((l) => [l.filter, l.layout?.visibility, l.paint?.['circle-color']])).toEqual([
      [['==', ['get', 'kind'], 'CONSULTATION'], 'none', CIVIC_COLOURS.CONSULTATION],
      [['==', ['get', 'kind'], 'PROJECT'], 'none', CIVIC_COLOURS.PROJECT],
    ]);
  });
});
