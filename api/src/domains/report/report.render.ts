import { existsSync } from 'node:fs';
// exceljs and pdfkit (~300 modules, ~0.9 s to load) are imported when a report is rendered, not at start.
import type ExcelJSModule from 'exceljs';
import type PDFDocumentClass from 'pdfkit';
import type { FigureKind, MonthFigures, ReportCase, ReportChart, ReportData, ReportSection } from './report.data';

/** A KPI of the report: its Chinese label, how it is shown, and where its number comes from. */
interface Kpi {
  key: keyof MonthFigures;
  label: string;
  kind: 'count' | 'rate' | 'hours';
}

export const KPIS: readonly Kpi[] = [
  { key: 'reported', label: '上报事件', kind: 'count' },
  { key: 'filed', label: '立案', kind: 'count' },
  { key: 'closed', label: '结案', kind: 'count' },
  { key: 'onTimeClosureRate', label: '按期结案率', kind: 'rate' },
  { key: 'closureRate', label: '结案率', kind: 'rate' },
  { key: 'reworkRate', label: '返工率', kind: 'rate' },
  { key: 'extensionRate', label: '延期率', kind: 'rate' },
  { key: 'meanHoursToDispatch', label: '平均派遣时长(小时)', kind: 'hours' },
  { key: 'meanHoursToClose', label: '平均结案时长(小时)', kind: 'hours' },
  { key: 'satisfaction', label: '满意度', kind: 'rate' },
  { key: 'needsCreated', label: '新增服务需求', kind: 'count' },
  { key: 'needsDone', label: '需求已完成', kind: 'count' },
  { key: 'serviceHours', label: '志愿服务时长(小时)', kind: 'hours' },
  { key: 'wishesCreated', label: '新增微心愿', kind: 'count' },
  { key: 'wishesFulfilled', label: '微心愿已实现', kind: 'count' },
  { key: 'visits', label: '入户走访', kind: 'count' },
];

const STATUS_ZH: Record<string, string> = {
  REPORTED: '已上报',
  FILED: '已立案',
  DISPATCHED: '已派遣',
  IN_PROGRESS: '处置中',
  HANDLED: '已处置',
  CLOSED: '已结案',
  RATED: '已评价',
  REJECTED: '不予立案',
  ESCALATED: '已上报上级',
};
const PRIORITY_ZH: Record<string, string> = { NORMAL: '一般', HIGH: '紧急', URGENT: '特急' };

/** The report's title, e.g. "西湖街道 2026年11月 情况报告" (a community's: "… 一社区 …"). */
export function reportTitle(r: ReportData): string {
  const [y, m] = r.month.split('-');
  const who = r.community ? `${r.streetName} ${r.community.name}` : r.streetName;
  return `${who} ${y}年${Number(m)}月 情况报告`.trim();
}

/** A figure as shown: rates as percent with one decimal, hours and scores with one decimal, counts whole; none "—". */
export function formatFigure(value: number | null, kind: FigureKind): string {
  if (value == null) return '—';
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'hours' || kind === 'score') return value.toFixed(1);
  return String(value);
}

const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 10) : '');

function caseRow(c: ReportCase): (string | number | null)[] {
  return [
    c.number ?? '',
    c.community,
    c.grid,
    c.category,
    PRIORITY_ZH[c.priority] ?? c.priority,
    STATUS_ZH[c.status] ?? c.status,
    day(c.reportedAt),
    day(c.dueAt),
    day(c.closedAt),
    c.description.length > 40 ? `${c.description.slice(0, 40)}…` : c.description,
  ];
}
const CASE_COLUMNS = ['编号', '社区', '网格', '类别', '紧急程度', '状态', '上报日期', '期限', '结案日期', '描述'];

