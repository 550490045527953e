import { geometryBBox, unionBBox } from '../../domain/grids/bbox';
import { parseSearch } from './search';

describe('search', () => {
  it('tells case numbers, grid codes and grid names apart', () => {
    expect(parseSearch(' 8D27C42C-AE19-4DEA-B62A-51DD89A9B72A ')).toEqual({ kind: 'case', id: '8d27c42c-ae19-4dea-b62a-51dd89a9b72a' });
    expect(parseSearch(' 20261205-0042 ')).toEqual({ kind: 'caseNumber', number: '20261205-0042' });
    expect(parseSearch('3301060010010010001')).toEqual({ kind: 'gridCode', code: '3301060010010010001' });
    expect(parseSearch('1号小区')).toEqual({ kind: 'gridName', name: '1号小区' });
    expect(parseSearch('  ')).toEqual({ kind: 'empty' });
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
