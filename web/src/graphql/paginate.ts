import type { PageInfo } from './types';

export interface Page<T> {
  nodes: readonly T[];
  pageInfo: PageInfo;
}

/** Stops a server that keeps saying `hasNextPage` from paging forever (500 × 1000 grids is far past a megacity). */
const MAX_PAGES = 1000;

/**
 * Follows a cursor connection to its end and returns every node in order.
 * `fetchPage(null)` fetches the first page; each later call passes the previous `endCursor`.
 * Throws when the cursor does not advance, rather than looping or silently truncating.
 */
export async function collectAllPages<T>(fetchPage: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page: Page<T> = await fetchPage(after);
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    const next = page.pageInfo.endCursor;
    if (next === null || next === after) {
      throw new Error(`pagination did not advance after ${all.length} nodes (endCursor ${String(next)})`);
    }
    after = next;
  }
  throw new Error(`pagination stopped after ${MAX_PAGES} pages`);
}
