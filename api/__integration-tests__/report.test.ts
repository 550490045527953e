import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startTestApi, type TestApi } from './harness';
import { writeCaseHistory } from '../src/seed/case-history';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { formatFigure } from '../src/domains/report/report.render';

let api: TestApi;
let dir: string;
let caseNumber: string;
const MONTH = '2026-11';
const FROM = '2026-11-01T00:00:00.000Z';
const TO = '2026-12-01T00:00:00.000Z';
const COMMUNITY_1 = '330106001001';
const COMMUNITY_2 = '330106001002';

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  // 400 days of history ending 2026-12-01: the month, the month before and the same month last year all have cases.
  await api.db.dataSource.transaction((m) =>
    writeCaseHistory(m, '330106001', { days: 400, perDay: 4, seed: 11, now: new Date('2026-12-01T00:00:00Z') }),
  );
  // Two visits in the month in community 1, one in October.
  const household = stableId('3301060010010010001/household/1');
  await api.db.dataSource.query(
    `INSERT INTO household_visit (household_id, visitor_name, visitor_role, visited_at, findings)
     VALUES ($1, '张网格员', 'GRID_LEADER', '2026-11-03T02:00:00Z', '独居老人身体良好'),
            ($1, '张网格员', 'GRID_LEADER', '2026-11-20T02:00:00Z', '需要助餐'),
            ($1, '张网格员', 'GRID_LEADER', '2026-10-20T02:00:00Z', '无')`,
    [household],
  );
  dir = mkdtempSync(join(tmpdir(), 'sg-report-'));
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await api.close();
});

interface AssessmentRow {
  name: string;
  subjectLevel: string;
  gridName: string;
  communityName: string | null;
  score: number | null;
  rank: number;
  inputs: { code: string; value: number | null }[];
}

/** Every row of a sheet after the title, section title and header rows, as cell values (empty cells null). */
function dataRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n <= 3) return;
    rows.push(Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).value ?? null));
  });
  return rows;
}

