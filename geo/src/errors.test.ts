import { GeoInputError } from './errors';
import { makeLngLat } from './types';

describe('GeoInputError', () => {
  it('carries reason, location and path and is an Error', () => {
    const error = new GeoInputError('RING_NOT_CLOSED', 'ring is not closed', {
      location: makeLngLat(120.15, 30.28),
      path: 'coordinates[0]',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(GeoInputError);
    expect(error.name).toBe('GeoInputError');
    expect(error.message).toBe('ring is not closed');
    expect(error.reason).toBe('RING_NOT_CLOSED');
    expect(error.location).toEqual([120.15, 30.28]);
    expect(error.path).toBe('coordinates[0]');
  });

  it('leaves location and path undefined when not given', () => {
    const error = new GeoInputError('EMPTY', 'no polygon');
    expect(error.location).toBeUndefined();
    expect(error.path).toBeUndefined();
  });
});
