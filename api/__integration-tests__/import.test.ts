import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { startTestApi, type TestApi } from './harness'; // first: it loads reflect-metadata, which the resolver's decorators need
import { fixtureStreet } from '../src/seed/fixture-street';
import { IMPORT_MAX_FEATURES } from '../src/domains/import/import.resolver';

const IMPORT = `mutation ($geojson: JSON!, $dryRun: Boolean, $crs: String) {
  importGrids(geojson: $geojson, dryRun: $dryRun, crs: $crs) {
    file crs crsAssumed notes features grids buildings dryRun written streetsCreated ms
    changes { inserted updated unchanged }
    issues { kind feature code other message location areaM2 percent }
  }
}`;

interface Report {
  crs: string;
  crsAssumed: boolean;
  features: number;
  grids: number;
  dryRun: boolean;
  written: boolean;
  changes: { inserted: number; updated: number; unchanged: number };
  issues: { kind: string; code: string | null; message: string; location: number[] | null; areaM2: number | null }[];
}

const street = fixtureStreet();
/** Community 330106001001 and its subtree, as stored: re-importing it changes nothing. */
function community(): FeatureCollection {
  const features: Feature[] = street.grids
    .filter((g) => g.code.startsWith('330106001001'))
    .map((g) => ({ type: 'Feature', properties: { code: g.code, name: g.name }, geometry: g.geometry as Geometry }));
  return { type: 'FeatureCollection', features };
}
const rename = (fc: FeatureCollection, code: string, name: string) => {
  fc.features.find((f) => f.properties!.code === code)!.properties!.name = name;
  return fc;
};

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(street);
});
afterAll(() => api.close());

const gridName = async (code: string) =>
  ((await api.db.dataSource.query(`SELECT name FROM grid WHERE code = $1`, [code])) as { name: string }[])[0]?.name;
const run = (variables: Record<string, unknown>) => api.gql<{ importGrids: Report }>(IMPORT, variables);

