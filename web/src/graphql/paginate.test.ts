import { collectAllPages, type Page } from './paginate';

function pagesOf(pages: Page<number>[]) {
  const calls: (string | null)[] = [];
  const fetchPage = async (after: string | null) => {
    calls.push(after);
    const index = after === null ? 0 : Number(after.replace('c', ''));
    return pages[index];
  };
  return { fetchPage, calls };
}

describe('collectAllPages', () => {
  it('returns a single page as is', async () => {
    const { fetchPage, calls } = pagesOf([{ nodes: [1, 2], pageInfo: { hasNextPage: false, endCursor: 'c1' } }]);
    await expect(collectAllPages(fetchPage)).resolves.toEqual([1, 2]);
    expect(calls).toEqual([null]);
  });

  it('follows endCursor until hasNextPage is false', async () => {
    const { fetchPage, calls } = pagesOf([
      { nodes: [1, 2], pageInfo: { hasNextPage: true, endCursor: 'c1' } },
      { nodes: [3, 4], pageInfo: { hasNextPage: true, endCursor: 'c2' } },
      { nodes: [5], pageInfo: { hasNextPage: false, endCursor: null } },
    ]);
    await expect(collectAllPages(fetchPage)).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(calls).toEqual([null, 'c1', 'c2']);
  });

  it('handles an empty connection', async () => {
    const { fetchPage } = pagesOf([{ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } }]);
    await expect(collectAllPages(fetchPage)).resolves.toEqual([]);
  });

  it('throws when a next page is promised without a cursor', async () => {
    const { fetchPage } = pagesOf([{ nodes: [1], pageInfo: { hasNextPage: true, endCursor: null } }]);
    await expect(collectAllPages(fetchPage)).rejects.toThrow(/did not advance/);
  });

  it('throws when the cursor repeats instead of looping forever', async () => {
    const { fetchPage } = pagesOf([
      { nodes: [1], pageInfo: { hasNextPage: true, endCursor: 'c1' } },
      { nodes: [2], pageInfo: { hasNextPage: true, endCursor: 'c1' } },
    ]);
    await expect(collectAllPages(fetchPage)).rejects.toThrow(/did not advance/);
  });
});
