import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { GridDetail } from '../../graphql/types';
import { createI18n, type Language } from '../../i18n';
import { GridChainPanel } from './GridChainPanel';
import type { GridLookup } from './useGridAt';

const point = { lng: 116.3974, lat: 39.9087 };

const building: GridDetail = {
  id: 's1',
  code: 'DF-01-03-02',
  name: '3号楼',
  level: 'SMALL',
  areaM2: 1800,
  counts: { buildings: 1, households: 96, residents: 231 },
  leaders: [{ id: 'l1', name: '王秀兰', role: '楼栋长', since: '2021-03-01' }],
};

const compound: GridDetail = {
  id: 'm1',
  code: 'DF-01-03',
  name: '阳光小区',
  level: 'MEDIUM',
  areaM2: 86_000,
  counts: { buildings: 24, households: 2150, residents: 5321 },
  leaders: [],
};

const community: GridDetail = {
  id: 'l1',
  code: 'DF-01',
  name: '东风社区',
  level: 'LARGE',
  areaM2: 1_250_000,
  counts: { buildings: 180, households: 12345, residents: 31020 },
  leaders: [{ id: 'l2', name: '李建国', role: '社区党委书记', since: '2019-06-15' }],
};

function render(lookup: GridLookup, language: Language = 'zh-CN'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <GridChainPanel point={point} lookup={lookup} onClose={() => undefined} onRetry={() => undefined} />
    </I18nextProvider>,
  );
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('GridChainPanel', () => {
  it('lists the chain from the building up with code, counts and leaders', () => {
    const html = render({ status: 'ready', grids: [building, compound, community] });
    const body = text(html);
    expect(body.indexOf('3号楼')).toBeLessThan(body.indexOf('阳光小区'));
    expect(body.indexOf('阳光小区')).toBeLessThan(body.indexOf('东风社区'));
    expect(body).toContain('小网格 · 楼栋/街巷');
    expect(body).toContain('编码 DF-01-03-02');
    expect(body).toContain('户数 12,345');
    expect(body).toContain('居民 31,020');
    expect(body).toContain('王秀兰 楼栋长 2021年3月1日起任');
    expect(body).toContain('暂无网格长');
    expect(html.match(/<article/g)).toHaveLength(3);
  });

  it('shows the clicked point', () => {
    expect(text(render({ status: 'loading' }))).toContain('东经 116.397400，北纬 39.908700');
  });

  it('has an empty state for a point outside every grid', () => {
    const body = text(render({ status: 'ready', grids: [] }));
    expect(body).toContain('该位置不在任何网格内');
    expect(body).not.toContain('<article');
  });

  it('announces loading', () => {
    expect(render({ status: 'loading' })).toMatch(/role="status"[^>]*>正在查询…/);
  });

  it('shows an error with a retry button', () => {
    const html = render({ status: 'error', message: 'Failed to fetch' });
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain('查询失败：Failed to fetch');
    expect(html).toMatch(/<button type="button"[^>]*>重试<\/button>/);
  });

  it('closes with a real button that names its Escape shortcut', () => {
    expect(render({ status: 'loading' })).toMatch(/<button type="button"[^>]*aria-keyshortcuts="Escape"[^>]*>关闭<\/button>/);
  });

  it('renders in English', () => {
    const body = text(render({ status: 'ready', grids: [building] }, 'en'));
    expect(body).toContain('Small grid · Building / lane');
    expect(body).toContain('Households 96');
    expect(body).toContain('since March 1, 2021');
  });
});
