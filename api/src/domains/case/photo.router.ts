import { Router } from 'express';
import type { Db } from '../../platform/db/session';
import type { Scope } from '../../platform/identity/scope';
import { photoStorage, type PhotoStorage } from '../../platform/storage/photos';

const HASH = /^[0-9a-f]{64}$/;

/** The image type from the first bytes (photos are stored as sent, without a type). */
export function photoContentType(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = bytes.subarray(8, 12).toString('latin1');
    if (['heic', 'heix', 'mif1', 'msf1', 'hevc'].includes(brand)) return 'image/heic';
    if (brand === 'avif') return 'image/avif';
  }
  return 'application/octet-stream';
}

/**
 * `GET /photos/:hash` — a case photo, only to a caller who can see a case that references
 * it (one scoped query); otherwise 404, the same answer as for a hash that does not exist.
 * Sign-in (401) is checked before, by the same middleware as the tiles; `res.locals.scope`
 * and `res.locals.db` (the caller's session).
 */
export function photoRouter(storage: PhotoStorage = photoStorage()): Router {
  const router = Router();
  router.get('/:hash', async (req, res, next) => {
    try {
      const hash = req.params.hash;
      const scope = res.locals.scope as Scope;
      const db = res.locals.db as Db;
      if (!HASH.test(hash)) {
        res.status(404).json({ error: 'no such photo' });
        return;
      }
      const visible = scope.whereRaw('Case', 'c', 2);
      const [seen] = await db.query(`SELECT 1 FROM "case" c WHERE c.photos @> ARRAY[$1::text] AND ${visible.sql} LIMIT 1`, [
        hash,
        ...visible.params,
      ]);
      const bytes = seen ? await storage.get(hash) : null;
      if (!bytes) {
        res.status(404).json({ error: 'no such photo' });
        return;
      }
      res.setHeader('Content-Type', photoContentType(bytes));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Content-addressed: the bytes never change, but who may see them does.
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