/** The report as titled tables, the same for the PDF and the workbook (raw numbers; the PDF formats them). */
export function reportSections(r: ReportData): { key: string; section: ReportSection; kinds?: Kpi['kind'][] }[] {
  const t = r.total.months;
  const kpi: ReportSection = {
    title: '一、主要指标',
    columns: ['指标', '本月', '上月', '环比', '去年同月'],
    rows: KPIS.map((k) => {
      const cur = t.current[k.key] as number | null;
      const prev = t.previous[k.key] as number | null;
      const change = cur != null && prev != null ? cur - prev : null;
      return [k.label, cur, prev, change, r.lastYearHasData ? (t.lastYear[k.key] as number | null) : null];
    }),
    note: r.lastYearHasData ? undefined : '去年同月无数据',
  };
  const perCommunity: ReportSection = {
    title: '二、各社区情况',
    columns: ['社区', '上报', '结案', '按期结案率', '满意度', '服务需求', '服务时长', '微心愿实现', '走访'],
    kinds: ['text', 'count', 'count', 'rate', 'rate', 'count', 'hours', 'count', 'count'],
    chart: {
      title: '各社区按期结案率',
      kind: 'rate',
      bars: r.communities.map((u) => ({ label: u.name, value: u.months.current.onTimeClosureRate })),
    },
    rows: r.communities.map((u) => {
      const m = u.months.current;
      return [
        u.name,
        m.reported,
        m.closed,
        m.onTimeClosureRate,
        m.satisfaction,
        m.needsCreated,
        m.serviceHours,
        m.wishesFulfilled,
        m.visits,
      ];
    }),
  };
  const cases = (title: string, list: ReportData['overdue']): ReportSection => ({
    title,
    columns: CASE_COLUMNS,
    rows: list.cases.map(caseRow),
    note: list.totalCount > list.cases.length ? `共 ${list.totalCount} 件，列出前 ${list.cases.length} 件` : `共 ${list.totalCount} 件`,
  });
  const p = r.total.party;
  const party: ReportSection = {
    title: '五、党建工作',
    columns: ['社区', '党组织', '网格数', '有党组织网格', '有网格长网格', '报到党员'],
    rows: [
      ...r.communities.map((u) => [
        u.name,
        u.party.organizations,
        u.party.grids,
        u.party.gridsWithOrganization,
        u.party.gridsWithLeader,
        u.party.members,
      ]),
      ...(r.communities.length > 1 ? [['合计', p.organizations, p.grids, p.gridsWithOrganization, p.gridsWithLeader, p.members]] : []),
    ],
    note: p.grids > 0 ? `党组织覆盖率 ${((p.gridsWithOrganization / p.grids) * 100).toFixed(1)}%` : undefined,
  };
  const meetings: ReportSection = {
    title: '六、工作例会',
    columns: ['日期', '社区', '会议', '参会人员', '议程', '决定事项', '关联事件'],
    rows: r.meetings.map((w) => [
      w.heldOn,
      w.community ?? '街道',
      w.title,
      w.attendees.join('、'),
      w.agenda,
      w.decisions,
      w.cases.join('、'),
    ]),
    note: `共 ${r.meetings.length} 次`,
  };
  // Extension point: the assessment registers a REPORT_SECTION_PROVIDERS entry for its rankings; until then, a placeholder.
  const rankings: ReportSection[] = r.extra.length
    ? r.extra
    : [
        {
          title: '七、考核排名',
          columns: ['说明'],
          rows: [['考核评价模块接入后在此列出排名']],
        },
      ];
  return [
    { key: 'kpi', section: kpi, kinds: KPIS.map((k) => k.kind) },
    { key: 'communities', section: perCommunity },
    { key: 'overdue', section: cases('三、超期事件', r.overdue) },
    { key: 'notable', section: cases('四、重点事件', r.notable) },
    { key: 'party', section: party },
    { key: 'meetings', section: meetings },
    ...rankings.map((section, i) => ({ key: `extra${i}`, section })),
  ];
}

/** Sheet names of the workbook, in order. */
export const SHEETS: Record<string, string> = {
  kpi: '主要指标',
  communities: '各社区',
  overdue: '超期事件',
  notable: '重点事件',
  party: '党建工作',
  meetings: '工作例会',
};

