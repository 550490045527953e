import * as geo from './index';

describe('@streetgrid/geo entry', () => {
  it('re-exports one function from every module', () => {
    const names = ['makeLngLat', 'parsePolygonal', 'parseCrs', 'tileBBox', 'bboxOf', 'areaM2', 'findOverlaps', 'makeGridCode'] as const;
    for (const name of names) expect(typeof geo[name]).toBe('function');
    expect(new geo.GeoInputError('EMPTY', 'x')).toBeInstanceOf(Error);
  });
});
