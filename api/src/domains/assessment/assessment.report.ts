import type { Db } from '../../platform/db/session';
import { REPORT_SECTION_PROVIDERS, type ReportData, type ReportSection, type ReportSectionProvider } from '../report/report.data';
import { AssessmentService } from './assessment.service';
import { type AssessmentEntry, AssessmentLevel } from './assessment.type';

/** The grid levels in the order the leaders' ranking lists them, and their names. */
const LEVELS: Record<string, number> = { LARGE: 0, MEDIUM: 1, SMALL: 2 };
const LEVEL_ZH: Record<string, string> = { LARGE: '大网格', MEDIUM: '中网格', SMALL: '小网格' };

const value = (e: AssessmentEntry, code: string) => e.inputs.find((i) => i.code === code)?.value ?? null;

/**
 * 考核排名 — the report's rankings from the assessment: the communities (LARGE grids) ranked by
 * score with their main inputs and a bar chart, and the grid leaders with their scores (in a
 * community's report, ranked within it). Both come from `AssessmentService.month`, the same
 * one statement as the `assessment` query, in the report's session (row-level security decides
 * what is ranked; the report's own authorization already ran).
 */
export const assessmentReportSections: ReportSectionProvider = async (db: Db, report: ReportData): Promise<ReportSection[]> => {
  const service = new AssessmentService(db);
  const ids: { id: string }[] = await db.query(`SELECT id FROM grid WHERE level = 'LARGE' AND code = ANY($1::text[])`, [
    report.communities.map((c) => c.code),
  ]);
  const reported = new Set(ids.map((r) => r.id));
  const communityId = report.community ? (ids[0]?.id ?? null) : null;
  // One after the other: the session runs one statement at a time anyway.
  // The communities are ranked among those of the report's street(s) the caller sees (a community's report shows its rank
  // in the street to street staff and the CLI; a community's leader sees only their own community, so theirs is 1 of 1);
  // the leaders within the report's scope.
  // Within the report's streets: each street has its own scheme, and a street's report ranks its own communities.
  const streets: { path: string }[] = await db.query(
    `SELECT DISTINCT subpath(path, 0, 1)::text AS path FROM grid WHERE id = ANY($1::uuid[]) ORDER BY 1`,
    [[...reported]],
  );
  const reach = streets.length ? streets.map((s) => s.path) : null;
  const grids = await service.month(report.month, AssessmentLevel.GRID, null, reach);
  const leaders = await service.month(report.month, AssessmentLevel.GRID_LEADER, communityId, reach);
  const communities = grids.entries.filter((e) => e.subjectLevel === 'LARGE' && reported.has(e.gridId));
  // Ranks are per grid level: the large grids' leaders first, each level best first.
  const leaderEntries = leaders.entries
    .filter((e) => e.communityId !== null && reported.has(e.communityId))
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (LEVELS[a.e.subjectLevel] ?? 9) - (LEVELS[b.e.subjectLevel] ?? 9) || a.i - b.i)
    .map(({ e }) => e);
  const inCommunity = report.community !== null;
  return [
    {
      title: '七、社区考核排名',
      sheet: '社区排名',
      columns: ['名次', '社区', '得分', '按期结案率', '返工率', '满意度', '走访按期率', '人均服务时长'],
      kinds: ['count', 'text', 'score', 'rate', 'rate', 'rate', 'rate', 'hours'],
      rows: communities.map((e) => [
        e.rank,
        e.name,
        e.score,
        value(e, 'ON_TIME_CLOSURE'),
        value(e, 'REWORK'),
        value(e, 'SATISFACTION'),
        value(e, 'VISIT_ON_TIME'),
        value(e, 'SERVICE_HOURS'),
      ]),
      note: `考核方案第 ${grids.schemeVersion} 版（0 为默认方案）；得分 0–100，按本月数据计算；名次为本街道可见范围内各社区间的排名`,
      chart: {
        title: '社区考核得分',
        kind: 'score',
        bars: communities.map((e) => ({ label: e.name, value: e.score })),
      },
    },
    {
      title: '八、网格长考核排名',
      sheet: '网格长排名',
      columns: ['层级', inCommunity ? '社区内名次' : '名次', '网格长', '网格', '社区', '得分', '按期结案率', '满意度'],
      kinds: ['text', 'count', 'text', 'text', 'text', 'score', 'rate', 'rate'],
      rows: leaderEntries.map((e) => [
        LEVEL_ZH[e.subjectLevel] ?? e.subjectLevel,
        inCommunity ? e.communityRank : e.rank,
        e.name,
        e.gridName,
        e.communityName ?? '',
        e.score,
        value(e, 'ON_TIME_CLOSURE'),
        value(e, 'SATISFACTION'),
      ]),
      note: `共 ${leaderEntries.length} 名网格长；名次按网格层级分别排列`,
    },
  ];
};

/** Puts the rankings into every report (the app's manifest and `pnpm cli report` both call it; once is enough). */
export function registerAssessmentReport(): void {
  if (!REPORT_SECTION_PROVIDERS.includes(assessmentReportSections)) REPORT_SECTION_PROVIDERS.push(assessmentReportSections);
}
