/**
 * Machine-readable cause of a {@link GeoInputError}; the API maps it to `BAD_USER_INPUT`
 * and the web shows a message per reason.
 */
export type GeoInputReason =
  | 'WRONG_TYPE'
  | 'EMPTY'
  | 'NOT_NUMBER'
  | 'LNG_OUT_OF_RANGE'
  | 'LAT_OUT_OF_RANGE'
  | 'OUT_OF_BOUNDS'
  | 'RING_NOT_CLOSED'
  | 'TOO_FEW_POSITIONS'
  | 'TOO_MANY_VERTICES'
  | 'TOO_DEEP'
  | 'SELF_INTERSECTION'
  | 'CROSSES_ANTIMERIDIAN'
  | 'INVERTED_BBOX'
  | 'TOO_MANY_TILES'
  | 'UNKNOWN_CRS'
  | 'UNKNOWN_GRID_LEVEL'
  | 'BAD_CODE';

/** Where in the input the problem is: a valid position on the map and/or a JSON path. */
export interface GeoInputErrorWhere {
  /** A point to show on the map; absent when the offending position is not itself valid. */
  location?: readonly [lng: number, lat: number];
  /** Path into the caller's input, e.g. `"coordinates[0][3]"` or `"features[0].geometry.coordinates[0]"`. */
  path?: string;
}

/** Input that is not usable geometry (or tile, bbox, code…): the caller's fault, never a bug. */
export class GeoInputError extends Error {
  override readonly name = 'GeoInputError';
  readonly reason: GeoInputReason;
  readonly location?: readonly [lng: number, lat: number];
  readonly path?: string;

  constructor(reason: GeoInputReason, message: string, where: GeoInputErrorWhere = {}) {
    super(message);
    this.reason = reason;
    if (where.location) this.location = where.location;
    if (where.path !== undefined) this.path = where.path;
  }
}
