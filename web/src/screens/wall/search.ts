export type SearchQuery =
  | { kind: 'case'; id: string }
  | { kind: 'caseNumber'; number: string }
  | { kind: 'gridCode'; code: string }
  | { kind: 'gridName'; name: string }
  | { kind: 'empty' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 事件编号 as people read it out: the report day and its order that day (YYYYMMDD-NNNN). */
const CASE_NUMBER = /^\d{8}-\d{4,6}$/;

/** What a search box entry asks for: a case number (readable, or its id), a grid code (digits), else a grid name. */
export function parseSearch(input: string): SearchQuery {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  if (UUID.test(text)) return { kind: 'case', id: text.toLowerCase() };
  if (CASE_NUMBER.test(text)) return { kind: 'caseNumber', number: text };
  if (/^\d{9,19}$/.test(text)) return { kind: 'gridCode', code: text };
  return { kind: 'gridName', name: text };
}
