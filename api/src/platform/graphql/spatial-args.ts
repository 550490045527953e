import { Field, Float, InputType } from 'type-graphql';
import { badInput } from './errors';

/** `near: {lng, lat, meters}` — within a distance of a point. */
@InputType({ description: 'Within `meters` of the point (lng, lat), WGS-84' })
export class NearInput {
  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  meters!: number;
}

/** A bounding box `[west, south, east, north]` in WGS-84 degrees. */
export type BBoxArg = [number, number, number, number];

export function checkBBox(bbox: number[] | undefined | null, field = 'bbox'): BBoxArg | undefined {
  if (bbox == null) return undefined;
  const [w, s, e, n] = bbox;
  if (bbox.length !== 4 || bbox.some((v) => !Number.isFinite(v))) throw badInput(field, 'must be [west, south, east, north]');
  if (w < -180 || e > 180 || s < -90 || n > 90) throw badInput(field, 'is outside WGS-84 longitude/latitude');
  if (w > e || s > n) throw badInput(field, 'west must not exceed east, nor south north');
  return [w, s, e, n];
}

export function checkLngLat(lng: number, lat: number, field = ''): void {
  const p = field ? `${field}.` : '';
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw badInput(`${p}lng`, 'must be a longitude from -180 to 180');
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw badInput(`${p}lat`, 'must be a latitude from -90 to 90');
}

export function checkNear(near: NearInput | undefined | null): NearInput | undefined {
  if (near == null) return undefined;
  checkLngLat(near.lng, near.lat, 'near');
  if (!(near.meters > 0 && near.meters <= 50000)) throw badInput('near.meters', 'must be more than 0 and at most 50000');
  return near;
}
