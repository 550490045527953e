import {
  childLevel,
  GRID_LEVELS,
  makeBBox,
  makeLat,
  makeLng,
  makeLngLat,
  makeMeters,
  makeTileCoord,
  parentLevel,
  parseGridLevel,
} from './types';

describe('makeLng / makeLat', () => {
  it('accepts the closed ranges', () => {
    expect(makeLng(-180)).toBe(-180);
    expect(makeLng(180)).toBe(180);
    expect(makeLat(-90)).toBe(-90);
    expect(makeLat(90)).toBe(90);
  });

  it('rejects out-of-range values with the reason and path', () => {
    expect(() => makeLng(180.0001)).toThrow(expect.objectContaining({ reason: 'LNG_OUT_OF_RANGE' }));
    expect(() => makeLat(-90.5)).toThrow(expect.objectContaining({ reason: 'LAT_OUT_OF_RANGE' }));
    expect(() => makeLat(91, 'coordinates[0][1][1]')).toThrow(expect.objectContaining({ path: 'coordinates[0][1][1]' }));
  });

  it('hints at EPSG:3857 when a longitude looks like metres', () => {
    expect(() => makeLng(13375000)).toThrow(/EPSG:3857/);
  });

  it('rejects non-numbers, NaN and Infinity', () => {
    expect(() => makeLng('120')).toThrow(expect.objectContaining({ reason: 'NOT_NUMBER' }));
    expect(() => makeLng(Number.NaN)).toThrow(expect.objectContaining({ reason: 'NOT_NUMBER' }));
    expect(() => makeLat(Number.POSITIVE_INFINITY)).toThrow(expect.objectContaining({ reason: 'NOT_NUMBER' }));
    expect(() => makeLat(null)).toThrow(expect.objectContaining({ reason: 'NOT_NUMBER' }));
  });
});

describe('makeLngLat', () => {
  it('returns [lng, lat]', () => {
    expect(makeLngLat(120.15, 30.28)).toEqual([120.15, 30.28]);
  });

  it('names the bad half', () => {
    expect(() => makeLngLat(30.28, 120.15)).toThrow(expect.objectContaining({ reason: 'LAT_OUT_OF_RANGE', path: 'lat' }));
  });
});

describe('makeBBox', () => {
  it('accepts a box and a degenerate point box', () => {
    expect(makeBBox(120.1, 30.2, 120.2, 30.3)).toEqual([120.1, 30.2, 120.2, 30.3]);
    expect(makeBBox(120.1, 30.2, 120.1, 30.2)).toEqual([120.1, 30.2, 120.1, 30.2]);
  });

  it('rejects inverted and out-of-range boxes', () => {
    expect(() => makeBBox(120.2, 30.2, 120.1, 30.3)).toThrow(expect.objectContaining({ reason: 'INVERTED_BBOX' }));
    expect(() => makeBBox(120.1, 30.3, 120.2, 30.2)).toThrow(expect.objectContaining({ reason: 'INVERTED_BBOX' }));
    expect(() => makeBBox(-181, 0, 0, 1)).toThrow(expect.objectContaining({ reason: 'LNG_OUT_OF_RANGE' }));
    expect(() => makeBBox(0, 0, 1, 90.1)).toThrow(expect.objectContaining({ reason: 'LAT_OUT_OF_RANGE' }));
  });
});

describe('makeTileCoord', () => {
  it('accepts the corners of the tile pyramid', () => {
    expect(makeTileCoord(0, 0, 0)).toEqual({ z: 0, x: 0, y: 0 });
    expect(makeTileCoord(24, 2 ** 24 - 1, 2 ** 24 - 1)).toEqual({ z: 24, x: 16777215, y: 16777215 });
  });

  it('rejects tiles outside the pyramid', () => {
    expect(() => makeTileCoord(0, 1, 0)).toThrow(expect.objectContaining({ reason: 'OUT_OF_BOUNDS' }));
    expect(() => makeTileCoord(2, 0, 4)).toThrow(expect.objectContaining({ reason: 'OUT_OF_BOUNDS' }));
    expect(() => makeTileCoord(25, 0, 0)).toThrow(expect.objectContaining({ reason: 'OUT_OF_BOUNDS' }));
    expect(() => makeTileCoord(-1, 0, 0)).toThrow(expect.objectContaining({ reason: 'OUT_OF_BOUNDS' }));
    expect(() => makeTileCoord(3, 1.5, 0)).toThrow(expect.objectContaining({ reason: 'NOT_NUMBER' }));
  });
});

describe('makeMeters', () => {
  it('accepts zero and positive lengths, rejects negative ones', () => {
    expect(makeMeters(0)).toBe(0);
    expect(makeMeters(12.5)).toBe(12.5);
    expect(() => makeMeters(-1)).toThrow(expect.objectContaining({ reason: 'OUT_OF_BOUNDS' }));
  });
});

describe('grid levels', () => {
  it('orders SMALL → MEDIUM → LARGE', () => {
    expect(GRID_LEVELS).toEqual(['SMALL', 'MEDIUM', 'LARGE']);
  });

  it('walks up and down the hierarchy', () => {
    expect(parentLevel('SMALL')).toBe('MEDIUM');
    expect(parentLevel('MEDIUM')).toBe('LARGE');
    expect(parentLevel('LARGE')).toBeNull();
    expect(childLevel('LARGE')).toBe('MEDIUM');
    expect(childLevel('MEDIUM')).toBe('SMALL');
    expect(childLevel('SMALL')).toBeNull();
  });

  it('parses level names strictly', () => {
    expect(parseGridLevel('MEDIUM')).toBe('MEDIUM');
    expect(() => parseGridLevel('medium')).toThrow(expect.objectContaining({ reason: 'UNKNOWN_GRID_LEVEL' }));
    expect(() => parseGridLevel(undefined)).toThrow(expect.objectContaining({ reason: 'UNKNOWN_GRID_LEVEL' }));
  });
});
