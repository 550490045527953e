import { communityPaths, Scope } from './scope';
import type { Viewer } from './viewer';

describe('communityPaths', () => {
  it('takes street.community of each path, once', () => {
    expect(communityPaths(['s330105001.c001', 's330105001.c001.m003.b002', 's330105001.c002.m001'])).toEqual([
      's330105001.c001',
      's330105001.c002',
    ]);
  });

  it('answers null when a path is wider than a community (a street), and nothing for no paths', () => {
    expect(communityPaths(['s330105001.c001', 's330105001'])).toBeNull();
    expect(communityPaths([])).toEqual([]);
  });
});

describe('a grid leader’s predicate on the large tables', () => {
  const leader = (gridPaths: string[]) =>
    new Scope({ kind: 'user', id: 'u', role: 'GRID_LEADER', gridPaths, gridIds: [], communityIds: [] } as unknown as Viewer);

  it('adds the implied communities for the planner, and numbers every parameter in raw SQL', () => {
    const raw = leader(['s1.c1.m2']).whereRaw('Resident', 'r', 3);
    expect(raw.sql).toBe('(r.grid_path <@ ANY(CAST($3 AS ltree[])) AND sg_community_path(r.grid_path) = ANY(CAST($4 AS ltree[])))');
    expect(raw.params).toEqual([['s1.c1.m2'], ['s1.c1']]);
  });

  it('keeps the paths alone for a street-wide path, and for the tables without the statistics', () => {
    expect(leader(['s1']).where('Case', 'c').sql).toBe('c.grid_path <@ ANY(CAST(:scope_paths AS ltree[]))');
    expect(leader(['s1.c1']).where('ServiceNeed', 'n').sql).toBe('n.grid_path <@ ANY(CAST(:scope_paths AS ltree[]))');
  });
});
