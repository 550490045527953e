import { makeBBox, tilesCovering } from '@streetgrid/geo';
import { fixtureStreet } from '../src/seed/fixture-street';
import type { StreetData } from '../src/seed/street-data';
import { TileService, type TileEncoder } from '../src/domains/tile';
import { startTestApi, type TestApi } from './harness';

// The street's extent (fixtureStreet defaults: 2 communities of 0.01° × 0.02° from 120.1, 30.25).
const STREET_BBOX = makeBBox(120.1, 30.25, 120.12, 30.27);

const line = (...coords: [number, number][]) => ({ type: 'MultiLineString' as const, coordinates: [coords] });
const box = (w: number, s: number, e: number, n: number) => ({
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  ],
});
/** A base map over the fixture street: one road of each class, a pond and a park. */
const BASEMAP: NonNullable<StreetData['basemap']> = [
  { code: 'M1', kind: 'MAIN', name: '中山路', geometry: line([120.11, 30.25], [120.11, 30.27]) },
  { code: 'S1', kind: 'SECONDARY', name: '学士支路', geometry: line([120.1, 30.26], [120.12, 30.26]) },
  { code: 'N1', kind: 'MINOR', name: null, geometry: line([120.105, 30.25], [120.105, 30.27]) },
  { code: 'P1', kind: 'PATH', name: null, geometry: line([120.1025, 30.2665], [120.1035, 30.2665]) },
  { code: 'W1', kind: 'WATER', name: '月塘', geometry: box(120.1025, 30.2665, 120.1035, 30.2675) },
  { code: 'G1', kind: 'GREEN', name: '游园', geometry: box(120.113, 30.253, 120.116, 30.256) },
];

interface DecodedFeature {
  id: string;
  properties: Record<string, unknown>;
  type: number;
}
type Decoded = Record<string, DecodedFeature[]>;

/** Decodes an MVT with @mapbox/vector-tile + pbf (both ESM-only: loaded dynamically). */
async function decode(bytes: Uint8Array): Promise<Decoded> {
  const { VectorTile } = await import('@mapbox/vector-tile');
  const { PbfReader } = await import('pbf');
  const tile = new VectorTile(new PbfReader(bytes));
  const out: Decoded = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      out[name].push({ id: String(f.properties.id), properties: f.properties, type: f.type });
    }
  }
  return out;
}

const idsByLayer = (decoded: Decoded) =>
  Object.fromEntries(
    Object.entries(decoded)
      .map(([name, features]) => [name, features.map((f) => f.id).sort()] as const)
      .filter(([, ids]) => ids.length > 0),
  );

