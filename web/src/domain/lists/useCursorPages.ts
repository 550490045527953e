import { useState } from 'react';

/**
 * Page-by-page paging over a cursor connection: the cursors of the pages before this one
 * are kept, so "previous" is just the cursor one back. `reset` goes to the first page (a new filter).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  return {
    after,
    page: cursors.length,
    next: (endCursor: string | null) => endCursor && setCursors((c) => [...c, endCursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([null]),
  };
}
