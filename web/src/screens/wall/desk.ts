import type { LeaderRole } from '../../graphql/generated/graphql';

/** A grid and its leaders, and its parent the same way (CASE_LEADERS_QUERY's shape). */
export interface GridWithLeaders {
  id: string;
  name: string;
  leaders: readonly { id: string; name: string; role: LeaderRole }[];
  parent?: GridWithLeaders | null;
}

export interface LeaderChoice {
  id: string;
  name: string;
  role: LeaderRole;
  gridName: string;
}

/** Whom a case may be dispatched to: its small grid's leaders first, then each grid above; leaders before deputies and workers. */
export function leaderChoices(grid: GridWithLeaders | null): LeaderChoice[] {
  const rank: Record<LeaderRole, number> = { LEADER: 0, DEPUTY: 1, WORKER: 2 };
  const out: LeaderChoice[] = [];
  for (let g = grid; g; g = g.parent ?? null) {
    const sorted = [...g.leaders].sort((a, b) => rank[a.role] - rank[b.role]);
    out.push(...sorted.map((l) => ({ id: l.id, name: l.name, role: l.role, gridName: g!.name })));
  }
  return out;
}

export interface DepartmentChoice {
  id: string;
  name: string;
  /** It handles the case's category. */
  handles: boolean;
}

/** The registry's departments, those handling the case's category first, each group in registry order. */
export function departmentChoices(
  departments: readonly { id: string; name: string; categories: readonly string[] }[],
  category: string,
): DepartmentChoice[] {
  const all = departments.map((d) => ({ id: d.id, name: d.name, handles: d.categories.includes(category) }));
  return [...all.filter((d) => d.handles), ...all.filter((d) => !d.handles)];
}
