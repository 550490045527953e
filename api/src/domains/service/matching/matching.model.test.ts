import {
  matchQuality,
  overlapCliques,
  solveGreedy,
  solveOptimal,
  type MatchCandidate,
  type MatchProblem,
  type MatchSlot,
} from './matching.model';

function pair(needId: string, helperId: string, distanceM: number, extra: Partial<MatchCandidate> = {}): MatchCandidate {
  return { needId, helperId, distanceM, sameCommunity: false, thanked: false, ...extra };
}

/** Tuesday h:00 to h2:00. */
const tue = (from: number, to: number): MatchSlot => ({ weekday: 2, startMinute: from * 60, endMinute: to * 60 });

const pairsOf = (chosen: MatchCandidate[]) => chosen.map((c) => `${c.needId}→${c.helperId}`).sort();

describe('matching model', () => {
  it('beats greedy where greedy takes the only helper of another need', async () => {
    // A is nearer h1 than h2, but B can only be served by h1 (capacity 1).
    const p: MatchProblem = {
      needs: [
        { id: 'A', weight: 2 },
        { id: 'B', weight: 2 },
      ],
      helpers: [
        { id: 'h1', capacity: 1 },
        { id: 'h2', capacity: 1 },
      ],
      candidates: [pair('A', 'h1', 100), pair('A', 'h2', 400), pair('B', 'h1', 300)],
    };
    expect(pairsOf(solveGreedy(p))).toEqual(['A→h1']);
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→h2', 'B→h1']);
  });

  it('respects capacity and spreads load by the convex penalty', async () => {
    const p: MatchProblem = {
      needs: [
        { id: 'A', weight: 1 },
        { id: 'B', weight: 1 },
        { id: 'C', weight: 1 },
      ],
      helpers: [
        { id: 'near', capacity: 2 },
        { id: 'far', capacity: 5 },
      ],
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
      needs: [
        { id: 'low', weight: 1 },
        { id: 'urgent', weight: 4 },
      ],
      helpers: [{ id: 'h', capacity: 1 }],
      candidates: [pair('low', 'h', 10), pair('urgent', 'h', 900)],
    };
    expect(pairsOf(await solveOptimal(p))).toEqual(['urgent→h']);
  });

  it('prefers a same-community, previously thanked helper over a slightly nearer stranger', async () => {
    const p: MatchProblem = {
      needs: [{ id: 'A', weight: 2 }],
      helpers: [
        { id: 'stranger', capacity: 1 },
        { id: 'known', capacity: 1 },
      ],
      candidates: [pair('A', 'stranger', 300), pair('A', 'known', 600, { sameCommunity: true, thanked: true })],
    };
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→known']);
  });

  it('leaves a need with no candidate uncovered and never uses a zero-capacity helper', async () => {
    const p: MatchProblem = {
      needs: [
        { id: 'A', weight: 2 },
        { id: 'B', weight: 2 },
      ],
      helpers: [
        { id: 'h0', capacity: 0 },
        { id: 'h1', capacity: 1 },
      ],
      candidates: [pair('A', 'h0', 10), pair('A', 'h1', 50)],
    };
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→h1']);
    expect(pairsOf(solveGreedy(p))).toEqual(['A→h1']);
  });

  it('answers nothing for an empty problem', async () => {
    expect(await solveOptimal({ needs: [], helpers: [], candidates: [] })).toEqual([]);
  });
  it('never gives one helper two tasks at overlapping times, even with capacity for both', async () => {
    const p: MatchProblem = {
      needs: [
        { id: 'A', weight: 2 },
        { id: 'B', weight: 2 },
      ],
      helpers: [{ id: 'h', capacity: 2 }],
      candidates: [pair('A', 'h', 100, { slot: tue(9, 10) }), pair('B', 'h', 200, { slot: tue(9.5, 10.5) })],
    };
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→h']);
  });

  it('sends a second, farther helper to the overlapping need', async () => {
    const p: MatchProblem = {
      needs: [
        { id: 'A', weight: 2 },
        { id: 'B', weight: 2 },
      ],
      helpers: [
        { id: 'near', capacity: 2 },
        { id: 'far', capacity: 2 },
      ],
      candidates: [
        pair('A', 'near', 100, { slot: tue(9, 10) }),
        pair('B', 'near', 100, { slot: tue(9, 10) }),
        pair('A', 'far', 2000, { slot: tue(9, 10) }),
        pair('B', 'far', 2500, { slot: tue(9, 10) }),
      ],
    };
    // near takes one and far the other; far is cheaper on A (2000 < 2500), so near takes B.
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→far', 'B→near']);
  });

  it('gives back-to-back tasks to the same helper: [9:00,10:00) and [10:00,11:00) do not overlap', async () => {
    const p: MatchProblem = {
      needs: [
        { id: 'A', weight: 2 },
        { id: 'B', weight: 2 },
      ],
      helpers: [
        { id: 'h', capacity: 2 },
        { id: 'far', capacity: 2 },
      ],
      candidates: [
        pair('A', 'h', 100, { slot: tue(9, 10) }),
        pair('B', 'h', 100, { slot: tue(10, 11) }),
        pair('B', 'far', 5000, { slot: tue(10, 11) }),
      ],
    };
    expect(overlapCliques(p.candidates)).toEqual([]);
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→h', 'B→h']);
  });

  it(
    'picks a start time for each need when a pair comes with several: ' +
      'two needs wanted 9–11 go to one helper at 9 and at 10, the earlier hour first on a tie',
    async () => {
      const p: MatchProblem = {
        needs: [
          { id: 'A', weight: 2 },
          { id: 'B', weight: 2 },
        ],
        helpers: [{ id: 'h', capacity: 2 }],
        candidates: ['A', 'B'].flatMap((n) => [pair(n, 'h', 100, { slot: tue(9, 10) }), pair(n, 'h', 100, { slot: tue(10, 11) })]),
      };
      const chosen = await solveOptimal(p);
      expect(chosen.map((c) => c.slot?.startMinute).sort()).toEqual([540, 600]);
      expect(new Set(chosen.map((c) => c.needId))).toEqual(new Set(['A', 'B']));
      expect(solveGreedy(p).map((c) => `${c.needId}@${c.slot?.startMinute}`)).toEqual(['A@540', 'B@600']);
      const one = await solveOptimal({
        ...p,
        needs: [{ id: 'A', weight: 2 }],
        candidates: p.candidates.filter((c) => c.needId === 'A').reverse(),
      });
      expect(one.map((c) => c.slot?.startMinute)).toEqual([540]);
    },
  );

  it('gives the same hours on different weekdays to the same helper', async () => {
    const p: MatchProblem = {
      needs: [
        { id: 'A', weight: 2 },
        { id: 'B', weight: 2 },
      ],
      helpers: [{ id: 'h', capacity: 2 }],
      candidates: [pair('A', 'h', 100, { slot: tue(9, 10) }), pair('B', 'h', 100, { slot: { ...tue(9, 10), weekday: 3 } })],
    };
    expect(pairsOf(await solveOptimal(p))).toEqual(['A→h', 'B→h']);
  });

  it('greedy skips a helper already busy at that time and takes the next nearest', () => {
    const p: MatchProblem = {
      needs: [
        { id: 'A', weight: 4 },
        { id: 'B', weight: 2 },
        { id: 'C', weight: 1 },
      ],
      helpers: [
        { id: 'near', capacity: 3 },
        { id: 'far', capacity: 3 },
      ],
      candidates: [
        pair('A', 'near', 100, { slot: tue(9, 10) }),
        pair('B', 'near', 100, { slot: tue(9.5, 11) }),
        pair('B', 'far', 900, { slot: tue(9.5, 11) }),
        pair('C', 'near', 100, { slot: tue(10, 12) }),
      ],
    };
    // A (most urgent) takes near 9–10; B overlaps it, so far; C at 10–12 overlaps nothing of near's.
    expect(pairsOf(solveGreedy(p))).toEqual(['A→near', 'B→far', 'C→near']);
  });

  it('finds the maximal sets of overlapping slots per helper and weekday', () => {
    const candidates = [
      pair('A', 'h', 1, { slot: tue(9, 11) }),
      pair('B', 'h', 1, { slot: tue(10, 12) }),
      pair('C', 'h', 1, { slot: tue(11, 13) }),
      pair('D', 'h', 1, { slot: tue(10.5, 10.75) }),
      pair('E', 'other', 1, { slot: tue(9, 11) }),
      pair('F', 'h', 1),
    ];
    // at 10:00 {A,B} ⊂ {A,B,D} at 10:30; at 11:00 {B,C}; A and C only touch.
    expect(overlapCliques(candidates)).toEqual([
      [0, 1, 3],
      [1, 2],
    ]);
  });
});
