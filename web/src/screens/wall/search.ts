export type SearchQuery = { kind: 'case'; id: string } | { kind: 'text'; text: string } | { kind: 'empty' };

/** A search hit as the API answers it (`search`). */
export interface Hit {
  kind: 'GRID' | 'BUILDING' | 'HOUSEHOLD' | 'CASE';
  id: string;
  title: string;
  subtitle?: string | null;
  level?: 'LARGE' | 'MEDIUM' | 'SMALL' | null;
  point?: readonly number[] | null;
  bbox?: readonly number[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case's id opens it directly; anything else is searched on the server (names, codes, addresses, case numbers). */
export function parseSearch(input: string): SearchQuery {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  if (UUID.test(text)) return { kind: 'case', id: text.toLowerCase() };
  return { kind: 'text', text };
}

/**
 * The hit to go to without asking: the only one, or the one whose code or number is exactly
 * the text (a grid code, a case number). Otherwise null: the hits are listed to pick from.
 */
export function bestHit<H extends Hit>(hits: readonly H[], text: string): H | null {
  if (hits.length === 1) return hits[0];
  return hits.find((h) => (h.kind === 'GRID' && h.subtitle === text) || (h.kind === 'CASE' && h.title === text)) ?? null;
}
