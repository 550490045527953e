import { sparkPath } from './sparkline';

describe('sparkPath', () => {
  it('scales from the minimum (bottom) to the maximum (top), oldest left', () => {
    expect(sparkPath([0, 5, 10], 20, 10)).toBe('M0,10L10,5L20,0');
  });

  it('breaks the line at an unknown week and draws a flat series midway', () => {
    expect(sparkPath([1, null, 3, 2], 30, 10)).toBe('M0,10M20,0L30,5');
    expect(sparkPath([4, 4], 10, 10)).toBe('M0,5L10,5');
  });

  it('draws nothing when nothing is known', () => {
    expect(sparkPath([null, null], 10, 10)).toBe('');
    expect(sparkPath([], 10, 10)).toBe('');
  });
});
