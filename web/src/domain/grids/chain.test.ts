import type { GridDetail, GridLevel } from '../../graphql/types';
import { orderChain } from './chain';

function grid(level: GridLevel): GridDetail {
  return {
    id: level,
    code: level,
    name: level,
    level,
    areaM2: 1,
    counts: { buildings: 0, households: 0, residents: 0 },
    leaders: [],
  };
}

describe('orderChain', () => {
  it('orders the chain from the small grid out to the large one', () => {
    expect(orderChain([grid('LARGE'), grid('SMALL'), grid('MEDIUM')]).map((g) => g.level)).toEqual(['SMALL', 'MEDIUM', 'LARGE']);
  });

  it('keeps a partial chain and does not change its input', () => {
    const input = [grid('LARGE'), grid('MEDIUM')];
    expect(orderChain(input).map((g) => g.level)).toEqual(['MEDIUM', 'LARGE']);
    expect(input.map((g) => g.level)).toEqual(['LARGE', 'MEDIUM']);
  });
});
