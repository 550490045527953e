/** A 双评议 rating, 1 (poor) to 5 (excellent). */
export type Rating = 1 | 2 | 3 | 4 | 5;
/** The ratings as a form offers them, best first. */
export const RATINGS: readonly Rating[] = [5, 4, 3, 2, 1];

/** The translation key of a rating's words (clamped to 1–5, so a raw number never shows). */
export function ratingKey(n: number): `evaluation.rating.${Rating}` {
  const r = Math.min(5, Math.max(1, Math.round(n))) as Rating;
  return `evaluation.rating.${r}`;
}
