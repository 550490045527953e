import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { unzipSync } from 'fflate';
import { fixtureStreet } from '../../api/src/seed/fixture-street';
import { writeStreet } from '../../api/src/seed/write-street';
import { createTestDatabase, type TestDatabase } from '../../api/__integration-tests__/harness';
import { commands } from '../src/cli/commands';
import { runCli } from '../src/cli/run';
import { formatReport, importGeoJson, parseFieldMap, readZippedShapefile, type ImportOptions } from '../src/import';
import { shapefileFixtures, writeShapefileFixtures, zipLayer } from './fixtures/import/make-shapefiles';

const FIXTURES = join(__dirname, 'fixtures/import');
const zip = (name: string) => readFileSync(join(FIXTURES, name));
const NEW_STREET = new Map([['330106002', '试验街道']]);
const CHINESE_MAP = parseFieldMap('code=BM,name=MC,level=JB');

describe('import: zipped Shapefiles on PostGIS', () => {
  let db: TestDatabase;
  const counts = async () => {
    const [row] = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM street)::int AS streets, (SELECT count(*) FROM grid)::int AS grids`,
    );
    return row;
  };
  /** Reads the fixture zip and feeds it to the one import path, as the CLI does. */
  const run = (name: string, opts: ImportOptions = {}) => {
    const read = readZippedShapefile(zip(name), name);
    return importGeoJson(db.dataSource.manager, read.collection, {
      file: name,
      streets: NEW_STREET,
      issues: read.issues,
      notes: read.notes,
      ...opts,
    });
  };
  const names = async () =>
    db.dataSource.query(`SELECT code, name, level::text AS level FROM grid WHERE code LIKE '330106002%' ORDER BY code`) as Promise<
      { code: string; name: string; level: string }[]
    >;
  const clearNewStreet = async () => {
    await db.dataSource.query(`DELETE FROM grid WHERE street_id = (SELECT id FROM street WHERE code = '330106002') AND level = 'MEDIUM'`);
    await db.dataSource.query(`DELETE FROM grid WHERE street_id = (SELECT id FROM street WHERE code = '330106002')`);
    await db.dataSource.query(`DELETE FROM street WHERE code = '330106002'`);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('fixtures: the committed zips hold what make-shapefiles.ts writes', () => {
    if (process.env.WRITE_SHAPEFILE_FIXTURES) writeShapefileFixtures(FIXTURES);
    for (const [name, bytes] of Object.entries(shapefileFixtures())) {
      const committed = unzipSync(zip(name));
      const generated = unzipSync(bytes);
      expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
      for (const entry of Object.keys(generated)) expect(Buffer.from(committed[entry]).equals(Buffer.from(generated[entry]))).toBe(true);
    }
  });

  describe.each([
    ['grids-gbk.zip', /DBF encoding GBK \(assumed: no \.cpg and the text is not UTF-8\).*WGS 84/],
    ['grids-gbk-cpg936.zip', /DBF encoding GBK \(from the \.cpg \("936"\)\).*CGCS2000/],
  ])('%s', (name, note) => {
    afterEach(clearNewStreet);
    it('comes out as correct Chinese, mapped from BM/MC/JB, and says how it was decoded', async () => {
      const read = readZippedShapefile(zip(name), name);
      expect(read.issues).toEqual([]);
      expect(read.collection.features[0].properties).toEqual({ BM: '330106002001', MC: '西湖试验社区', JB: '大', 备注: '含老旧小区' });
      const report = await run(name, { map: CHINESE_MAP });
      expect(report.issues).toEqual([]);
      expect(report.written).toBe(true);
      expect(formatReport(report)).toMatch(note);
      expect(await names()).toEqual([
        { code: '330106002001', name: '西湖试验社区', level: 'LARGE' },
        { code: '330106002001001', name: '翠苑一区', level: 'MEDIUM' },
        { code: '330106002001002', name: '翠苑二区（东）', level: 'MEDIUM' },
      ]);
    });
  });

  it('grids-utf8.zip: UTF-8 by its .cpg, default property names, no .prj', async () => {
    const report = await run('grids-utf8.zip');
    expect(report.issues).toEqual([]);
    expect(report.notes.join('\n')).toMatch(/DBF encoding UTF-8 \(from the \.cpg \("UTF-8"\)\); no \.prj: coordinates taken as WGS 84/);
    expect((await names()).map((g) => g.name)).toEqual(['文新社区', '文鼎苑', '文欣苑·南区']);
    await clearNewStreet();
  });

  it.each(['multipolygon-hole.zip', 'wrong-winding.zip'])(
    '%s: a two-part community and a compound with a hole are stored as they are',
    async (name) => {
      const report = await run(name);
      expect(report.issues).toEqual([]);
      expect(report.written).toBe(true);
      const rows = await db.dataSource.query(
        `SELECT code, name, ST_NumGeometries(geom) AS parts, ST_NumInteriorRings(ST_GeometryN(geom, 1)) AS holes, ST_IsValid(geom) AS valid
         FROM grid WHERE code LIKE '330106002%' ORDER BY code`,
      );
      expect(rows).toEqual([
        { code: '330106002001', name: '两片社区', parts: 2, holes: 0, valid: true },
        { code: '330106002001001', name: '回字小区', parts: 1, holes: 1, valid: true },
        { code: '330106002001002', name: '飞地小区', parts: 2, holes: 0, valid: true },
      ]);
      await clearNewStreet();
    },
  );

  it('grids-and-buildings-3d.zip: a PolygonZ grid layer and a building layer in one zip, stored 2D', async () => {
    const report = await run('grids-and-buildings-3d.zip');
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ grids: 3, buildings: 2, written: true });
    expect(report.notes).toEqual([
      'shapefile layer buildings: 2 shapes; DBF encoding GBK (from the .cpg ("GBK")); WGS 84 longitude/latitude ("GCS_WGS_1984")',
      'shapefile layer grids_z: 3 shapes; DBF encoding GBK (from the .cpg ("GBK")); WGS 84 longitude/latitude ("GCS_WGS_1984")',
    ]);
    const grids = await db.dataSource.query(`SELECT DISTINCT ST_NDims(geom) AS dims FROM grid WHERE code LIKE '330106002%'`);
    expect(grids).toEqual([{ dims: 2 }]);
    const buildings = await db.dataSource.query(
      `SELECT b.code, b.name, b.address, b.floors, b.units, g.code AS grid FROM building b JOIN grid g ON g.id = b.grid_id
        WHERE b.code LIKE 'B330106002%' ORDER BY b.code`,
    );
    expect(buildings).toEqual([
      { code: 'B330106002001001-01', name: '1幢', address: '翠苑路1号', floors: 6, units: 24, grid: '330106002001001' },
      { code: 'B330106002001002-01', name: '2幢', address: '翠苑路2号', floors: 18, units: 72, grid: '330106002001002' },
    ]);
    await db.dataSource.query(`DELETE FROM building WHERE code LIKE 'B330106002%'`);
    await clearNewStreet();
  });

  it('broken-geometry.zip: the bow tie is reported with its reason and location, and nothing is written', async () => {
    const before = await counts();
    const report = await run('broken-geometry.zip', { map: CHINESE_MAP });
    // The bow tie is left out of the coverage check, so its half of the community is also a gap.
    expect(report.issues.map((i) => [i.kind, i.code])).toEqual([
      ['INVALID_GEOMETRY', '330106002001002'],
      ['COVERAGE_GAP', '330106002001'],
    ]);
    expect(report.issues[0].message).toMatch(/330106002001002: SELF_INTERSECTION .*crosses itself/);
    expect(report.issues[0].location![0]).toBeCloseTo(120.2075, 4);
    expect(report.written).toBe(false);
    expect(formatReport(report)).toMatch(/2 errors: nothing written/);
    expect(await counts()).toEqual(before);
  });

  it('projected.zip: a Gauss–Krüger .prj is a clear report error and nothing is written', async () => {
    const before = await counts();
    const report = await run('projected.zip');
    expect(report.features).toBe(0);
    expect(report.issues).toEqual([
      {
        kind: 'UNSUPPORTED_INPUT',
        message:
          'projected.prj: projected coordinate system "CGCS2000_3_Degree_GK_CM_120E" is not supported: ' +
          'reproject the layer to WGS 84 longitude/latitude (EPSG:4326) and export it again',
      },
    ]);
    expect(formatReport(report)).toMatch(/Unreadable or unsupported input: 1\n.*CGCS2000_3_Degree_GK_CM_120E[^]*1 error: nothing written/);
    expect(await counts()).toEqual(before);
  });

  it('takes a Shapefile polygon of 20,000 vertices', async () => {
    const ring: [number, number][] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = (-2 * Math.PI * i) / 20_000; // clockwise, as a Shapefile shell is
      ring.push([120.205 + 0.005 * Math.cos(a), 30.305 + 0.005 * Math.sin(a)]);
    }
    ring.push(ring[0]);
    const bytes = zipLayer({
      name: 'big',
      fields: [
        { name: 'code', type: 'C', length: 12 },
        { name: 'name', type: 'C', length: 20 },
      ],
      rows: [{ shape: [[ring]], values: ['330106002001', '大多边形社区'] }],
      encoding: 'gbk',
    });
    const read = readZippedShapefile(bytes, 'big.zip');
    const report = await importGeoJson(db.dataSource.manager, read.collection, {
      streets: NEW_STREET,
      issues: read.issues,
      notes: read.notes,
    });
    expect(report.issues).toEqual([]);
    const [row] = await db.dataSource.query(`SELECT ST_NPoints(geom) AS n, name FROM grid WHERE code = '330106002001'`);
    expect(row).toEqual({ n: 20_001, name: '大多边形社区' });
    await clearNewStreet();
  });

  it('a file that is not a zip is reported, not thrown', () => {
    const read = readZippedShapefile(Buffer.from('not a zip'), 'x.zip');
    expect(read.issues[0]).toMatchObject({ kind: 'UNSUPPORTED_INPUT', message: expect.stringMatching(/x\.zip: not a readable zip file/) });
  });

  it('pnpm cli import <file.zip> reads the Shapefile through the same report (dry run, then real)', async () => {
    const cli = async (...argv: string[]) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      stdout.on('data', (chunk) => (out += chunk));
      stderr.resume();
      const code = await runCli(
        [
          'import',
          join(FIXTURES, 'grids-gbk.zip'),
          '--map',
          'code=BM,name=MC,level=JB',
          '--street-name',
          '试验街道',
          '--database-url',
          db.url,
          ...argv,
        ],
        commands,
        { env: {}, stdout, stderr },
      );
      return { code, out };
    };
    const dry = await cli('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/shapefile layer grids_gbk: 3 shapes; DBF encoding GBK/);
    expect(dry.out).toMatch(/changes: 3 to insert, 0 to update, 0 unchanged\n.*dry run: nothing written/);
    expect(await names()).toEqual([]);
    const real = await cli();
    expect(real.code).toBe(0);
    expect((await names()).map((g) => g.name)).toEqual(['西湖试验社区', '翠苑一区', '翠苑二区（东）']);
    await clearNewStreet();
    // An unzipped .shp with its sidecars beside it.
    const dir = mkdtempSync(join(tmpdir(), 'sg-shp-'));
    for (const [name, bytes] of Object.entries(unzipSync(zip('grids-gbk.zip')))) writeFileSync(join(dir, name), bytes);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => (out += chunk));
    const shp = await runCli(
      [
        'import',
        join(dir, 'grids_gbk.shp'),
        '--map',
        'code=BM,name=MC,level=JB',
        '--street-name',
        '试验街道',
        '--dry-run',
        '--database-url',
        db.url,
      ],
      commands,
      { env: {}, stdout, stderr: new PassThrough().resume() },
    );
    rmSync(dir, { recursive: true });
    expect(shp).toBe(0);
    expect(out).toMatch(/shapefile layer grids_gbk: 3 shapes; DBF encoding GBK[^]*changes: 3 to insert/);
    const projected = await runCli(['import', join(FIXTURES, 'projected.zip'), '--database-url', db.url], commands, {
      env: {},
      stdout: new PassThrough().resume(),
      stderr: new PassThrough().resume(),
    });
    expect(projected).toBe(2);
  });
});
