import { nextTourIndex } from './tour';

describe('tour', () => {
  it('starts at the first community and goes round', () => {
    expect(nextTourIndex(null, 3)).toBe(0);
    expect(nextTourIndex(0, 3)).toBe(1);
    expect(nextTourIndex(2, 3)).toBe(0);
    expect(nextTourIndex(null, 0)).toBeNull();
  });
});