/** Manual ANALYZEs of a table so far (autovacuum's own are counted apart); the statistics are flushed a moment later. */
async function analyzeCount(table: string, atLeast = 0): Promise<number> {
  for (let i = 0; ; i++) {
    const [row]: { n: string }[] = await api.db.dataSource.query(
      `SELECT pg_stat_clear_snapshot(), analyze_count AS n FROM pg_stat_user_tables WHERE relname = $1`,
      [table],
    );
    if (Number(row.n) >= atLeast || i === 50) return Number(row.n);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('importGrids (admin mutation)', () => {
  it('is a dry run by default: the report, and nothing written', async () => {
    const fc = rename(community(), '330106001001001', '改名小区');
    const res = await run({ geojson: fc });
    expect(res.errors).toBeUndefined();
    const report = res.data!.importGrids;
    expect(report).toMatchObject({
      crs: 'WGS84',
      crsAssumed: true,
      features: fc.features.length,
      grids: fc.features.length,
      dryRun: true,
      written: false,
      issues: [],
    });
    expect(report.changes).toEqual({ inserted: 0, updated: 1, unchanged: fc.features.length - 1 });
    expect(await gridName('330106001001001')).toBe('第1社区1号小区');
  });

  it('writes, all in one go, when dryRun is false and nothing is wrong', async () => {
    const res = await run({ geojson: rename(community(), '330106001001001', '改名小区'), dryRun: false });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importGrids).toMatchObject({ dryRun: false, written: true, issues: [], changes: { updated: 1 } });
    expect(await gridName('330106001001001')).toBe('改名小区');
    const back = await run({ geojson: community(), dryRun: false });
    expect(back.data!.importGrids.written).toBe(true);
    expect(await gridName('330106001001001')).toBe('第1社区1号小区');
  });

  it('analyses what it wrote, so the planner sees the new rows; a dry run does not', async () => {
    const before = await analyzeCount('grid');
    await run({ geojson: community() });
    expect(await analyzeCount('grid')).toBe(before);
    const res = await run({ geojson: community(), dryRun: false });
    expect(res.data!.importGrids.written).toBe(true);
    expect(await analyzeCount('grid', before + 1)).toBe(before + 1);
    expect(await analyzeCount('building', 1)).toBeGreaterThan(0);
  });

  it('reports problems with reason, location and area, and writes nothing even when dryRun is false', async () => {
    const fc = rename(community(), '330106001001002', '越界小区');
    const target = fc.features.find((f) => f.properties!.code === '330106001001002')!;
    // Stretch the compound 0.002° east, into community 002.
    target.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [120.1, 30.26],
          [120.112, 30.26],
          [120.112, 30.27],
          [120.1, 30.27],
          [120.1, 30.26],
        ],
      ],
    };
    const bowtie = fc.features.find((f) => f.properties!.code === '330106001001001')!;
    bowtie.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [120.1, 30.25],
          [120.11, 30.26],
          [120.11, 30.25],
          [120.1, 30.26],
          [120.1, 30.25],
        ],
      ],
    };
    const res = await run({ geojson: fc, dryRun: false });
    expect(res.errors).toBeUndefined();
    const report = res.data!.importGrids;
    expect(report.written).toBe(false);
    const kinds = report.issues.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['INVALID_GEOMETRY', 'OUTSIDE_PARENT']));
    expect(report.issues.find((i) => i.kind === 'INVALID_GEOMETRY')).toMatchObject({
      code: '330106001001001',
      message: expect.stringMatching(/crosses itself/),
    });
    const outside = report.issues.find((i) => i.kind === 'OUTSIDE_PARENT')!;
    expect(outside.code).toBe('330106001001002');
    expect(outside.areaM2).toBeGreaterThan(100_000);
    expect(outside.location![0]).toBeGreaterThan(120.11);
    expect(await gridName('330106001001002')).toBe('第1社区2号小区');
  });

  it('converts GCJ-02 and says so', async () => {
    const res = await run({ geojson: community(), crs: 'gcj02' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importGrids).toMatchObject({ crs: 'GCJ02', crsAssumed: false, dryRun: true, written: false });
  });

  it(`refuses more than ${IMPORT_MAX_FEATURES} features with BAD_USER_INPUT, before reading any`, async () => {
    const features = Array.from({ length: IMPORT_MAX_FEATURES + 1 }, (_, i) => ({
      type: 'Feature',
      properties: { code: `x${i}` },
      geometry: null,
    }));
    const res = await run({ geojson: { type: 'FeatureCollection', features }, dryRun: false });
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'geojson', limit: IMPORT_MAX_FEATURES });
    expect(res.errors![0].message).toMatch(/5001 features: at most 5000 here; import larger files with pnpm cli import/);
  });

  it('refuses what is not a FeatureCollection, and an unknown crs, with BAD_USER_INPUT', async () => {
    const notCollection = await run({ geojson: { type: 'Feature', properties: {}, geometry: null } });
    expect(notCollection.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'geojson' });
    const badCrs = await run({ geojson: community(), crs: 'EPSG:3857' });
    expect(badCrs.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'crs' });
  });
});

