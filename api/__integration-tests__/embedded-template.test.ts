import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbedded, type EmbeddedDatabase } from '../src/platform/db/embedded';

// A new embedded database starts from a template of the engine's set-up (initdb, PostGIS, ltree)
// kept in a cache directory; these tests give it a cache directory of their own.
describe('embedded database template', () => {
  let cache: string;
  let dataDir: string;
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'streetgrid-template-cache-'));
    dataDir = mkdtempSync(join(tmpdir(), 'streetgrid-template-data-'));
  });
  afterAll(() => {
    rmSync(cache, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const templates = () => readdirSync(cache).filter((name) => /^pglite-template-[0-9a-f]{16}\.tar\.gz$/.test(name));

  /** PostGIS and ltree answer, and a table with a geometry column and a GiST index can be made and queried. */
  async function engineWorks(db: EmbeddedDatabase): Promise<void> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT round(ST_Area(ST_MakeEnvelope(120, 30, 120.01, 30.01, 4326)::geography)) AS m2,
                'sg.a.b'::ltree <@ 'sg.a'::ltree AS below,
                (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`,
      );
      expect(rows[0].m2).toBeGreaterThan(1_000_000);
      expect(rows[0].below).toBe(true);
      expect(rows[0].postgis).toMatch(/^3\./);
      await client.query(`CREATE TABLE t (id int PRIMARY KEY, geom geometry(Point, 4326))`);
      await client.query(`CREATE INDEX ON t USING gist (geom)`);
      await client.query(`INSERT INTO t SELECT i, ST_SetSRID(ST_MakePoint(120 + i / 1000.0, 30), 4326) FROM generate_series(1, 50) i`);
      const covered = await client.query(
        `SELECT count(*)::int AS n FROM t WHERE ST_DWithin(geom, ST_SetSRID(ST_MakePoint(120.01, 30), 4326), 0.0051)`,
      );
      expect(covered.rows[0].n).toBe(11);
    } finally {
      await client.end();
    }
  }

  /** Starts an embedded database (in memory, or in `dir`) on the test's cache, checks where it came from, runs `work` on it. */
  async function started(dir: string | undefined, origin: EmbeddedDatabase['origin'], work: (db: EmbeddedDatabase) => Promise<void>) {
    const db = await startEmbedded(dir, 0, { cacheDirs: [cache] });
    try {
      expect(db.origin).toBe(origin);
      await work(db);
    } finally {
      await db.stop();
    }
  }

  it('runs initdb for the first new database and keeps a template; the next new one, in memory or on disk, loads it', async () => {
    await started(undefined, 'initdb', async (db) => {
      expect(templates()).toHaveLength(1);
      await engineWorks(db);
    });
    // Nothing of the first database's own tables went into the template (it was dumped before them): `t` is made again.
    await started(undefined, 'template', engineWorks);
    await started(dataDir, 'template', engineWorks);
    // Reopened, the directory is the database (its table kept), not a new copy of the template.
    await started(dataDir, 'existing', async (db) => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM t`);
      await client.end();
      expect(rows[0].n).toBe(50);
    });
  }, 180_000);

  it('drops a damaged template, runs initdb instead and keeps a good one', async () => {
    const [name] = templates();
    expect(name).toBeDefined();
    writeFileSync(join(cache, name), 'not a tarball');
    await started(undefined, 'initdb', engineWorks);
    expect(templates()).toEqual([name]);
    expect(statSync(join(cache, name)).size).toBeGreaterThan(1_000_000);
  }, 180_000);
});
