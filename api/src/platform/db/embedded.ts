import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { Client } from 'pg';

/** A running embedded database: PGlite + PostGIS behind a Postgres wire-protocol socket. */
export interface EmbeddedDatabase {
  url: string;
  /** How its data came to be: found on disk, loaded from the template, or made by initdb (which then keeps a template). */
  origin: 'existing' | 'template' | 'initdb';
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where the template is looked for and kept (first writable one); tests pass their own. */
  cacheDirs?: readonly string[];
}

/**
 * Starts PGlite with PostGIS and ltree and serves it on a loopback port so the ordinary
 * `pg` driver (and TypeORM) talk to it exactly as to a real server: one code path.
 * PGlite runs one statement at a time; `maxConnections` above 1 lets a pool connect.
 * `dataDir` undefined keeps everything in memory (tests).
 */
export async function startEmbedded(dataDir?: string, port = 0, opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const cacheDirs = opts.cacheDirs ?? CACHE_DIRS;
  // PGlite is ESM-only: dynamic import keeps this CommonJS package loading it.
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { ltree } = await import('@electric-sql/pglite/contrib/ltree');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (dataDir) mkdirSync(resolve(dataDir), { recursive: true });
  const pgliteDir = dataDir ? resolve(dataDir, 'pglite') : undefined;
  const fresh = !pgliteDir || !existsSync(join(pgliteDir, 'PG_VERSION'));
  const template = fresh ? templateName() : undefined;
  let found = template && findCached(template, cacheDirs);
  const open = (loadDataDir?: Blob) =>
    PGlite.create({ dataDir: pgliteDir, loadDataDir, extensions: { postgis: onlyPostgisCore(postgis), ltree } });
  let db: Awaited<ReturnType<typeof open>>;
  try {
    db = await open(found ? new Blob([readFileSync(found)]) : undefined);
  } catch (error) {
    if (!found) throw error;
    // A damaged template (a disk that filled up): it is dropped, and this database runs initdb.
    console.warn(`embedded database: template ${found} unusable, removed (${(error as Error).message})`);
    rmSync(found, { force: true });
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    found = undefined;
    db = await open();
  }
  await db.exec(EXTENSIONS);
  if (template && !found) await saveTemplate(template, db, cacheDirs);
  const origin = !fresh ? 'existing' : found ? 'template' : 'initdb';
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  const address = server.getServerConn();
  const url = `postgres://postgres@${address}/postgres`;
  // Other processes (the CLI while the app runs) find the running database here.
  const urlFile = dataDir ? resolve(dataDir, URL_FILE) : undefined;
  if (urlFile) writeFileSync(urlFile, url);
  return {
    url,
    origin,
    async stop() {
      if (urlFile) rmSync(urlFile, { force: true });
      await server.stop();
      await db.close();
    },
  };
}

const URL_FILE = 'pglite.url';
const EXTENSIONS = 'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS ltree;';

/**
 * A new database starts from a template: the data directory as it is right after `initdb` and
 * `CREATE EXTENSION postgis, ltree`, dumped once by PGlite (`dumpDataDir`, ~6 MB) and loaded into
 * every later new database (`loadDataDir`). Those two steps are the engine's own set-up, the same
 * for every database of one PGlite and pglite-postgis build, and took ~12 s of a cold start
 * (PGlite runs initdb in a second instance, and postgis's install script is 7.5 MB of SQL); from
 * the template they take ~3 s. Nothing of the app (migrations, seed) is in it. The key is the
 * resolved packages (their paths name their versions) and the extensions' SQL; the file is kept
 * beside the trimmed PostGIS bundle. Without a writable place, every new database runs initdb.
 */
function templateName(): string | undefined {
  try {
    const identity = ['@electric-sql/pglite', '@electric-sql/pglite-postgis', '@electric-sql/pglite/contrib/ltree'].map((name) => {
      const path = require.resolve(name);
      const { size, mtimeMs } = statSync(path);
      return `${path}\0${size}\0${mtimeMs}`;
    });
    const key = createHash('sha256')
      .update([TEMPLATE_FORMAT, EXTENSIONS, ...identity].join('\0'))
      .digest('hex')
      .slice(0, 16);
    return `pglite-template-${key}.tar.gz`;
  } catch {
    return undefined;
  }
}

/** Bumped when what goes into the template changes in a way its key does not see. */
const TEMPLATE_FORMAT = 'template-1';

/** Dumps the new database (engine set-up only: before any migration) as the template; a failure costs only the speed-up. */
async function saveTemplate(
  name: string,
  db: { exec(sql: string): Promise<unknown>; dumpDataDir(c: 'gzip'): Promise<Blob> },
  dirs: readonly string[],
): Promise<void> {
  try {
    await db.exec('CHECKPOINT');
    writeCached(name, Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer()), dirs);
  } catch (error) {
    console.warn(`embedded database: no template kept (${(error as Error).message})`);
  }
}