/** The report as an XLSX workbook (exceljs): one sheet per section, numbers as numbers (rates as fractions, formatted %). */
export async function reportXlsx(r: ReportData): Promise<Buffer> {
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'streetgrid';
  wb.created = r.generatedAt;
  wb.title = reportTitle(r);
  for (const { key, section, kinds } of reportSections(r)) {
    const ws = wb.addWorksheet(SHEETS[key] ?? section.sheet ?? section.title.replace(/^[一二三四五六七八九十]+、/, '').slice(0, 31));
    ws.addRow([reportTitle(r)]).font = { bold: true, size: 14 };
    ws.addRow([section.title]).font = { bold: true };
    const header = ws.addRow(section.columns);
    header.font = { bold: true };
    section.rows.forEach((row, i) => {
      const added = ws.addRow(row.map((v) => v ?? null));
      const kind = kinds?.[i];
      if (kind === 'rate') added.numFmt = '0.0%';
      else if (kind === 'hours') added.numFmt = '0.0';
    });
    section.kinds?.forEach((kind, i) => {
      if (kind === 'rate') ws.getColumn(i + 1).numFmt = '0.0%';
      else if (kind === 'hours' || kind === 'score') ws.getColumn(i + 1).numFmt = '0.0';
    });
    if (section.note) ws.addRow([section.note]);
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 22 : key === 'overdue' || key === 'notable' ? 14 : 12));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Where the embedded CJK font lives (Debian fonts-wqy-microhei; REPORT_FONT overrides). */
export function reportFontPath(): string {
  const path = process.env.REPORT_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  if (!existsSync(path)) throw new Error(`report font not found at ${path}: install fonts-wqy-microhei or set REPORT_FONT`);
  return path;
}

/** The report as PDF (pdfkit) with the CJK font embedded (subset): title, then each section as a table. */
export async function reportPdf(r: ReportData): Promise<Buffer> {
  const font = reportFontPath();
  const PDFDocument: typeof PDFDocumentClass = (await import('pdfkit')).default;
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: reportTitle(r), Creator: 'streetgrid' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // A .ttc holds several faces: pick Micro Hei by its PostScript name.
  doc.registerFont('cjk', font, font.endsWith('.ttc') ? 'WenQuanYiMicroHei' : undefined);
  doc.font('cjk');
  doc.fontSize(18).text(reportTitle(r), { align: 'center' });
  doc.moveDown(0.3);
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(`统计期间 ${r.month}（UTC）  生成时间 ${r.generatedAt.toISOString().slice(0, 16).replace('T', ' ')}`, {
      align: 'center',
    });
  doc.fillColor('black').moveDown(1);
  const width = doc.page.width - 80;
  for (const { key, section, kinds } of reportSections(r)) {
    const small = key === 'overdue' || key === 'notable' || key === 'meetings';
    const fontSize = small ? 7 : 9;
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.fontSize(12).text(section.title, 40, doc.y);
    doc.moveDown(0.3);
    const widths = columnWidths(section.columns.length, width, key === 'overdue' || key === 'notable', key === 'meetings');
    const row = (cells: string[], bold = false) => {
      doc.fontSize(fontSize);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 4 }))) + 4;
      if (doc.y + h > doc.page.height - 40) doc.addPage();
      const y = doc.y;
      let x = 40;
      if (bold) doc.rect(40, y, width, h).fill('#eeeeee').fillColor('black');
      cells.forEach((c, i) => {
        doc.text(c, x + 2, y + 2, { width: widths[i] - 4 });
        x += widths[i];
      });
      doc
        .moveTo(40, y + h)
        .lineTo(40 + width, y + h)
        .lineWidth(0.3)
        .strokeColor('#999')
        .stroke();
      doc.x = 40;
      doc.y = y + h;
    };
    row(section.columns, true);
    section.rows.forEach((cells, i) => {
      const kind = kinds?.[i];
      row(
        cells.map((v, j) => {
          if (typeof v !== 'number' && v != null) return v;
          if (key === 'kpi' && j > 0) return formatFigure(v, kind ?? 'count');
          return formatFigure(v, section.kinds?.[j] ?? 'count');
        }),
      );
    });
    if (section.note)
      doc
        .fontSize(8)
        .fillColor('#555')
        .text(section.note, 40, doc.y + 2)
        .fillColor('black');
    if (section.chart && section.chart.bars.length > 0) barChart(doc, section.chart, 40, width);
    doc.moveDown(1);
  }
  doc.end();
  return done;
}

