/** One input of a score, as the API explains it. */
export interface AssessmentInput {
  code: string;
  value: number | null;
  basis: number;
  target: number;
  weight: number;
  higherIsBetter: boolean;
  points: number | null;
}

export interface AssessmentEntry {
  subjectId: string;
  name: string;
  subjectLevel: string;
  gridId: string;
  communityId: string | null;
  communityName: string | null;
  score: number | null;
  rank: number;
  communityRank: number;
  inputs: AssessmentInput[];
}

/** Inputs measured in hours (the rest are rates shown as percentages). */
const HOURS = new Set(['WISH_CLAIM_HOURS', 'SERVICE_HOURS']);
export const isHours = (code: string) => HOURS.has(code);

/** The month `YYYY-MM` in China Standard Time (the street's clock) at `now`, `back` months before. */
export function assessmentMonth(now: number, back = 0): string {
  const d = new Date(now + 8 * 3600_000);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
  return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The communities (LARGE grids) ranked best first: the wall's per-community ranking. */
export function communityRanking(entries: readonly AssessmentEntry[]): AssessmentEntry[] {
  return entries.filter((e) => e.subjectLevel === 'LARGE').sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
}

/** A score or points, one decimal; a dash without data. */
export function formatScore(n: number | null): string {
  return n == null ? '—' : n.toFixed(1);
}
