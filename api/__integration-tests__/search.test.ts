import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const SEARCH = `query ($t: String!, $first: Int) { search(text: $t, first: $first) { kind id title subtitle level point bbox } }`;
interface Hit {
  kind: string;
  id: string;
  title: string;
  subtitle: string | null;
  level: string | null;
  point: number[] | null;
  bbox: number[] | null;
}
const search = async (t: string, first?: number, token?: string) => {
  const res = token
    ? await api.gqlAs<{ search: Hit[] }>(token, SEARCH, { t, first })
    : await api.gql<{ search: Hit[] }>(SEARCH, { t, first });
  return res;
};

describe('搜索 — the search box on the server', () => {
  it('finds a small grid by name with its label point and box, whatever the map has loaded', async () => {
    const { data, errors } = await search('1号楼网格');
    expect(errors).toBeUndefined();
    const grids = data!.search.filter((h) => h.kind === 'GRID');
    expect(grids.length).toBeGreaterThan(0);
    for (const g of grids) {
      expect(g.title).toContain('1号楼网格');
      expect(g.level).toBe('SMALL');
      const [w, s, e, n] = g.bbox!;
      const [lng, lat] = g.point!;
      expect(lng).toBeGreaterThanOrEqual(w);
      expect(lng).toBeLessThanOrEqual(e);
      expect(lat).toBeGreaterThanOrEqual(s);
      expect(lat).toBeLessThanOrEqual(n);
    }
  });

  it('puts an exact grid code first, and finds buildings and households by address', async () => {
    const code = '3301060010010010001';
    const byCode = (await search(code)).data!.search;
    expect(byCode[0]).toMatchObject({ kind: 'GRID', subtitle: code, level: 'SMALL' });
    const hits = (await search('示例路111号')).data!.search;
    expect(hits.find((h) => h.kind === 'BUILDING')).toMatchObject({ subtitle: '示例路111号' });
    const households = hits.filter((h) => h.kind === 'HOUSEHOLD');
    expect(households.length).toBeGreaterThan(0);
    for (const h of households) expect(h.title.startsWith('示例路111号')).toBe(true);
  });

  it('takes % and _ in the text literally, and pages each kind by first', async () => {
    expect((await search('%')).data!.search).toEqual([]);
    expect((await search('_')).data!.search).toEqual([]);
    const two = (await search('区', 2)).data!.search;
    expect(two.filter((h) => h.kind === 'GRID')).toHaveLength(2);
  });

  it('answers bad input with the field at fault', async () => {
    for (const [t, first, field] of [
      ['  ', undefined, 'text'],
      ['区', 0, 'first'],
      ['区', 51, 'first'],
      ['x'.repeat(101), undefined, 'text'],
    ] as const) {
      const { errors } = await search(t, first);
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it("finds only what the caller may see: another community's leader finds none of this one", async () => {
    const elsewhere = await api.userToken({ login: 'search-leader-e', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
    const hits = (await search('示例路', 50, elsewhere)).data!.search;
    const buildings = hits.filter((h) => h.kind === 'BUILDING');
    expect(buildings.length).toBeGreaterThan(0);
    expect(buildings.every((h) => h.subtitle!.startsWith('示例路2'))).toBe(true);
    expect(hits.filter((h) => h.kind === 'HOUSEHOLD').every((h) => h.title.startsWith('示例路2'))).toBe(true);
    expect((await search('示例路1', 50, elsewhere)).data!.search).toEqual([]);
  });
});