const BAR_HEIGHT = 12;
const BAR_GAP = 4;

/**
 * A horizontal bar chart drawn with pdfkit's vector primitives (rects, lines, text): a label
 * column, bars scaled to 100 % or 100 points with gridlines at each quarter, the value at the
 * bar's end; a bar without data says "无数据". Text stays text, so pdftotext reads the chart.
 */
function barChart(doc: PDFKit.PDFDocument, chart: ReportChart, left: number, width: number): void {
  const height = 18 + chart.bars.length * (BAR_HEIGHT + BAR_GAP) + 14;
  if (doc.y + height > doc.page.height - 40) doc.addPage();
  const top = doc.y + 6;
  doc.fontSize(9).fillColor('black').text(chart.title, left, top);
  const labelWidth = Math.min(120, width * 0.25);
  const x0 = left + labelWidth;
  const span = width - labelWidth - 50;
  const y0 = top + 16;
  const plotHeight = chart.bars.length * (BAR_HEIGHT + BAR_GAP);
  for (let q = 0; q <= 4; q++) {
    const x = x0 + (span * q) / 4;
    doc
      .moveTo(x, y0)
      .lineTo(x, y0 + plotHeight)
      .lineWidth(0.3)
      .strokeColor(q === 0 ? '#666' : '#ccc')
      .stroke();
    doc
      .fontSize(6)
      .fillColor('#777')
      .text(chart.kind === 'rate' ? `${q * 25}%` : String(q * 25), x - 10, y0 + plotHeight + 2, { width: 20, align: 'center' });
  }
  chart.bars.forEach((bar, i) => {
    const y = y0 + i * (BAR_HEIGHT + BAR_GAP);
    doc
      .fontSize(7)
      .fillColor('black')
      .text(bar.label, left, y + 2, { width: labelWidth - 6, align: 'right', lineBreak: false });
    if (bar.value == null) {
      doc
        .fontSize(7)
        .fillColor('#999')
        .text('无数据', x0 + 4, y + 2, { lineBreak: false });
      return;
    }
    const share = Math.max(0, Math.min(1, chart.kind === 'rate' ? bar.value : bar.value / 100));
    doc.rect(x0, y, span * share, BAR_HEIGHT).fill(share >= 0.9 ? '#2e7d32' : share >= 0.6 ? '#1f6feb' : '#c62828');
    doc
      .fontSize(7)
      .fillColor('black')
      .text(formatFigure(bar.value, chart.kind), x0 + span * share + 4, y + 2, { lineBreak: false });
  });
  doc.fillColor('black').strokeColor('black');
  doc.x = left;
  doc.y = y0 + plotHeight + 14;
}

function columnWidths(n: number, width: number, cases: boolean, meetings = false): number[] {
  if (meetings) {
    // 日期 社区 会议 参会人员 议程 决定事项 关联事件
    const parts = [1, 1, 1.5, 1.5, 2.5, 2.5, 1.2];
    const sum = parts.reduce((a, b) => a + b, 0);
    return parts.map((p) => (p / sum) * width);
  }
  if (cases) {
    // 编号 社区 网格 类别 紧急 状态 上报 期限 结案 描述
    const parts = [1.4, 1, 1.2, 1, 0.7, 0.8, 1, 1, 1, 3];
    const sum = parts.reduce((a, b) => a + b, 0);
    return parts.map((p) => (p / sum) * width);
  }
  const first = Math.min(width * 0.3, 150);
  return [first, ...Array.from({ length: n - 1 }, () => (width - first) / Math.max(1, n - 1))];
}
