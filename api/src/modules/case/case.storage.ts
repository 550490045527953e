import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where case photos live: addressed by the sha256 of their bytes, so a photo is stored once. */
export interface PhotoStorage {
  put(bytes: Buffer): Promise<string>;
  get(hash: string): Promise<Buffer | null>;
}

/** Photos on local disk under `dir/ab/abcdef…` (STORAGE_DIR, default `.data/photos`). */
export class LocalDiskStorage implements PhotoStorage {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async put(bytes: Buffer): Promise<string> {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const folder = join(this.dir, hash.slice(0, 2));
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, hash), bytes, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    return hash;
  }

  async get(hash: string): Promise<Buffer | null> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return null;
    return readFile(join(this.dir, hash.slice(0, 2), hash)).catch(() => null);
  }
}

export function photoStorage(env: NodeJS.ProcessEnv = process.env): PhotoStorage {
  return new LocalDiskStorage(env.STORAGE_DIR ?? '.data/photos');
}
