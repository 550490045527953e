import { createHash } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where case photos live: addressed by the sha256 of their bytes, so a photo is stored once. */
export interface PhotoStorage {
  /** Stores the bytes (once) and answers their hash. */
  put(bytes: Buffer): Promise<string>;
  /** As `put`, also telling whether this call created the file (false: it was there already). */
  store(bytes: Buffer): Promise<{ hash: string; created: boolean }>;
  /** Deletes a photo: only one a failed write created, since others may reference the same bytes. */
  remove(hash: string): Promise<void>;
  get(hash: string): Promise<Buffer | null>;
}

/** The name a photo is stored under: the sha256 of its bytes, in hex. */
export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Photos on local disk under `dir/ab/abcdef…` (STORAGE_DIR, default `.data/photos`). */
export class LocalDiskStorage implements PhotoStorage {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async put(bytes: Buffer): Promise<string> {
    return (await this.store(bytes)).hash;
  }

  async store(bytes: Buffer): Promise<{ hash: string; created: boolean }> {
    const hash = contentHash(bytes);
    const folder = join(this.dir, hash.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const created = await writeFile(join(folder, hash), bytes, { flag: 'wx' }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
        return false;
      },
    );
    return { hash, created };
  }

  async remove(hash: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return;
    await unlink(join(this.dir, hash.slice(0, 2), hash)).catch(() => {});
  }

  async get(hash: string): Promise<Buffer | null> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return null;
    return readFile(join(this.dir, hash.slice(0, 2), hash)).catch(() => null);
  }
}

export function photoStorage(env: NodeJS.ProcessEnv = process.env): PhotoStorage {
  return new LocalDiskStorage(env.STORAGE_DIR ?? '.data/photos');
}