async function getTile(api: TestApi, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}/tiles/${path}`, { headers: { authorization: api.adminToken, ...headers } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('vector tiles', () => {
  let api: TestApi;
  let hasMvt: boolean;

  beforeAll(async () => {
    api = await startTestApi({ ...fixtureStreet(), basemap: BASEMAP });
    hasMvt = (await new TileService(api.db.dataSource).encoder()) === 'sql';
  });
  afterAll(async () => {
    await api?.close();
  });

  it('uses ST_AsMVT on the real PostGIS and falls back to geojson-vt where it is missing', () => {
    expect(hasMvt).toBe(Boolean(process.env.TEST_DATABASE_URL));
  });

  it('serves grids of the levels visible at each zoom, with id, code, name, level and open_cases', async () => {
    const expectLevels = async (z: number, levels: string[]) => {
      const seen = new Set<string>();
      for (const t of tilesCovering(STREET_BBOX, z)) {
        const { res, bytes } = await getTile(api, `grids/${t.z}/${t.x}/${t.y}.mvt`);
        if (res.status === 204) continue;
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
        expect(res.headers.get('etag')).toMatch(/^"grids-v\d+-/);
        expect(res.headers.get('cache-control')).toContain('must-revalidate');
        const decoded = await decode(bytes);
        for (const f of decoded.grids ?? []) {
          expect(f.properties).toEqual({
            id: expect.any(String),
            code: expect.any(String),
            name: expect.any(String),
            level: expect.any(String),
            open_cases: 0,
          });
          expect(f.type).toBe(3);
          seen.add(String(f.properties.level));
        }
        for (const f of decoded.grid_labels ?? []) expect(f.type).toBe(1);
      }
      expect([...seen].sort()).toEqual([...levels].sort());
    };
    await expectLevels(10, ['LARGE']);
    await expectLevels(13, ['LARGE', 'MEDIUM']);
    await expectLevels(15, ['LARGE', 'MEDIUM', 'SMALL']);
  });

  it('serves building footprints from z15 and nothing below', async () => {
    const [t14] = tilesCovering(makeBBox(120.1024, 30.2525, 120.1026, 30.2526), 14);
    expect((await getTile(api, `buildings/${t14.z}/${t14.x}/${t14.y}.mvt`)).res.status).toBe(204);
    let count = 0;
    for (const t of tilesCovering(STREET_BBOX, 15)) {
      const { res, bytes } = await getTile(api, `buildings/${t.z}/${t.x}/${t.y}.mvt`);
      if (res.status === 204) continue;
      const decoded = await decode(bytes);
      for (const f of decoded.buildings) {
        expect(f.properties).toMatchObject({ id: expect.any(String), name: expect.any(String), floors: 6, grid_id: expect.any(String) });
      }
      count += decoded.buildings.length;
    }
    expect(count).toBeGreaterThanOrEqual(fixtureStreet().buildings.length);
  });

  it('answers 204 for an empty tile, 400 for a bad address and 404 for an unknown layer', async () => {
    expect((await getTile(api, 'grids/15/0/0.mvt')).res.status).toBe(204);
    expect((await getTile(api, 'grids/3/6/3.mvt')).res.status).toBe(204);
    expect((await getTile(api, 'grids/15/99999/1.mvt')).res.status).toBe(400);
    expect((await getTile(api, 'grids/15/1/x.mvt')).res.status).toBe(400);
    expect((await getTile(api, 'roads/15/1/1.mvt')).res.status).toBe(404);
  });

  it('revalidates with ETag → 304, and a grid edit changes the ETag and the tile', async () => {
    const [t] = tilesCovering(makeBBox(120.102, 30.255, 120.1021, 30.2551), 15);
    const path = `grids/${t.z}/${t.x}/${t.y}.mvt`;
    const first = await getTile(api, path);
    expect(first.res.status).toBe(200);
    const etag = first.res.headers.get('etag')!;
    const again = await getTile(api, path, { 'if-none-match': etag });
    expect(again.res.status).toBe(304);
    expect(again.res.headers.get('etag')).toBe(etag);

    const code = fixtureStreet().grids.find((g) => g.level === 'SMALL')!.code;
    await api.db.dataSource.query(`UPDATE grid SET name = '改名网格' WHERE code = $1`, [code]);
    const after = await getTile(api, path, { 'if-none-match': etag });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(etag);
    const names = (await decode(after.bytes)).grids.map((f) => f.properties.name);
    expect(names).toContain('改名网格');
  });

  it('makes the same features per tile with ST_AsMVT (path A) and geojson-vt + vt-pbf (path B)', async () => {
    const service = new TileService(api.db.dataSource, { cacheSize: 0 });
    const encoders: TileEncoder[] = hasMvt ? ['sql', 'js'] : ['js'];
    let compared = 0;
    for (const layer of ['grids', 'buildings'] as const) {
      for (const z of [10, 12, 13, 14, 15, 16]) {
        for (const t of tilesCovering(STREET_BBOX, z)) {
          const [a, b] = await Promise.all(
            encoders.map(async (e) => idsByLayer(await decode(await service.render(layer, t.z, t.x, t.y, e)))),
          );
          if (b) expect({ tile: `${layer}/${z}/${t.x}/${t.y}`, ids: b }).toEqual({ tile: `${layer}/${z}/${t.x}/${t.y}`, ids: a });
          if (Object.keys(a).length) compared++;
        }
      }
    }
    if (!hasMvt) console.warn('tile parity: ST_AsMVT unavailable here (embedded PostGIS) — only path B checked');
    expect(compared).toBeGreaterThan(10);
  });

  it('counts open cases per grid (its own and those of grids inside it) and a new case invalidates the tile', async () => {
    const [t] = tilesCovering(makeBBox(120.102, 30.252, 120.1021, 30.2521), 15);
    const path = `grids/${t.z}/${t.x}/${t.y}.mvt`;
    const before = await getTile(api, path);
    const small = fixtureStreet().grids.find((g) => g.level === 'SMALL')!;
    await api.db.dataSource.query(
      `INSERT INTO "case" (category, source, priority, status, description, location, grid_id, grid_path)
       SELECT 'OTHER', 'RESIDENT', 'NORMAL', 'REPORTED', '井盖缺失', ST_SetSRID(ST_MakePoint(120.102, 30.252), 4326), id, path
         FROM grid WHERE code = $1`,
      [small.code],
    );
    const after = await getTile(api, path, { 'if-none-match': before.res.headers.get('etag')! });
    expect(after.res.status).toBe(200);
    const counts: Record<string, unknown> = {};
    for (const tile of tilesCovering(STREET_BBOX, 15)) {
      const { res, bytes } = await getTile(api, `grids/${tile.z}/${tile.x}/${tile.y}.mvt`);
      if (res.status === 200) for (const f of (await decode(bytes)).grids) counts[String(f.properties.code)] = f.properties.open_cases;
    }
    expect(Object.keys(counts)).toHaveLength(fixtureStreet().grids.length);
    expect(counts[small.code]).toBe(1);
    expect(counts[small.code.slice(0, 15)]).toBe(1);
    expect(counts[small.code.slice(0, 12)]).toBe(1);
    const others = Object.entries(counts).filter(([code]) => !small.code.startsWith(code));
    expect(others.length).toBeGreaterThan(0);
    for (const [, n] of others) expect(n).toBe(0);
  });

  it('serves the base map by zoom: main roads and areas below z14, every class close up; the same tile for every viewer', async () => {
    const kindsAt = async (z: number, authorization = api.adminToken) => {
      const kinds = new Map<string, string | undefined>();
      for (const t of tilesCovering(STREET_BBOX, z)) {
        const res = await fetch(`${api.url}/tiles/basemap/${t.z}/${t.x}/${t.y}.mvt`, { headers: { authorization } });
        if (res.status === 204) continue;
        expect(res.status).toBe(200);
        expect(res.headers.get('etag')).toMatch(/^"basemap-v\d+-/);
        const decoded = await decode(new Uint8Array(await res.arrayBuffer()));
        expect(Object.keys(decoded)).toEqual(['basemap']);
        for (const f of decoded.basemap) {
          expect(f.type).toBe(['WATER', 'GREEN'].includes(String(f.properties.kind)) ? 3 : 2);
          kinds.set(String(f.properties.kind), f.properties.name as string | undefined);
        }
      }
      return kinds;
    };
    const z13 = await kindsAt(13);
    expect([...z13.keys()].sort()).toEqual(['GREEN', 'MAIN', 'WATER']);
    expect(z13.get('MAIN')).toBe('中山路');
    expect(z13.get('WATER')).toBe('月塘');
    const z16 = await kindsAt(16);
    expect([...z16.keys()].sort()).toEqual(['GREEN', 'MAIN', 'MINOR', 'PATH', 'SECONDARY', 'WATER']);
    expect(z16.get('SECONDARY')).toBe('学士支路');
    expect((await getTile(api, 'basemap/9/427/211.mvt')).res.status).toBe(204);
    // Not sensitive: a grid leader of one small grid gets the whole base map.
    const leader = await api.userToken({ login: 'basemap-leader', role: 'GRID_LEADER', gridCodes: [fixtureStreet().grids.at(-1)!.code] });
    expect([...(await kindsAt(16, leader)).keys()].sort()).toEqual([...z16.keys()].sort());
  });

  it('makes the same base-map features with both encoders, and a base-map write changes the tile', async () => {
    const service = new TileService(api.db.dataSource, { cacheSize: 0 });
    const [t] = tilesCovering(makeBBox(120.11, 30.26, 120.1101, 30.2601), 17);
    const kinds = async (bytes: Buffer) => ((await decode(bytes)).basemap ?? []).map((f) => String(f.properties.kind)).sort();
    const viaJs = await kinds(await service.render('basemap', t.z, t.x, t.y, 'js'));
    expect(viaJs).toEqual(['MAIN', 'SECONDARY']);
    if (hasMvt) expect(await kinds(await service.render('basemap', t.z, t.x, t.y, 'sql'))).toEqual(viaJs);
    const path = `basemap/${t.z}/${t.x}/${t.y}.mvt`;
    const before = await getTile(api, path);
    await api.db.dataSource.query(
      `INSERT INTO basemap_feature (street_id, code, kind, name, geom)
       SELECT id, 'N9', 'MINOR', NULL, ST_GeomFromText('MULTILINESTRING((120.1095 30.2605, 120.1105 30.2605))', 4326) FROM street`,
    );
    const after = await getTile(api, path, { 'if-none-match': before.res.headers.get('etag')! });
    expect(after.res.status).toBe(200);
    expect(await kinds(Buffer.from(after.bytes))).toEqual(['MAIN', 'MINOR', 'SECONDARY']);
  });

  it('returns every connection when browsers cancel tiles mid-request (a cancelled tile once held its connection for ever)', async () => {
    const pool = (api.db.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    const checkedOut = () => pool.totalCount - pool.idleCount;
    // Distinct tiles (no cache), each cancelled after 0–20 ms: some before, some between, some after the tile's statements.
    const tiles = tilesCovering(STREET_BBOX, 17).slice(0, 60);
    await Promise.all(
      tiles.map(async ({ z, x, y }, i) => {
        const abort = new AbortController();
        setTimeout(() => abort.abort(), i % 21);
        await fetch(`${api.url}/tiles/grids/${z}/${x}/${y}.mvt`, { headers: { authorization: api.adminToken }, signal: abort.signal })
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
      }),
    );
    const deadline = Date.now() + 5_000;
    while (checkedOut() > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    expect(checkedOut()).toBe(0);
    const { res } = await getTile(api, 'grids/14/13657/6746.mvt');
    expect([200, 204]).toContain(res.status);
  });
});