interface Indicators {
  reported: number;
  closed: number;
  onTimeClosureRate: number | null;
  satisfaction: number | null;
}
async function indicators(gridId: string | null, from = FROM, to = TO): Promise<Indicators> {
  const res = await api.gql<{ caseIndicators: Indicators }>(
    `query ($g: ID, $f: DateTime!, $t: DateTime!) {
      caseIndicators(gridId: $g, from: $f, to: $t) { reported closed onTimeClosureRate satisfaction }
    }`,
    { g: gridId, f: from, t: to },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.caseIndicators;
}

function download(authorization: string | null, file: string): Promise<Response> {
  return fetch(`${api.url}/reports/${file}`, { headers: authorization ? { authorization } : {} });
}

/** The data rows of a sheet (after the title, section title and header rows), keyed by the first cell. */
function rowsOf(ws: ExcelJS.Worksheet): Map<string, unknown[]> {
  const rows = new Map<string, unknown[]>();
  ws.eachRow((row, n) => {
    if (n <= 3) return;
    const values = (row.values as unknown[]).slice(1);
    rows.set(String(values[0]), values.slice(1));
  });
  return rows;
}

describe('the monthly situation report (情况报告)', () => {
  it('logs work meetings (工作例会): a community’s leader theirs, street staff the street’s; validated', async () => {
    const leader = await api.userToken({ login: 'meeting-leader', role: 'GRID_LEADER', gridCodes: [COMMUNITY_1] });
    const [someCase] = await api.db.dataSource.query(
      `SELECT id, number FROM "case" WHERE grid_path <@ (SELECT path FROM grid WHERE code = $1) AND reported_at >= $2 ORDER BY seq LIMIT 1`,
      [COMMUNITY_1, FROM],
    );
    caseNumber = someCase.number;
    const record = (who: string, input: Record<string, unknown>) =>
      api.gqlAs<{ recordWorkMeeting: { id: string; heldOn: string; attendees: string[]; caseIds: string[] } }>(
        who,
        `mutation ($input: WorkMeetingInput!) { recordWorkMeeting(input: $input) { id heldOn attendees caseIds } }`,
        { input },
      );
    const mine = await record(leader, {
      communityId: stableId(COMMUNITY_1),
      heldOn: '2026-11-05',
      title: '社区例会',
      attendees: ['张网格员', ' 李委员 '],
      agenda: '楼道堆物整治',
      decisions: '周五前清理完毕',
      caseIds: [someCase.id],
    });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.recordWorkMeeting).toMatchObject({ heldOn: '2026-11-05', attendees: ['张网格员', '李委员'], caseIds: [someCase.id] });
    const street = await record(api.adminToken, {
      streetId: stableId('330106001'),
      heldOn: '2026-11-12',
      title: '街道工作例会',
      attendees: ['王书记', '李主任'],
      agenda: '全街道安全检查',
    });
    expect(street.errors).toBeUndefined();
    const streetByLeader = await record(leader, {
      streetId: stableId('330106001'),
      heldOn: '2026-11-12',
      title: 'x',
      attendees: ['x'],
      agenda: 'x',
    });
    expect(streetByLeader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await record(leader, {
      communityId: stableId(COMMUNITY_2),
      heldOn: '2026-11-12',
      title: 'x',
      attendees: ['x'],
      agenda: 'x',
    });
    expect(other.errors?.[0].extensions?.code).toBe(
      (await record(leader, { communityId: stableId('nope'), heldOn: '2026-11-12', title: 'x', attendees: ['x'], agenda: 'x' })).errors?.[0]
        .extensions?.code,
    );
    const bad = await record(api.adminToken, {
      communityId: stableId(COMMUNITY_1),
      heldOn: '2026-11-31x',
      title: 'x',
      attendees: ['x'],
      agenda: 'x',
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
    const noOne = await record(api.adminToken, {
      communityId: stableId(COMMUNITY_1),
      heldOn: '2026-11-12',
      title: 'x',
      attendees: [],
      agenda: 'x',
    });
    expect(noOne.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendees' });

    const list = await api.gqlAs<{ workMeetings: { title: string }[] }>(
      leader,
      `query ($c: ID) { workMeetings(month: "2026-11", communityId: $c) { title } }`,
      { c: stableId(COMMUNITY_1) },
    );
    expect(list.data?.workMeetings.map((w) => w.title)).toEqual(['社区例会']);
    const all = await api.gql<{ workMeetings: { title: string }[] }>(`{ workMeetings(month: "2026-11") { title } }`);
    expect(all.data?.workMeetings.map((w) => w.title)).toEqual(['社区例会', '街道工作例会']);
  });

  it('as XLSX: the expected sheets, and the KPIs equal to caseIndicators for the street and each community', async () => {
    const started = performance.now();
    const res = await download(api.adminToken, `${MONTH}.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="report-${MONTH}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '主要指标',
      '各社区',
      '超期事件',
      '重点事件',
      '党建工作',
      '工作例会',
      '社区排名',
      '网格长排名',
    ]);
    const meetings = rowsOf(wb.getWorksheet('工作例会')!);
    expect([...meetings.keys()]).toEqual(['2026-11-05', '2026-11-12', '共 2 次']);
    expect(meetings.get('2026-11-12')!.slice(1, 4)).toEqual(['街道工作例会', '王书记、李主任', '全街道安全检查']);

    const kpi = wb.getWorksheet('主要指标')!;
    expect(kpi.getCell('A1').value).toBe('示例街道 2026年11月 情况报告');
    expect(kpi.getRow(3).values).toEqual([undefined, '指标', '本月', '上月', '环比', '去年同月']);
    const street = await indicators(null);
    const october = await indicators(null, '2026-10-01T00:00:00Z', FROM);
    const lastYear = await indicators(null, '2025-11-01T00:00:00Z', '2025-12-01T00:00:00Z');
    expect(street.reported).toBeGreaterThan(50);
    const k = rowsOf(kpi);
    expect(k.get('上报事件')).toEqual([street.reported, october.reported, street.reported - october.reported, lastYear.reported]);
    expect(k.get('结案')![0]).toBe(street.closed);
    expect(k.get('按期结案率')![0]).toBeCloseTo(street.onTimeClosureRate!, 10);
    expect(k.get('满意度')![0]).toBeCloseTo(street.satisfaction!, 10);
    expect(k.get('入户走访')!.slice(0, 2)).toEqual([2, 1]);

    const communities = rowsOf(wb.getWorksheet('各社区')!);
    expect(communities.size).toBe(2);
    let sum = 0;
    for (const code of [COMMUNITY_1, COMMUNITY_2]) {
      const [name] = await api.db.dataSource.query(`SELECT name FROM grid WHERE code = $1`, [code]);
      const mine = await indicators(stableId(code));
      const row = communities.get(name.name)!;
      expect(row.slice(0, 2)).toEqual([mine.reported, mine.closed]);
      expect(row[2]).toBeCloseTo(mine.onTimeClosureRate!, 10);
      sum += mine.reported;
    }
    expect(sum).toBe(street.reported);

    const overdue = wb.getWorksheet('超期事件')!;
    const [{ n }] = await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM "case" WHERE filed_at IS NOT NULL AND due_at < $2 AND status <> 'REJECTED'
          AND (closed_at IS NULL OR closed_at > due_at) AND (closed_at IS NULL OR closed_at >= $1)`,
      [FROM, TO],
    );
    expect(n).toBeGreaterThan(0);
    expect(overdue.getRow(overdue.rowCount).values).toContain(n > 100 ? `共 ${n} 件，列出前 100 件` : `共 ${n} 件`);
    console.log(`street report XLSX in ${Math.round(performance.now() - started)} ms`);
  });

  it('ranks the communities and the grid leaders as the assessment does (考核排名), in the XLSX', async () => {
    const assessment = async (level: string) => {
      const res = await api.gql<{ assessment: { schemeVersion: number; entries: AssessmentRow[] } }>(
        `query ($m: String!, $l: AssessmentLevel!) {
          assessment(month: $m, level: $l) {
            schemeVersion entries { name subjectLevel gridName communityName score rank inputs { code value } }
          }
        }`,
        { m: MONTH, l: level },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.assessment;
    };
    const grids = await assessment('GRID');
    const leaders = await assessment('GRID_LEADER');
    const res = await download(api.adminToken, `${MONTH}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const value = (e: AssessmentRow, code: string) => e.inputs.find((i) => i.code === code)!.value;

    const communities = grids.entries.filter((e) => e.subjectLevel === 'LARGE');
    expect(communities).toHaveLength(2);
    const sheet = dataRows(wb.getWorksheet('社区排名')!);
    expect(sheet.slice(0, 2)).toEqual(
      communities.map((e) =>
        [
          e.rank,
          e.name,
          e.score,
          value(e, 'ON_TIME_CLOSURE'),
          value(e, 'REWORK'),
          value(e, 'SATISFACTION'),
          value(e, 'VISIT_ON_TIME'),
          value(e, 'SERVICE_HOURS'),
        ].map((v) => v ?? null),
      ),
    );
    expect(sheet[2]).toEqual([
      `考核方案第 ${grids.schemeVersion} 版（0 为默认方案）；得分 0–100，按本月数据计算；名次为本街道可见范围内各社区间的排名`,
    ]);
    // The community's on-time closure in the ranking is the assessment's (China time months), a number between 0 and 1.
    expect(communities.every((e) => value(e, 'ON_TIME_CLOSURE')! >= 0 && value(e, 'ON_TIME_CLOSURE')! <= 1)).toBe(true);

    const leaderSheet = dataRows(wb.getWorksheet('网格长排名')!);
    expect(leaders.entries.length).toBeGreaterThan(2);
    // Per grid level (ranks are per level), each level in the assessment's order: best first.
    const LEVEL_ZH = { LARGE: '大网格', MEDIUM: '中网格', SMALL: '小网格' } as Record<string, string>;
    const expected = ['LARGE', 'MEDIUM', 'SMALL'].flatMap((level) =>
      leaders.entries
        .filter((e) => e.subjectLevel === level)
        .map((e) => [
          LEVEL_ZH[level],
          e.rank,
          e.name,
          e.gridName,
          e.communityName,
          e.score,
          value(e, 'ON_TIME_CLOSURE'),
          value(e, 'SATISFACTION'),
        ]),
    );
    expect(leaderSheet.slice(0, -1)).toEqual(expected);
    expect(leaderSheet.at(-1)).toEqual([`共 ${leaders.entries.length} 名网格长；名次按网格层级分别排列`]);
    const largeRanks = leaderSheet.filter((r) => r[0] === '大网格').map((r) => r[1]);
    expect(largeRanks).toEqual([1, 2]);
  });

  it('as PDF: pdftotext shows the Chinese title and the KPI table row', async () => {
    const res = await download(api.adminToken, `${MONTH}.pdf?community=${COMMUNITY_1}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const [{ name }] = await api.db.dataSource.query(`SELECT name FROM grid WHERE code = $1`, [COMMUNITY_1]);
    expect(text).toContain(`示例街道 ${name} 2026年11月 情况报告`);
    expect(text).toContain('一、主要指标');
    const mine = await indicators(stableId(COMMUNITY_1));
    const october = await indicators(stableId(COMMUNITY_1), '2026-10-01T00:00:00Z', FROM);
    const line = text.split('\n').find((l) => l.trim().startsWith('上报事件'))!;
    expect(line.trim().split(/\s+/).slice(0, 4)).toEqual([
      '上报事件',
      String(mine.reported),
      String(october.reported),
      String(mine.reported - october.reported),
    ]);
    const rate = text.split('\n').find((l) => l.trim().startsWith('按期结案率'))!;
    expect(rate.trim().split(/\s+/)[1]).toBe(formatFigure(mine.onTimeClosureRate, 'rate'));
    // The font is embedded (a subset), so the text survives on a machine without it.
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/WenQuanYi.*yes/);
    // The community's meeting, with its case's number; not the street-level one.
    expect(text).toContain('六、工作例会');
    expect(text).toContain('社区例会');
    expect(text).toContain(caseNumber);
    expect(text).not.toContain('街道工作例会');
    // The rankings and the charts: the community's score and its leaders, ranked within it (their names, their scores).
    expect(text).toContain('七、社区考核排名');
    expect(text).toContain('八、网格长考核排名');
    expect(text).toContain('各社区按期结案率');
    expect(text).toContain('社区考核得分');
    const res2 = await api.gql<{
      assessment: { entries: { name: string; subjectLevel: string; score: number | null; communityRank: number }[] };
    }>(
      `query ($m: String!, $c: ID) {
        assessment(month: $m, level: GRID_LEADER, communityId: $c) { entries { name subjectLevel score communityRank } }
      }`,
      { m: MONTH, c: stableId(COMMUNITY_1) },
    );
    const best = res2.data!.assessment.entries.find((e) => e.subjectLevel === 'LARGE')!;
    const bestLine = text.split('\n').find((l) => l.includes(best.name))!;
    expect(bestLine.trim().split(/\s+/).slice(0, 3)).toEqual(['大网格', String(best.communityRank), best.name]);
    expect(bestLine).toContain(formatFigure(best.score, 'score'));
    expect(text).toContain(`共 ${res2.data!.assessment.entries.length} 名网格长`);
    // The community's own row: its rank among the street's communities (to street staff), not 1 of 1.
    const street = await api.gql<{ assessment: { entries: { name: string; subjectLevel: string; score: number | null; rank: number }[] } }>(
      `query ($m: String!) { assessment(month: $m, level: GRID) { entries { name subjectLevel score rank } } }`,
      { m: MONTH },
    );
    const mineRanked = street.data!.assessment.entries.find((e) => e.subjectLevel === 'LARGE' && e.name === name)!;
    const rankLine = text.split('\n').find((l) => l.trim().startsWith(`${mineRanked.rank} `) && l.includes(name))!;
    expect(rankLine.trim().split(/\s+/).slice(0, 3)).toEqual([String(mineRanked.rank), name, formatFigure(mineRanked.score, 'score')]);
  });

  it('is for street staff (any) and a community’s leader (theirs); others are refused', async () => {
    const leader = await api.userToken({ login: 'report-leader', role: 'GRID_LEADER', gridCodes: [COMMUNITY_1] });
    const smallLeader = await api.userToken({ login: 'report-small', role: 'GRID_LEADER', gridCodes: ['3301060010010010001'] });
    const operator = await api.userToken({ login: 'report-operator', role: 'OPERATOR' });
    const resident = await api.userToken({ login: 'report-resident', role: 'RESIDENT' });
    const status = async (who: string | null, file: string) => (await download(who, file)).status;
    expect(await status(null, `${MONTH}.pdf`)).toBe(401);
    expect(await status(resident, `${MONTH}.xlsx`)).toBe(403);
    expect(await status(leader, `${MONTH}.xlsx`)).toBe(403);
    expect(await status(leader, `${MONTH}.xlsx?community=${COMMUNITY_2}`)).toBe(403);
    expect(await status(smallLeader, `${MONTH}.xlsx?community=${COMMUNITY_1}`)).toBe(403);
    expect(await status(leader, `${MONTH}.xlsx?community=${COMMUNITY_1}`)).toBe(200);
    expect(await status(operator, `${MONTH}.xlsx?community=${COMMUNITY_2}`)).toBe(200);
    const bad = await download(api.adminToken, '2026-13.pdf');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'month' });
    expect(await status(api.adminToken, `${MONTH}.xlsx?community=999`)).toBe(400);
    expect(await status(api.adminToken, `${MONTH}.docx`)).toBe(404);
  });
});
