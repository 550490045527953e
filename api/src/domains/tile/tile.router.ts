import { GeoInputError, parseTilePath } from '@streetgrid/geo';
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Scope } from '../../platform/identity/scope';
import type { Db } from '../../platform/db/session';
import { isTileLayer, TILE_MAX_ZOOM } from './tile.layers';
import { TileService, type TileServiceOptions } from './tile.service';

/** Browsers keep a tile this long, then revalidate with If-None-Match (a cheap 304). */
export const TILE_CACHE_CONTROL = 'private, max-age=15, must-revalidate';
export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * `GET /tiles/{layer}/{z}/{x}/{y}.mvt` — layers `grids`, `buildings` and `basemap` (see tile.layers.ts).
 * 200 with the MVT, 204 for an empty tile, 304 when If-None-Match carries the current ETag,
 * 400 for a malformed address, 404 for an unknown layer.
 */
export function createTileRouter(ds: DataSource, options: TileServiceOptions = {}): { router: Router; service: TileService } {
  const service = new TileService(ds, options);
  // Decide the encoder at start rather than on the first request.
  void service.encoder();
  const router = Router();
  router.get('/:layer/:z/:x/:file', async (req, res, next) => {
    try {
      const { layer, z, x, file } = req.params;
      const match = /^(\d{1,9})\.(mvt|pbf)$/.exec(file);
      if (!isTileLayer(layer)) {
        res.status(404).json({ error: `no tile layer ${JSON.stringify(layer)}` });
        return;
      }
      if (!match) {
        res.status(400).json({ error: 'tile address must end in {y}.mvt' });
        return;
      }
      let coord;
      try {
        coord = parseTilePath(z, x, match[1]);
      } catch (error) {
        if (error instanceof GeoInputError) {
          res.status(400).json({ error: error.message });
          return;
        }
        throw error;
      }
      if (coord.z > TILE_MAX_ZOOM) {
        res.status(400).json({ error: `zoom above ${TILE_MAX_ZOOM}` });
        return;
      }
      const db = res.locals.db as Db | undefined;
      const version = await service.version(layer, db);
      res.setHeader('Cache-Control', TILE_CACHE_CONTROL);
      res.setHeader('Vary', 'Authorization, Accept-Encoding');
      const ifNoneMatch = req.headers['if-none-match'];
      // Set by the server's sign-in middleware in front of this router.
      const scope = res.locals.scope as Scope | undefined;
      const known = service.cachedEtag(layer, coord.z, coord.x, coord.y, version, scope);
      if (known && etagMatches(ifNoneMatch, known)) {
        res.setHeader('ETag', known);
        res.status(304).end();
        return;
      }
      const tile = await service.tile(layer, coord.z, coord.x, coord.y, version, scope, db);
      res.setHeader('ETag', tile.etag);
      if (etagMatches(ifNoneMatch, tile.etag)) {
        res.status(304).end();
        return;
      }
      if (tile.bytes.length === 0) {
        res.status(204).end();
        return;
      }
      res.setHeader('Content-Type', MVT_CONTENT_TYPE);
      res.status(200).end(tile.bytes);
    } catch (error) {
      next(error);
    }
  });
  return { router, service };
}