/** Where the embedded database keeps what it makes once: node_modules/.cache, else the system's temporary directory. */
const CACHE_DIRS = [resolve(__dirname, '../../../node_modules/.cache/streetgrid'), join(tmpdir(), 'streetgrid-cache')];

/** The file `name` in a cache directory, if one holds it. */
function findCached(name: string, dirs: readonly string[] = CACHE_DIRS): string | undefined {
  return dirs.map((dir) => join(dir, name)).find((file) => existsSync(file));
}

/** Writes `name` into the first writable cache directory (aside, then renamed: test workers may race); its path, if any. */
function writeCached(name: string, data: Buffer, dirs: readonly string[] = CACHE_DIRS): string | undefined {
  for (const dir of dirs) {
    const file = join(dir, name);
    try {
      mkdirSync(dir, { recursive: true });
      const part = `${file}.${process.pid}.part`;
      writeFileSync(part, data);
      renameSync(part, file);
      return file;
    } catch {
      // read-only: try the next place
    }
  }
  return undefined;
}

/**
 * The URL of an embedded database already served from `dataDir` by another process, if
 * one answers: PGlite owns its files, so a second process must connect, not open them.
 */
export async function runningEmbedded(dataDir: string): Promise<string | undefined> {
  let url: string;
  try {
    url = readFileSync(resolve(dataDir, URL_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * pglite-postgis's bundle (20 MB gzipped, 95 MB of files) holds three WebAssembly libraries —
 * postgis, postgis_raster and postgis_topology, ~16 MB each — and PGlite unpacks the whole
 * bundle and compiles every library in it each time it opens. We use postgis alone: this
 * wraps the extension so that PGlite loads a copy of the bundle with only postgis-3.so, its
 * control file and install script, and PROJ's data (`share/proj`, for ST_Transform). The copy
 * is made once per bundle (~2 s) and kept in node_modules/.cache (or the system's temporary
 * directory); opening the database then takes ~4 s less. Anything unexpected in the bundle
 * falls back to the whole bundle.
 */
export function onlyPostgisCore(postgis: Extension): Extension {
  return {
    name: postgis.name,
    async setup(pg, emscriptenOpts, clientOnly) {
      const result = await postgis.setup(pg, emscriptenOpts, clientOnly);
      if (result.bundlePath?.protocol !== 'file:') return result;
      const trimmed = trimmedBundle(fileURLToPath(result.bundlePath));
      return trimmed ? { ...result, bundlePath: pathToFileURL(trimmed) } : result;
    },
  };
}

/** The files of pglite-postgis's bundle that the app needs. */
const POSTGIS_CORE =
  /^(lib\/postgresql\/postgis-3\.so|share\/postgresql\/extension\/postgis(\.control|--\d[\d.]*\.sql)|share\/proj\/[^/]+)$/;

function trimmedBundle(source: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(source);
    const key = createHash('sha256').update(`${source}\0${size}\0${mtimeMs}`).digest('hex').slice(0, 16);
    const name = `postgis-core-${key}.tar.gz`;
    const found = findCached(name);
    if (found) return found;
    const tar = keepTarEntries(gunzipSync(readFileSync(source)), (entry) => POSTGIS_CORE.test(entry));
    if (!tar.kept.includes('lib/postgresql/postgis-3.so')) throw new Error('postgis-3.so not found in the bundle');
    return writeCached(name, gzipSync(tar.data, { level: 1 }));
  } catch (error) {
    console.warn(`embedded database: loading the whole PostGIS bundle (${(error as Error).message})`);
  }
  return undefined;
}

/**
 * A tar archive with only the regular files whose names pass `keep` (headers and data copied
 * as they are). Directories and links are dropped: PGlite makes a file's directories itself.
 * Throws on entries it does not know (long names, pax headers), so the caller can fall back.
 */
export function keepTarEntries(tar: Buffer, keep: (name: string) => boolean): { data: Buffer; kept: string[] } {
  const parts: Buffer[] = [];
  const kept: string[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const prefix = field(header, 257, 6) === 'ustar' ? field(header, 345, 155) : '';
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    if (!'0257'.includes(type) || Number.isNaN(size)) throw new Error(`unexpected tar entry of type ${type}: ${name}`);
    const length = 512 + Math.ceil(size / 512) * 512;
    if (type === '0' && keep(name)) {
      parts.push(tar.subarray(offset, offset + length));
      kept.push(name);
    }
    offset += length;
  }
  parts.push(Buffer.alloc(1024));
  return { data: Buffer.concat(parts), kept };
}

function field(header: Buffer, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end < 0 ? length : end);
}
