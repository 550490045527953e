import { makeBBox, makeLngLat, makeTileCoord } from './types';
import {
  lngLatToTile,
  parseTilePath,
  simplifyToleranceDegrees,
  simplifyToleranceMeters,
  tileBBox,
  tileEnvelope3857,
  tilesCovering,
  WEB_MERCATOR_EXTENT,
} from './tiles';

const HALF = 20037508.342789244;
const MAX_LAT = 85.0511287798066;

describe('tileEnvelope3857', () => {
  it('z0 is the whole square world', () => {
    expect(WEB_MERCATOR_EXTENT / 2).toBeCloseTo(HALF, 6);
    const env = tileEnvelope3857(makeTileCoord(0, 0, 0));
    expect(env.minX).toBeCloseTo(-HALF, 6);
    expect(env.minY).toBeCloseTo(-HALF, 6);
    expect(env.maxX).toBeCloseTo(HALF, 6);
    expect(env.maxY).toBeCloseTo(HALF, 6);
  });

  it('z1 tile 1/1/0 is the north-east quarter', () => {
    const env = tileEnvelope3857(makeTileCoord(1, 1, 0));
    expect(env.minX).toBeCloseTo(0, 6);
    expect(env.minY).toBeCloseTo(0, 6);
    expect(env.maxX).toBeCloseTo(HALF, 6);
    expect(env.maxY).toBeCloseTo(HALF, 6);
  });
});

describe('tileBBox', () => {
  it('z0 covers the world up to web mercator latitude', () => {
    const [west, south, east, north] = tileBBox(makeTileCoord(0, 0, 0));
    expect(west).toBeCloseTo(-180, 9);
    expect(south).toBeCloseTo(-MAX_LAT, 9);
    expect(east).toBeCloseTo(180, 9);
    expect(north).toBeCloseTo(MAX_LAT, 9);
  });

  it('gives the Hangzhou tile 14/13660/6744', () => {
    const [west, south, east, north] = tileBBox(makeTileCoord(14, 13660, 6744));
    expect(west).toBeCloseTo(120.146484375, 9);
    expect(south).toBeCloseTo(30.27804437780014, 9);
    expect(east).toBeCloseTo(120.16845703125, 9);
    expect(north).toBeCloseTo(30.29701788337204, 9);
  });
});

describe('lngLatToTile', () => {
  it('finds the tile of (120.15, 30.28) in Hangzhou at z14', () => {
    expect(lngLatToTile(makeLngLat(120.15, 30.28), 14)).toEqual({ z: 14, x: 13660, y: 6744 });
  });

  it('puts everything in 0/0/0 at z0', () => {
    expect(lngLatToTile(makeLngLat(120.15, 30.28), 0)).toEqual({ z: 0, x: 0, y: 0 });
  });

  it('clamps the antimeridian and the poles into the edge tiles', () => {
    expect(lngLatToTile(makeLngLat(180, 90), 3)).toEqual({ z: 3, x: 7, y: 0 });
    expect(lngLatToTile(makeLngLat(-180, -90), 3)).toEqual({ z: 3, x: 0, y: 7 });
  });

  it('rejects a bad zoom', () => {
    expect(() => lngLatToTile(makeLngLat(0, 0), 25)).toThrow(expect.objectContaining({ reason: 'OUT_OF_BOUNDS' }));
  });
});

describe('tilesCovering', () => {
  it('z0 covers the world with one tile', () => {
    expect(tilesCovering(makeBBox(-180, -90, 180, 90), 0)).toEqual([{ z: 0, x: 0, y: 0 }]);
  });

  it('z1 covers the world with four tiles, north-west first', () => {
    expect(tilesCovering(makeBBox(-180, -90, 180, 90), 1)).toEqual([
      { z: 1, x: 0, y: 0 },
      { z: 1, x: 1, y: 0 },
      { z: 1, x: 0, y: 1 },
      { z: 1, x: 1, y: 1 },
    ]);
  });

  it('does not pull in a neighbour across an edge the box only touches', () => {
    expect(tilesCovering(makeBBox(0, 0, 180, 80), 1)).toEqual([{ z: 1, x: 1, y: 0 }]);
    expect(tilesCovering(makeBBox(-180, 10, 0, 80), 1)).toEqual([{ z: 1, x: 0, y: 0 }]);
    expect(tilesCovering(tileBBox(makeTileCoord(14, 13660, 6744)), 14)).toEqual([{ z: 14, x: 13660, y: 6744 }]);
  });

  it('covers a street-sized box in Hangzhou with the tiles around it', () => {
    const tiles = tilesCovering(makeBBox(120.14, 30.27, 120.17, 30.3), 14);
    expect(tiles.map((t) => `${t.x}/${t.y}`)).toEqual([
      '13659/6743',
      '13660/6743',
      '13661/6743',
      '13659/6744',
      '13660/6744',
      '13661/6744',
      '13659/6745',
      '13660/6745',
      '13661/6745',
    ]);
  });

  it('covers a degenerate point box with its one tile', () => {
    expect(tilesCovering(makeBBox(120.15, 30.28, 120.15, 30.28), 14)).toEqual([{ z: 14, x: 13660, y: 6744 }]);
  });

  it('refuses covers larger than the cap', () => {
    const world = makeBBox(-180, -90, 180, 90);
    expect(() => tilesCovering(world, 3, 63)).toThrow(expect.objectContaining({ reason: 'TOO_MANY_TILES' }));
    expect(tilesCovering(world, 3, 64)).toHaveLength(64);
    expect(() => tilesCovering(world, 20)).toThrow(expect.objectContaining({ reason: 'TOO_MANY_TILES' }));
  });
});

describe('parseTilePath', () => {
  it('reads decimal segments', () => {
    expect(parseTilePath('14', '13660', '6744')).toEqual({ z: 14, x: 13660, y: 6744 });
  });

  it.each([
    ['14', '13660', '6744.mvt', 'NOT_NUMBER', 'y'],
    ['14', '-1', '0', 'NOT_NUMBER', 'x'],
    ['1e1', '0', '0', 'NOT_NUMBER', 'z'],
    ['', '0', '0', 'NOT_NUMBER', 'z'],
    ['2', '4', '0', 'OUT_OF_BOUNDS', 'x'],
    ['25', '0', '0', 'OUT_OF_BOUNDS', 'z'],
  ])('rejects %s/%s/%s with %s at %s', (z, x, y, reason, path) => {
    expect(() => parseTilePath(z, x, y)).toThrow(expect.objectContaining({ reason, path }));
  });
});

describe('simplification tolerance', () => {
  it('is half a 256 px pixel in mercator metres', () => {
    expect(simplifyToleranceMeters(0)).toBeCloseTo(78271.517, 3);
    expect(simplifyToleranceMeters(14)).toBeCloseTo(4.777, 3);
    expect(simplifyToleranceMeters(15)).toBeCloseTo(simplifyToleranceMeters(14) / 2, 9);
  });

  it('is half a pixel of latitude in degrees, shrinking with cos(lat)', () => {
    expect(simplifyToleranceDegrees(0, 0)).toBeCloseTo(180 / 256, 12);
    expect(simplifyToleranceDegrees(14, 60)).toBeCloseTo(180 / 256 / 16384 / 2, 12);
    expect(simplifyToleranceDegrees(14, 30.28)).toBeCloseTo(3.70605e-5, 9);
  });
});
