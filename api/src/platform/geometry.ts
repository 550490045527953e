import { GeoInputError, parsePolygonal } from '@streetgrid/geo';
import type { EntityManager } from 'typeorm';
import { badInput } from './graphql/errors';

/** Vertex limit for one polygonal geometry crossing the API. */
export const MAX_VERTICES = 100_000;

/**
 * Parses a polygonal GeoJSON input (structure, ranges, winding, Z dropped) and has
 * PostGIS judge validity; answers the normalised MultiPolygon as GeoJSON text.
 * Errors name `field` and carry `ST_IsValidReason` and the location when PostGIS refuses.
 */
export async function checkPolygonal(m: EntityManager, input: unknown, field: string): Promise<string> {
  let geometry;
  try {
    geometry = parsePolygonal(input, { maxVertices: MAX_VERTICES });
  } catch (error) {
    if (error instanceof GeoInputError) {
      throw badInput(field, error.message, { geoReason: error.reason, location: error.location, path: error.path });
    }
    throw error;
  }
  const json = JSON.stringify(geometry);
  const [detail]: { valid: boolean; reason: string | null; location: string | null }[] = await m.query(
    `SELECT (d).valid, (d).reason, ST_AsGeoJSON((d).location) AS location
       FROM (SELECT ST_IsValidDetail(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) AS d) x`,
    [json],
  );
  if (!detail.valid) {
    throw badInput(field, `invalid polygon: ${detail.reason}`, {
      geoReason: 'INVALID',
      location: detail.location ? JSON.parse(detail.location).coordinates : undefined,
    });
  }
  return json;
}
