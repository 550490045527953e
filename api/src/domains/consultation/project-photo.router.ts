import { Router } from 'express';
import type { Db } from '../../platform/db/session';
import { badInput } from '../../platform/graphql/errors';
import { photoStorage, type PhotoStorage } from '../../platform/storage/photos';
import { photoContentType } from '../case/photo.router';

const HASH = /^[0-9a-f]{64}$/;
const MAX_PHOTOS = 5;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Progress photos sent as base64 (at most 5 of 5 MB each, as a case's): their bytes, or BAD_USER_INPUT naming `field.i`. */
export function decodeProgressPhotos(photos: readonly string[] | null | undefined, field: string): Buffer[] {
  if (!photos?.length) return [];
  if (photos.length > MAX_PHOTOS) throw badInput(field, `at most ${MAX_PHOTOS} photos`);
  return photos.map((p, i) => {
    const bytes = Buffer.from(p, 'base64');
    if (!bytes.length || bytes.length > MAX_PHOTO_BYTES || bytes.toString('base64').replace(/=+$/, '') !== p.replace(/=+$/, ''))
      throw badInput(`${field}.${i}`, 'must be base64 of at most 5 MB');
    return bytes;
  });
}

/**
 * `GET /project-photos/:hash` — a project's progress photo (stored like case photos, by content hash), only to a caller
 * who sees a project that shows it (row-level security decides: keepers, and residents for published projects around
 * their home); otherwise 404, as for a hash that does not exist. Sign-in (401) is checked before.
 */
export function projectPhotoRouter(storage: PhotoStorage = photoStorage()): Router {
  const router = Router();
  router.get('/:hash', async (req, res, next) => {
    try {
      const hash = req.params.hash;
      const db = res.locals.db as Db;
      const [seen] = HASH.test(hash) ? await db.query(`SELECT 1 FROM project WHERE photos @> ARRAY[$1::text] LIMIT 1`, [hash]) : [];
      const bytes = seen ? await storage.get(hash) : null;
      if (!bytes) {
        res.status(404).json({ error: 'no such photo' });
        return;
      }
      res.setHeader('Content-Type', photoContentType(bytes));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, max-age=3600');
      res.setHeader('ETag', `"${hash}"`);
      res.setHeader('Content-Length', String(bytes.length));
      res.end(bytes);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
