export type SearchQuery =
  { kind: 'case'; id: string } | { kind: 'gridCode'; code: string } | { kind: 'gridName'; name: string } | { kind: 'empty' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a search box entry asks for: a case number (its id), a grid code (digits), else a grid name. */
export function parseSearch(input: string): SearchQuery {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  if (UUID.test(text)) return { kind: 'case', id: text.toLowerCase() };
  if (/^\d{9,19}$/.test(text)) return { kind: 'gridCode', code: text };
  return { kind: 'gridName', name: text };
}
