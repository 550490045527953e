import loadHighs from 'highs';

/** A need to be covered this period; `weight` grows with urgency (LOW 1 … URGENT 4). */
export interface MatchNeed {
  id: string;
  weight: number;
}

/** A helper with the tasks they will still take this period. */
export interface MatchHelper {
  id: string;
  capacity: number;
}

/**
 * A feasible pair: skill, will to serve, availability overlap and travel radius were
 * checked when the pair was generated, so every candidate may be chosen.
 */
export interface MatchCandidate {
  needId: string;
  helperId: string;
  distanceM: number;
  /** The helper is registered with the need's community. */
  sameCommunity: boolean;
  /** The household has thanked this helper before (a thanked wish or a completed task). */
  thanked: boolean;
}

export interface MatchProblem {
  needs: MatchNeed[];
  helpers: MatchHelper[];
  candidates: MatchCandidate[];
}

export interface MatchQuality {
  covered: number;
  /** Coverage weighted by urgency. */
  weightedCovered: number;
  totalDistanceM: number;
  maxLoad: number;
}

/** Reward for covering one unit of need weight: far above any distance, so coverage comes first. */
export const COVER_REWARD = 1_000_000;
/** Metres a same-community helper is worth. */
export const SAME_COMMUNITY_BONUS_M = 300;
/** Metres a previously thanked helper is worth. */
export const THANKED_BONUS_M = 200;
/** Convex load penalty: a helper's k-th task this period costs LOAD_STEP_M × (k − 1) metres. */
export const LOAD_STEP_M = 150;

/** The cost of a pair in metres: distance less the preferences. */
export function pairCost(c: MatchCandidate): number {
  return c.distanceM - (c.sameCommunity ? SAME_COMMUNITY_BONUS_M : 0) - (c.thanked ? THANKED_BONUS_M : 0);
}

/**
 * Greedy baseline: most urgent needs first, each takes its nearest helper with capacity
 * left. What a coordinator does by hand, and the benchmark's yardstick.
 */
export function solveGreedy(p: MatchProblem): MatchCandidate[] {
  const left = new Map(p.helpers.map((h) => [h.id, h.capacity]));
  const byNeed = groupCandidates(p.candidates);
  const order = p.needs.map((n, i) => ({ n, i })).sort((a, b) => b.n.weight - a.n.weight || a.i - b.i);
  const chosen: MatchCandidate[] = [];
  for (const { n } of order) {
    const options = (byNeed.get(n.id) ?? []).slice().sort((a, b) => a.distanceM - b.distanceM);
    const pick = options.find((c) => (left.get(c.helperId) ?? 0) > 0);
    if (!pick) continue;
    left.set(pick.helperId, (left.get(pick.helperId) ?? 0) - 1);
    chosen.push(pick);
  }
  return chosen;
}

/**
 * The optimal assignment as a min-cost flow written as an LP and solved by HiGHS:
 * x(pair) ∈ [0,1]; each need at most once; each helper's tasks fill load slots
 * y(helper,k) ∈ [0,1], k ≤ capacity, whose costs rise with k (a convex load penalty,
 * so the cheap slots fill first and load spreads). The constraint matrix is a network
 * matrix, so the simplex vertex is integral; a fractional answer (never seen) falls back
 * to solving with binaries. Objective: minimise Σ (pairCost − COVER_REWARD·weight)·x +
 * Σ LOAD_STEP·(k−1)·y, i.e. cover the most urgency, then the least distance and load.
 */
export async function solveOptimal(p: MatchProblem): Promise<MatchCandidate[]> {
  const weight = new Map(p.needs.map((n) => [n.id, n.weight]));
  const capacity = new Map(p.helpers.map((h) => [h.id, h.capacity]));
  const candidates = p.candidates.filter((c) => weight.has(c.needId) && (capacity.get(c.helperId) ?? 0) > 0);
  if (!candidates.length) return [];
  const byNeed = new Map<string, number[]>();
  const byHelper = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    push(byNeed, c.needId, i);
    push(byHelper, c.helperId, i);
  });
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  candidates.forEach((c, i) => {
    objective.push(term(pairCost(c) - COVER_REWARD * (weight.get(c.needId) ?? 1), `x${i}`));
    bounds.push(`x${i} <= 1`);
  });
  let r = 0;
  for (const pairs of byNeed.values()) rows.push(`n${r++}: ${pairs.map((i) => `+ x${i}`).join(' ')} <= 1`);
  let h = 0;
  let y = 0;
  for (const [helperId, pairs] of byHelper) {
    const slots = Math.min(capacity.get(helperId) ?? 0, pairs.length);
    const ys: string[] = [];
    for (let k = 0; k < slots; k++, y++) {
      if (k > 0) objective.push(term(LOAD_STEP_M * k, `y${y}`));
      bounds.push(`y${y} <= 1`);
      ys.push(`- y${y}`);
    }
    rows.push(`h${h++}: ${pairs.map((i) => `+ x${i}`).join(' ')} ${ys.join(' ')} = 0`);
  }
  const lp = (binaries: boolean) =>
    [
      'Minimize',
      ` obj: ${objective.join(' ')}`,
      'Subject To',
      ...rows.map((row) => ` ${row}`),
      'Bounds',
      ...bounds.map((b) => ` ${b}`),
      ...(binaries ? ['Binaries', ` ${candidates.map((_, i) => `x${i}`).join(' ')}`] : []),
      'End',
    ].join('\n');
  const highs = await solver();
  let result = highs.solve(lp(false), { output_flag: false, solver: 'simplex' });
  if (result.Status !== 'Optimal') throw new Error(`matching: HiGHS ended with ${result.Status}`);
  const value = (i: number): number => {
    const column = result.Columns[`x${i}`];
    return column && 'Primal' in column ? column.Primal : 0;
  };
  if (candidates.some((_, i) => value(i) > 1e-6 && value(i) < 1 - 1e-6)) {
    result = highs.solve(lp(true), { output_flag: false });
    if (result.Status !== 'Optimal') throw new Error(`matching: HiGHS ended with ${result.Status}`);
  }
  return candidates.filter((_, i) => value(i) > 0.5);
}

/** Needs covered, urgency covered, total distance and the largest load of an assignment. */
export function matchQuality(p: MatchProblem, chosen: MatchCandidate[]): MatchQuality {
  const weight = new Map(p.needs.map((n) => [n.id, n.weight]));
  const load = new Map<string, number>();
  for (const c of chosen) load.set(c.helperId, (load.get(c.helperId) ?? 0) + 1);
  return {
    covered: chosen.length,
    weightedCovered: chosen.reduce((s, c) => s + (weight.get(c.needId) ?? 0), 0),
    totalDistanceM: Math.round(chosen.reduce((s, c) => s + c.distanceM, 0)),
    maxLoad: Math.max(0, ...load.values()),
  };
}

let loaded: ReturnType<typeof loadHighs> | undefined;
/** One WebAssembly instance per process: loading compiles the module. */
function solver(): ReturnType<typeof loadHighs> {
  loaded ??= loadHighs();
  return loaded;
}

function term(coef: number, name: string): string {
  const c = Math.round(coef * 1000) / 1000;
  return `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${name}`;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function groupCandidates(candidates: MatchCandidate[]): Map<string, MatchCandidate[]> {
  const map = new Map<string, MatchCandidate[]>();
  for (const c of candidates) {
    const list = map.get(c.needId);
    if (list) list.push(c);
    else map.set(c.needId, [c]);
  }
  return map;
}
