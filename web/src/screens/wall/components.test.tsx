import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../i18n';
import type { CaseEvent } from '../../domain/cases/types';
import { CaseFeed } from './CaseFeed';
import { KpiBand } from '../../domain/cases/KpiBand';
import { SERVICE_COLOURS } from '../../domain/services/serviceMap';
import { DEFAULT_LAYERS, toggleLayer, WALL_SERVICE_LAYERS } from './layers';
import { MapLegend } from './MapLegend';

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
