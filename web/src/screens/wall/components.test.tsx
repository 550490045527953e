import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../i18n';
import type { CaseEvent } from '../../domain/cases/types';
import { CaseFeed } from './CaseFeed';
import { KpiBand } from '../../domain/cases/KpiBand';
import { SERVICE_COLOURS } from '../../domain/services/serviceMap';
import { DEFAULT_LAYERS, toggleLayer, WALL_SERVICE_LAYERS } from './layers';
import { MapLegend } from './MapLegend';
import { statTiles } from './WallStats';

function render(node: React.ReactNode, language: Language = 'zh-CN'): string {
  return renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>);
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

const kpis = { open: 1234, newToday: 5, overdue: 2, onTimeClosureRate: 0.9, satisfaction: null };

describe('KpiBand', () => {
  it('shows the five KPIs in Chinese with grouped counts, percentages and a dash for unknown', () => {
    const body = text(render(<KpiBand kpis={kpis} />));
    expect(body).toContain('1,234 在办事件');
    expect(body).toContain('5 今日新增');
    expect(body).toContain('2 超期');
    expect(body).toContain('90% 按期结案率');
    expect(body).toContain('— 满意度');
  });

  it('flags overdue cases and speaks English when switched', () => {
    const html = render(<KpiBand kpis={kpis} />, 'en');
    expect(html).toContain('data-kpi="overdue" data-alert="true"');
    expect(text(html)).toContain('1,234 Open cases');
  });
});

describe('KpiBand with sparklines and the filter', () => {
  const sparklines = {
    open: [1, 2, 3],
    newToday: [0, 1, 0],
    overdue: [2, null, 1],
    onTimeClosureRate: [0.5, 1, null],
    satisfaction: [null, null, null],
  };

  it('draws a labelled line per KPI and makes the counts buttons, the picked one pressed', () => {
    const html = render(<KpiBand kpis={kpis} sparklines={sparklines} filter="overdue" onFilter={() => undefined} />);
    expect(html).toContain('aria-label="近 12 周「超期」走势" data-points="2"');
    expect(html).toMatch(/<button[^>]*data-kpi="overdue"[^>]*aria-pressed="true"/);
    expect(html).toMatch(/<button[^>]*data-kpi="open"[^>]*aria-pressed="false"/);
    // The rates are not filters.
    expect(html).toContain('<div class="kpi" data-kpi="satisfaction">');
    expect(text(html)).toContain('小图为近 3 周');
  });
});

describe('statTiles', () => {
  const stats = {
    organizations: 1234,
    centralHouseholds: 5,
    members: 88,
    registrations: 120,
    serviceHours: 12.25,
    needsCreated: 9,
    needsDone: 4,
    wishesCreated: 3,
    wishesFulfilled: 1,
    visits: 40,
  };

  it('shows grouped counts, hours to one decimal, done of raised and the leader rate', () => {
    const tiles = Object.fromEntries(statTiles(stats, { coverageRate: 1, leaderRate: 0.875 }, 'zh-CN').map((t) => [t.key, t.value]));
    expect(tiles).toEqual({
      organizations: '1,234',
      centralHouseholds: '5',
      leaderRate: '87.5%',
      members: '88',
      registrations: '120',
      serviceHours: '12.3',
      needs: '4 / 9',
      wishes: '1 / 3',
      visits: '40',
    });
    expect(statTiles(stats, null, 'en').find((t) => t.key === 'leaderRate')!.value).toBe('—');
  });
});

describe('CaseFeed', () => {
  const event: CaseEvent = {
    id: '42',
    type: 'REPORTED',
    at: '2026-11-25T02:30:00.000Z',
    actorName: 'operator',
    toStatus: 'REPORTED',
    caseId: 'c1',
    version: 1,
    case: {
      id: 'c1',
      number: '20261125-0001',
      status: 'REPORTED',
      category: 'ENVIRONMENT',
      description: '楼道堆物',
      address: null,
      priority: 'NORMAL',
      overdue: false,
      reportedAt: '2026-11-25T02:30:00.000Z',
      dueAt: null,
      gridId: 'g1',
      version: 1,
      location: { type: 'Point', coordinates: [120.1, 30.25] },
    },
  };

  it('lists events newest first as buttons, with Beijing time, event, case number and category names', () => {
    const body = text(render(<CaseFeed events={[event]} live nameOf={() => '环境卫生'} onOpen={() => undefined} />));
    expect(body).toContain('实时事件');
    expect(body).toContain('2026/11/25 10:30');
    expect(body).toContain('上报 20261125-0001 环境卫生 楼道堆物');
  });

  it('says when it is reconnecting or still empty', () => {
    const body = text(render(<CaseFeed events={[]} live={false} nameOf={(c) => c} onOpen={() => undefined} />));
    expect(body).toContain('正在重新连接');
    expect(body).toContain('等待事件动态');
  });
});

describe('MapLegend', () => {
  const counts = { OVERDUE_VISIT: 8, OPEN_WISH: 0, MATCH: 0 };
  const legend = (language: Language = 'zh-CN') =>
    render(
      <MapLegend
        theme="dark"
        layers={toggleLayer(DEFAULT_LAYERS, 'GRID_SMALL')}
        services={WALL_SERVICE_LAYERS}
        serviceCounts={counts}
        onToggle={() => undefined}
      />,
      language,
    );

  it('explains the symbols in Chinese, with a switch (and its state) beside each toggleable one', () => {
    const html = legend();
    const body = text(html);
    for (const label of ['图例与图层', '大网格（社区）', '小网格', '楼宇', '待立案、待派遣', '超期案件（红圈）', '走访逾期', '待认领心愿'])
      expect(body).toContain(label);
    expect(html).toMatch(/aria-pressed="false"[^>]*data-layer="GRID_SMALL"/);
    expect(html).toMatch(/aria-pressed="true"[^>]*data-layer="GRID_LARGE"/);
    expect(html).toContain(`data-colour="${SERVICE_COLOURS.OVERDUE_VISIT}"`);
    expect(html).toMatch(/data-layer="OVERDUE_VISIT"[^]*?service-toggles__count">8</);
    expect(body).not.toMatch(/GRID_|CASES_|OVERDUE_VISIT/);
  });

  it('speaks English when switched', () => {
    expect(text(legend('en'))).toContain('Legend and layers');
  });
});
