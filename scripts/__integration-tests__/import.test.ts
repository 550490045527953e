import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Position } from 'geojson';
import { fixtureStreet } from '../../api/src/seed/fixture-street';
import { writeStreet } from '../../api/src/seed/write-street';
import { createTestDatabase, type TestDatabase } from '../../api/__integration-tests__/harness';
import { exportGeoJson } from '../src/export';
import { formatReport, importGeoJson, type ImportOptions, type IssueKind } from '../src/import';

const FIXTURES = join(__dirname, 'fixtures/import');
const fixture = (name: string): FeatureCollection => JSON.parse(readFileSync(join(FIXTURES, `${name}.geojson`), 'utf8'));
/** The fixture files' street, created by the import. */
const NEW_STREET = new Map([['330106002', '试验街道']]);

describe('import: GeoJSON grids and buildings on PostGIS', () => {
  let db: TestDatabase;
  const counts = async () => {
    const [row] = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM street)::int AS streets, (SELECT count(*) FROM grid)::int AS grids,
              (SELECT count(*) FROM building)::int AS buildings`,
    );
    return row;
  };
  const run = (input: unknown, opts: ImportOptions = {}) => importGeoJson(db.dataSource.manager, input, { streets: NEW_STREET, ...opts });
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

  describe.each<[string, IssueKind, RegExp]>([
    ['self-intersection', 'INVALID_GEOMETRY', /330106002001002: SELF_INTERSECTION .*crosses itself/],
    ['hole-outside-shell', 'INVALID_GEOMETRY', /330106002001002: PostGIS: Hole lies outside shell/],
    ['child-outside-parent', 'OUTSIDE_PARENT', /330106002001002: \d+\.\d m² outside its parent 330106002001/],
    ['sibling-overlap', 'SIBLING_OVERLAP', /330106002001001 and 330106002001002 overlap by \d+\.\d m²/],
    ['duplicate-code', 'DUPLICATE_CODE', /grid code 330106002001002 occurs 2 times \(features 2, 3\)/],
    ['orphan', 'ORPHAN', /330106002009001: parent 330106002009 is neither in the file nor in the database/],
    ['gap', 'COVERAGE_GAP', /330106002001: 10\.\d\d% \(.* m²\) not covered by its children/],
  ])('%s', (name, kind, message) => {
    it('is reported clearly and nothing is written', async () => {
      const before = await counts();
      const report = await run(fixture(name));
      expect(report.issues.map((i) => i.kind)).toContain(kind);
      expect(report.issues.find((i) => i.kind === kind)?.message).toMatch(message);
      expect(report.written).toBe(false);
      expect(formatReport(report)).toMatch(/error.*: nothing written/);
      expect(await counts()).toEqual(before);
    });
  });

  it('puts an area and a location on overlaps, outside parts and gaps', async () => {
    const overlap = (await run(fixture('sibling-overlap'))).issues.find((i) => i.kind === 'SIBLING_OVERLAP')!;
    // 0.001° × 0.01° at 30.3°N ≈ 96 m × 1,109 m.
    expect(overlap.areaM2).toBeGreaterThan(100_000);
    expect(overlap.areaM2).toBeLessThan(115_000);
    expect(overlap.location![0]).toBeGreaterThan(120.205);
    const gap = (await run(fixture('gap'))).issues.find((i) => i.kind === 'COVERAGE_GAP')!;
    expect(gap.percent).toBeCloseTo(10, 0);
  });

  describe.each(['multipolygon', 'hole', 'wrong-winding', '3d-coordinates'])('%s (messy but valid)', (name) => {
    afterEach(clearNewStreet);
    it('passes, is written with its street, stored 2D and wound counter-clockwise', async () => {
      const dry = await run(fixture(name), { dryRun: true });
      expect(dry.issues).toEqual([]);
      expect(dry.changes).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
      expect(dry.written).toBe(false);
      const report = await run(fixture(name));
      expect(report.issues).toEqual([]);
      expect(report.written).toBe(true);
      expect(report.streetsCreated).toEqual(['330106002']);
      const rows = await db.dataSource.query(
        `SELECT g.code, ST_NDims(g.geom) AS dims, ST_IsPolygonCCW(g.geom) AS ccw, g.path::text AS path, p.code AS parent,
                ST_IsValid(g.geom) AS valid
           FROM grid g LEFT JOIN grid p ON p.id = g.parent_id WHERE g.code LIKE '330106002%' ORDER BY g.code`,
      );
      expect(rows).toEqual([
        { code: '330106002001', dims: 2, ccw: true, path: 's330106002.c001', parent: null, valid: true },
        { code: '330106002001001', dims: 2, ccw: true, path: 's330106002.c001.m001', parent: '330106002001', valid: true },
        { code: '330106002001002', dims: 2, ccw: true, path: 's330106002.c001.m002', parent: '330106002001', valid: true },
      ]);
    });
  });

  it('converts GCJ-02 input to WGS-84 and says which CRS was assumed', async () => {
    const assumed = await run(fixture('gcj02-input'), { dryRun: true });
    expect(formatReport(assumed)).toMatch(/coordinates: WGS84 \(assumed: no --crs given\)/);
    const report = await run(fixture('gcj02-input'), { crs: 'GCJ02' });
    expect(formatReport(report)).toMatch(/coordinates: GCJ02, converted to WGS84/);
    expect(report.issues).toEqual([]);
    const [box] = await db.dataSource.query(`SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s FROM grid WHERE code = '330106002001'`);
    expect(box.w).toBeCloseTo(120.2, 5);
    expect(box.s).toBeCloseTo(30.3, 5);
    await clearNewStreet();
  });

  it('orphans a LARGE grid whose street is missing unless a street name is given', async () => {
    const report = await importGeoJson(db.dataSource.manager, fixture('multipolygon'), { dryRun: true });
    expect(report.issues.filter((i) => i.kind === 'ORPHAN').map((i) => i.message)).toEqual([
      '330106002001: street 330106002 is not in the database (give --street-name to create it)',
    ]);
  });

  it('takes a polygon of 20,000 vertices', async () => {
    const ring: Position[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = (2 * Math.PI * i) / 20_000;
      ring.push([120.205 + 0.005 * Math.cos(a), 30.305 + 0.005 * Math.sin(a)]);
    }
    ring.push(ring[0]);
    const big: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '330106002001', name: '大多边形社区' }, geometry: { type: 'Polygon', coordinates: [ring] } },
      ],
    };
    const report = await run(big);
    expect(report.issues).toEqual([]);
    const [row] = await db.dataSource.query(`SELECT ST_NPoints(geom) AS n FROM grid WHERE code = '330106002001'`);
    expect(row.n).toBe(20_001);
    await clearNewStreet();
  });

  it('export → import --dry-run changes nothing; an edit is an update; export again is identical', async () => {
    const exported = await exportGeoJson(db.dataSource, { street: '330106001' });
    const fixtureData = fixtureStreet();
    expect(exported.features.filter((f) => f.properties?.kind === 'grid')).toHaveLength(fixtureData.grids.length);
    expect(exported.features.filter((f) => f.properties?.kind === 'building')).toHaveLength(fixtureData.buildings.length);
    const text = JSON.stringify(exported);
    const dry = await run(JSON.parse(text), { dryRun: true });
    expect(dry.issues).toEqual([]);
    expect(dry.changes).toEqual({ inserted: 0, updated: 0, unchanged: exported.features.length });

    const edited = JSON.parse(text) as FeatureCollection<MultiPolygon>;
    const target = edited.features.find((f) => f.properties?.code === '330106001001001') as Feature<MultiPolygon>;
    target.properties!.name = '改名小区';
    const report = await run(edited);
    expect(report.changes).toEqual({ inserted: 0, updated: 1, unchanged: exported.features.length - 1 });
    expect(report.written).toBe(true);
    const again = await exportGeoJson(db.dataSource, { street: '330106001' });
    expect(again).toEqual(edited);

    target.properties!.name = fixtureData.grids.find((g) => g.code === '330106001001001')!.name;
    expect((await run(edited)).changes.updated).toBe(1);
    expect(await exportGeoJson(db.dataSource, { street: '330106001' })).toEqual(exported);
  });

  it('exports one subtree, which re-imports against the parents in the database', async () => {
    const subtree = await exportGeoJson(db.dataSource, { grid: '330106001001' });
    const codes = subtree.features.map((f) => String(f.properties?.code));
    expect(codes.every((c) => c.startsWith('330106001001'))).toBe(true);
    const dry = await run(subtree, { dryRun: true });
    expect(dry.issues).toEqual([]);
    expect(dry.changes.inserted + dry.changes.updated).toBe(0);
  });

  it('imports 10,000 features and reports the throughput', async () => {
    // One LARGE community split into 100 × 99 SMALL grids under 99 MEDIUM strips: 1 + 99 + 9,900 = 10,000.
    const features: Feature[] = [];
    const rect = (w: number, s: number, e: number, n: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    });
    const [x0, y0, dx, dy] = [120.3, 30.4, 0.0002, 0.0002];
    features.push({
      type: 'Feature',
      properties: { code: '330106003001', name: '吞吐社区' },
      geometry: rect(x0, y0, x0 + 100 * dx, y0 + 99 * dy),
    });
    for (let m = 0; m < 99; m++) {
      const mCode = `330106003001${String(m + 1).padStart(3, '0')}`;
      features.push({
        type: 'Feature',
        properties: { code: mCode, name: `${m + 1}号小区` },
        geometry: rect(x0, y0 + m * dy, x0 + 100 * dx, y0 + (m + 1) * dy),
      });
      for (let s = 0; s < 100; s++) {
        features.push({
          type: 'Feature',
          properties: { code: `${mCode}${String(s + 1).padStart(4, '0')}`, name: `${m + 1}-${s + 1}网格` },
          geometry: rect(x0 + s * dx, y0 + m * dy, x0 + (s + 1) * dx, y0 + (m + 1) * dy),
        });
      }
    }
    const started = performance.now();
    const report = await importGeoJson(
      db.dataSource.manager,
      { type: 'FeatureCollection', features },
      { streets: new Map([['330106003', '吞吐街道']]) },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(report.issues).toEqual([]);
    expect(report.written).toBe(true);
    expect(report.changes.inserted).toBe(10_000);
    const [load] = readFileSync('/proc/loadavg', 'utf8').split(' ');
    process.stderr.write(
      `import throughput: 10,000 features in ${seconds.toFixed(1)} s = ${Math.round(10_000 / seconds)} features/s (load ${load})\n`,
    );
  });
});