describe('importGrids with base-map features (roads, water, green)', () => {
  const BASEMAP_IMPORT = `mutation ($geojson: JSON!, $dryRun: Boolean) {
    importGrids(geojson: $geojson, dryRun: $dryRun) {
      features grids buildings basemap dryRun written
      changes { inserted updated unchanged }
      issues { kind feature code other message }
    }
  }`;
  interface BasemapReport extends Report {
    basemap: number;
    buildings: number;
  }
  const runBasemap = async (geojson: FeatureCollection, dryRun = false) =>
    (await api.gql<{ importGrids: BasemapReport }>(BASEMAP_IMPORT, { geojson, dryRun })).data!.importGrids;
  const stored = async () =>
    (await api.db.dataSource.query(`SELECT code, kind, name, GeometryType(geom) AS type FROM basemap_feature ORDER BY code`)) as {
      code: string;
      kind: string;
      name: string | null;
      type: string;
    }[];
  // The fixture street spans 120.10–120.12 × 30.25–30.27.
  const road: Feature = {
    type: 'Feature',
    properties: { kind: 'road', class: 'main', code: 'R1', name: '中山路' },
    geometry: {
      type: 'LineString',
      coordinates: [
        [120.11, 30.249],
        [120.11, 30.271],
      ],
    },
  };
  const pond: Feature = {
    type: 'Feature',
    properties: { kind: 'water', code: 'W1', name: '月塘', street: '330106001' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [120.102, 30.262],
          [120.103, 30.262],
          [120.103, 30.263],
          [120.102, 30.263],
          [120.102, 30.262],
        ],
      ],
    },
  };
  const collection = (...features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

  it('reports a road and a pond on a dry run (beside unchanged grids), then writes them, then finds them unchanged', async () => {
    const dry = await runBasemap(collection(...community().features, road, pond), true);
    expect(dry).toMatchObject({ basemap: 2, grids: community().features.length, written: false, dryRun: true, issues: [] });
    expect(dry.features).toBe(community().features.length + 2);
    expect(dry.changes).toEqual({ inserted: 2, updated: 0, unchanged: community().features.length });
    expect(await stored()).toEqual([]);

    const wet = await runBasemap(collection(road, pond));
    expect(wet).toMatchObject({ basemap: 2, grids: 0, buildings: 0, written: true, issues: [], changes: { inserted: 2 } });
    expect(await stored()).toEqual([
      { code: 'R1', kind: 'MAIN', name: '中山路', type: 'MULTILINESTRING' },
      { code: 'W1', kind: 'WATER', name: '月塘', type: 'MULTIPOLYGON' },
    ]);
    const again = await runBasemap(collection(road, { ...pond, properties: { ...pond.properties, name: '月亮塘' } }));
    expect(again.changes).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await stored()).find((f) => f.code === 'W1')!.name).toBe('月亮塘');
  });

  it('refuses a road drawn as a polygon, a pond as a line and an unknown class, with clear errors and nothing written', async () => {
    const before = await stored();
    const asPolygon: Feature = { ...road, properties: { ...road.properties, code: 'R2' }, geometry: pond.geometry };
    const asLine: Feature = { ...pond, properties: { ...pond.properties, code: 'W2' }, geometry: road.geometry };
    const noClass: Feature = { ...road, properties: { kind: 'road', class: 'highway', code: 'R3' } };
    const fresh: Feature = { ...road, properties: { ...road.properties, code: 'R4' } };
    const report = await runBasemap(collection(fresh, asPolygon, asLine, noClass));
    expect(report.written).toBe(false);
    expect(report.issues).toEqual([
      expect.objectContaining({
        kind: 'INVALID_GEOMETRY',
        feature: 1,
        code: 'R2',
        message: expect.stringContaining(
          'a road is a LineString or MultiLineString — WRONG_TYPE — expected LineString or MultiLineString, got "Polygon"',
        ),
      }),
      expect.objectContaining({
        kind: 'INVALID_GEOMETRY',
        feature: 2,
        code: 'W2',
        message: expect.stringContaining('a water area is a Polygon or MultiPolygon'),
      }),
      expect.objectContaining({
        kind: 'BAD_FIELD',
        feature: 3,
        code: 'R3',
        message: expect.stringContaining('"class" must be MAIN, SECONDARY, MINOR or PATH'),
      }),
    ]);
    expect(await stored()).toEqual(before);
  });

  it('refuses a feature far outside the street, and a street that does not exist', async () => {
    const far: Feature = {
      ...pond,
      properties: { kind: 'green', code: 'G9' },
      geometry: {
        ...(pond.geometry as object),
        coordinates: [
          [
            [121, 31],
            [121.001, 31],
            [121.001, 31.001],
            [121, 31],
          ],
        ],
      } as Feature['geometry'],
    };
    const ghost: Feature = { ...pond, properties: { ...pond.properties, code: 'W9', street: '330106999' } };
    const report = await runBasemap(collection(far, ghost), true);
    expect(report.issues.map((i) => [i.kind, i.code])).toEqual([
      ['OUTSIDE_PARENT', 'G9'],
      ['ORPHAN', 'W9'],
    ]);
  });
});
