/** What the wall shows of partyCoverage (全覆盖): pure, so the tile and its gap list are tested without a browser. */

export type GapKind = 'organization' | 'leader' | 'secretary';
export type GridLevel = 'LARGE' | 'MEDIUM' | 'SMALL';

interface Gap {
  gridId: string;
  gridCode: string;
  gridName: string;
  gridLevel: GridLevel;
}
interface GapList {
  totalCount: number;
  nodes: readonly Gap[];
}
export interface CoverageLike {
  coverageRate: number | null;
  gridsWithoutOrganization: GapList;
  gridsWithoutLeader: GapList;
  organizationsWithoutSecretary: GapList;
}

export interface CoverageSummary {
  /** 党组织覆盖率 as a percentage in the locale, "—" without grids. */
  rate: string;
  missingOrganizations: number;
  missingLeaders: number;
  missingSecretaries: number;
  /** Any gap at all: the tile is marked. */
  alert: boolean;
}

/** The tile: the coverage rate (rounded down, so a single gap never shows as 100%) and the gap counts. */
export function coverageSummary(c: CoverageLike, locale: string): CoverageSummary {
  const missingOrganizations = c.gridsWithoutOrganization.totalCount;
  const missingLeaders = c.gridsWithoutLeader.totalCount;
  const missingSecretaries = c.organizationsWithoutSecretary.totalCount;
  const rate =
    c.coverageRate === null
      ? '—'
      : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(c.coverageRate * 100) / 100);
  return {
    rate,
    missingOrganizations,
    missingLeaders,
    missingSecretaries,
    alert: missingOrganizations + missingLeaders + missingSecretaries > 0,
  };
}

export interface GapRow {
  gridId: string;
  code: string;
  name: string;
  level: GridLevel;
  /** What the grid lacks, in the order organisation, leader, secretary. */
  missing: GapKind[];
}

const RANK: Record<GridLevel, number> = { LARGE: 0, MEDIUM: 1, SMALL: 2 };

/** One row per grid with a gap, what it lacks merged (LARGE grids first, then by code). */
export function gapRows(c: CoverageLike): GapRow[] {
  const rows = new Map<string, GapRow>();
  const add = (list: GapList, kind: GapKind) => {
    for (const g of list.nodes) {
      const row = rows.get(g.gridId) ?? { gridId: g.gridId, code: g.gridCode, name: g.gridName, level: g.gridLevel, missing: [] };
      if (!row.missing.includes(kind)) row.missing.push(kind);
      rows.set(g.gridId, row);
    }
  };
  add(c.gridsWithoutOrganization, 'organization');
  add(c.gridsWithoutLeader, 'leader');
  add(c.organizationsWithoutSecretary, 'secretary');
  return [...rows.values()].sort((a, b) => RANK[a.level] - RANK[b.level] || a.code.localeCompare(b.code));
}

/** Gaps counted but not listed (each list holds only the first N). */
export function unlistedGaps(c: CoverageLike): number {
  const lists = [c.gridsWithoutOrganization, c.gridsWithoutLeader, c.organizationsWithoutSecretary];
  return lists.reduce((n, l) => n + Math.max(0, l.totalCount - l.nodes.length), 0);
}
