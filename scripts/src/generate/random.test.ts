import { hashSeed, Random, weightedTable } from './random';

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (rng) => () =>
            rng.next()
        )(new Random(seed)),
      );
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps int() within both bounds and reaches each of them', () => {
    const rng = new Random(7);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws weighted values in proportion to their weights', () => {
    const rng = new Random(1);
    const table = weightedTable([
      ['a', 1],
      ['b', 3],
    ] as const);
    const bs = Array.from({ length: 10000 }, () => rng.weighted(table)).filter((v) => v === 'b').length;
    expect(bs / 10000).toBeGreaterThan(0.72);
    expect(bs / 10000).toBeLessThan(0.78);
  });

  it('forks independent streams by label', () => {
    const root = new Random(9);
    expect(root.fork('a').next()).toBe(new Random(9).fork('a').next());
    expect(root.fork('a').next()).not.toBe(root.fork('b').next());
    expect(hashSeed(1, 'x')).not.toBe(hashSeed(2, 'x'));
  });
});
