import { matchQuality, solveGreedy, solveOptimal, type MatchCandidate, type MatchProblem } from './matching.model';

function pair(needId: string, helperId: string, distanceM: number, extra: Partial<MatchCandidate> = {}): MatchCandidate {
  return { needId, helperId, distanceM, sameCommunity: false, thanked: false, ...extra };
}

const pairsOf = (chosen: MatchCandidate[]) => chosen.map((c) => `${c.needId}→${c.helperId}`).sort();

describe('matching model', () => {
  it('beats greedy where greedy takes the only helper of another need', async () => {
    // A is nearer h1 than h2, but B can only be served by h1 (capacity 1).
    const p: MatchProblem = {
      needs: [{ id: 'A', weight: 2 }, { id: 'B', weight: 2 }],
      helpers: [{ id: 'h1', capacity: 1 }, { id: 'h2', capacity: 1 }],
      candidates: [pair('A', 'h1', 100), pair('A', 'h2', 400), pair('B', 'h1', 300)],
    };
    expect(pairsOf(solveGreedy(p))).toEqual(['A→h1']);
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→h2', 'B→h1']);
  });

  it('respects capacity and spreads load by the convex penalty', async () => {
    const p: MatchProblem = {
      needs: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }, { id: 'C', weight: 1 }],
      helpers: [{ id: 'near', capacity: 2 }, { id: 'far', capacity: 5 }],
      candidates: ['A', 'B', 'C'].flatMap((n) => [pair(n, 'near', 100), pair(n, 'far', 200)]),
    };
    const chosen = await solveOptimal(p);
    const q = matchQuality(p, chosen);
    expect(q.covered).toBe(3);
    // near ×2 + far ×1 = 100 + (100 + 150 load) + 200 = 550 beats near ×1 + far ×2 = 100 + 200 + (200 + 150) = 650;
    // near ×3 would break its capacity of 2.
    expect(chosen.filter((c) => c.helperId === 'near')).toHaveLength(2);
    expect(q.maxLoad).toBe(2);
  });

  it('covers the urgent need first when helpers are scarce', async () => {
    const p: MatchProblem = {
      needs: [{ id: 'low', weight: 1 }, { id: 'urgent', weight: 4 }],
      helpers: [{ id: 'h', capacity: 1 }],
      candidates: [pair('low', 'h', 10), pair('urgent', 'h', 900)],
    };
    expect(pairsOf(await solveOptimal(p))).toEqual(['urgent→h']);
  });

  it('prefers a same-community, previously thanked helper over a slightly nearer stranger', async () => {
    const p: MatchProblem = {
      needs: [{ id: 'A', weight: 2 }],
      helpers: [{ id: 'stranger', capacity: 1 }, { id: 'known', capacity: 1 }],
      candidates: [pair('A', 'stranger', 300), pair('A', 'known', 600, { sameCommunity: true, thanked: true })],
    };
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→known']);
  });

  it('leaves a need with no candidate uncovered and never uses a zero-capacity helper', async () => {
    const p: MatchProblem = {
      needs: [{ id: 'A', weight: 2 }, { id: 'B', weight: 2 }],
      helpers: [{ id: 'h0', capacity: 0 }, { id: 'h1', capacity: 1 }],
      candidates: [pair('A', 'h0', 10), pair('A', 'h1', 50)],
    };
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→h1']);
    expect(pairsOf(solveGreedy(p))).toEqual(['A→h1']);
  });

  it('answers nothing for an empty problem', async () => {
    expect(await solveOptimal({ needs: [], helpers: [], candidates: [] })).toEqual([]);
  });
});
