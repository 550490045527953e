import { geometryBBox, unionBBox } from '../../domain/grids/bbox';
import { bestHit, parseSearch } from './search';

describe('search', () => {
  it('opens a case id directly and searches everything else on the server', () => {
    expect(parseSearch(' 8D27C42C-AE19-4DEA-B62A-51DD89A9B72A ')).toEqual({ kind: 'case', id: '8d27c42c-ae19-4dea-b62a-51dd89a9b72a' });
    expect(parseSearch(' 20261205-0042 ')).toEqual({ kind: 'text', text: '20261205-0042' });
    expect(parseSearch('1号小区')).toEqual({ kind: 'text', text: '1号小区' });
    expect(parseSearch('  ')).toEqual({ kind: 'empty' });
  });

  it('goes straight to the only hit or to an exact code or number, else lists them', () => {
    const grid = { kind: 'GRID' as const, id: 'g', title: '1号楼网格', subtitle: '3301060010010010001' };
    const other = { kind: 'GRID' as const, id: 'h', title: '1号楼网格', subtitle: '3301060010010020001' };
    const c = { kind: 'CASE' as const, id: 'c', title: '20261205-0042' };
    expect(bestHit([grid], '1号楼')).toBe(grid);
    expect(bestHit([grid, other], '1号楼')).toBeNull();
    expect(bestHit([other, grid], '3301060010010010001')).toBe(grid);
    expect(bestHit([grid, c], '20261205-0042')).toBe(c);
    expect(bestHit([], 'x')).toBeNull();
  });

  it('boxes a grid geometry and unions boxes', () => {
    expect(
      geometryBBox({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [120.1, 30.25],
              [120.105, 30.25],
              [120.105, 30.26],
              [120.1, 30.25],
            ],
          ],
        ],
      }),
    ).toEqual([120.1, 30.25, 120.105, 30.26]);
    expect(
      unionBBox([
        [0, 0, 1, 1],
        [2, -1, 3, 0.5],
      ]),
    ).toEqual([0, -1, 3, 1]);
    expect(unionBBox([])).toBeNull();
  });
});
