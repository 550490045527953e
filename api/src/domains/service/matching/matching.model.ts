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

/** When a helper is busy with a task: ISO weekday and [startMinute, endMinute) from midnight. */
export interface MatchSlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/**
 * A feasible pair: skill, will to serve, availability overlap and travel radius were
 * checked when the pair was generated, so every candidate may be chosen on its own;
 * together, a helper's chosen pairs must not overlap in time.
 */
export interface MatchCandidate {
  needId: string;
  helperId: string;
  distanceM: number;
  /** The helper is registered with the need's community. */
  sameCommunity: boolean;
  /** The household has thanked this helper before (a thanked wish or a completed task). */
  thanked: boolean;
  /** The time the helper is committed to if chosen (the overlap of the two windows); none: never clashes. */
  slot?: MatchSlot;
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

/** Metres per minute of a slot's start: on a tie the earlier time wins (at most 0.144 m). */
export const EARLIER_SLOT_M_PER_MINUTE = 0.0001;

/** The cost of a pair in metres: distance less the preferences (and, by a hair, the later start). */
export function pairCost(c: MatchCandidate): number {
  return (
    c.distanceM -
    (c.sameCommunity ? SAME_COMMUNITY_BONUS_M : 0) -
    (c.thanked ? THANKED_BONUS_M : 0) +
    (c.slot ? c.slot.startMinute * EARLIER_SLOT_M_PER_MINUTE : 0)
  );
}

/** Two slots clash when they share a weekday and their half-open intervals meet: [9:00,10:00) and [10:00,11:00) do not. */
export function slotsOverlap(a: MatchSlot, b: MatchSlot): boolean {
  return a.weekday === b.weekday && a.startMinute < b.endMinute && b.startMinute < a.endMinute;
}

/**
 * Greedy baseline: most urgent needs first, each takes its nearest helper with capacity
 * left and no task at an overlapping time. What a coordinator does by hand, and the
 * benchmark's yardstick.
 */
export function solveGreedy(p: MatchProblem): MatchCandidate[] {
  const left = new Map(p.helpers.map((h) => [h.id, h.capacity]));
  const busy = new Map<string, MatchSlot[]>();
  const byNeed = groupCandidates(p.candidates);
  const order = p.needs.map((n, i) => ({ n, i })).sort((a, b) => b.n.weight - a.n.weight || a.i - b.i);
  const chosen: MatchCandidate[] = [];
  const free = (c: MatchCandidate) => !c.slot || !(busy.get(c.helperId) ?? []).some((s) => slotsOverlap(s, c.slot as MatchSlot));
  for (const { n } of order) {
    const options = (byNeed.get(n.id) ?? []).slice().sort((a, b) => a.distanceM - b.distanceM);
    const pick = options.find((c) => (left.get(c.helperId) ?? 0) > 0 && free(c));
    if (!pick) continue;
    left.set(pick.helperId, (left.get(pick.helperId) ?? 0) - 1);
    if (pick.slot) push(busy, pick.helperId, pick.slot);
    chosen.push(pick);
  }
  return chosen;
}

/**
 * The optimal assignment, solved by HiGHS: x(pair) ∈ {0,1}; each need at most once; each
 * helper's tasks fill load slots y(helper,k) ∈ [0,1], k ≤ capacity, whose costs rise
 * with k (a convex load penalty, so the cheap slots fill first and load spreads); and a
 * helper is in one place at a time: for every maximal set of their pairs whose slots
 * overlap (a clique of intervals, see overlapCliques), Σ x ≤ 1. Without clique rows the
 * matrix is a network matrix, so it is solved as an LP whose simplex vertex is integral
 * (a fractional answer, never seen, is solved again with binaries). Clique rows break
 * that and the LP answer comes out fractional on real data, so then it is solved with
 * binaries at once (on the demo street that is faster than the LP and the retry
 * together; see BENCHMARKS.md). Objective: minimise Σ (pairCost − COVER_REWARD·weight)·x
 * + Σ LOAD_STEP·(k−1)·y, i.e. cover the most urgency, then the least distance and load.
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
  const cliques = overlapCliques(candidates);
  cliques.forEach((pairs, j) => rows.push(`t${j}: ${pairs.map((i) => `+ x${i}`).join(' ')} <= 1`));
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
  const solve = (binaries: boolean) => {
    const answer = binaries
      ? highs.solve(lp(true), { output_flag: false })
      : highs.solve(lp(false), { output_flag: false, solver: 'simplex' });
    if (answer.Status !== 'Optimal') throw new Error(`matching: HiGHS ended with ${answer.Status}`);
    return answer;
  };
  let result = solve(cliques.length > 0);
  const value = (i: number): number => {
    const column = result.Columns[`x${i}`];
    return column && 'Primal' in column ? column.Primal : 0;
  };
  if (candidates.some((_, i) => value(i) > 1e-6 && value(i) < 1 - 1e-6)) result = solve(true);
  return candidates.filter((_, i) => value(i) > 0.5);
}

/**
 * The maximal sets of one helper's candidates busy at the same time, as indices: per
 * helper and weekday, at each distinct slot start t the candidates with start ≤ t < end,
 * kept when it has two or more and is not contained in the set at the next start. For
 * intervals these are exactly the maximal cliques, so Σ x ≤ 1 over each forbids every
 * overlapping pair.
 */
export function overlapCliques(candidates: MatchCandidate[]): number[][] {
  const groups = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    if (c.slot) push(groups, `${c.helperId}/${c.slot.weekday}`, i);
  });
  const cliques: number[][] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const slot = (i: number) => candidates[i].slot as MatchSlot;
    const starts = [...new Set(group.map((i) => slot(i).startMinute))].sort((a, b) => a - b);
    starts.forEach((t, k) => {
      const busy = group.filter((i) => slot(i).startMinute <= t && t < slot(i).endMinute);
      const next = starts[k + 1];
      const containedInNext = next !== undefined && busy.every((i) => slot(i).endMinute > next);
      if (busy.length >= 2 && !containedInNext) cliques.push(busy);
    });
  }
  return cliques;
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

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
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
