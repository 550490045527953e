import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../i18n';
import { type AssessmentEntry, assessmentMonth, communityRanking } from './assessment';
import { AssessmentRanking } from './AssessmentRanking';

function render(node: React.ReactNode, language: Language = 'zh-CN'): string {
  return renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>);
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const entry = (id: string, name: string, level: string, rank: number, score: number | null): AssessmentEntry => ({
  subjectId: id,
  name,
  subjectLevel: level,
  gridId: id,
  communityId: id,
  communityName: name,
  score,
  rank,
  communityRank: 1,
  inputs: [
    { code: 'ON_TIME_CLOSURE', value: 1 / 3, basis: 3, target: 0.95, weight: 25, higherIsBetter: true, points: 8.77 },
    { code: 'REWORK', value: null, basis: 0, target: 0.05, weight: 10, higherIsBetter: false, points: null },
    { code: 'WISH_CLAIM_HOURS', value: 24, basis: 1, target: 48, weight: 5, higherIsBetter: false, points: 5 },
  ],
});

const entries = [
  entry('s1', '1号楼网格', 'SMALL', 1, 90),
  entry('c2', '第2社区', 'LARGE', 2, 41.25),
  entry('c1', '第1社区', 'LARGE', 1, 66.58),
];

describe('communityRanking', () => {
  it('keeps the communities, best first', () => {
    expect(communityRanking(entries).map((e) => e.subjectId)).toEqual(['c1', 'c2']);
  });
});

describe('assessmentMonth', () => {
  it('is the month in China Standard Time, and months before it', () => {
    // 2026-11-30 17:00 UTC is already December in Beijing.
    const now = Date.UTC(2026, 10, 30, 17);
    expect(assessmentMonth(now)).toBe('2026-12');
    expect(assessmentMonth(now, 12)).toBe('2025-12');
  });
});

describe('AssessmentRanking', () => {
  it('ranks the communities in Chinese and explains the selected one input by input', () => {
    const html = render(<AssessmentRanking entries={communityRanking(entries)} selected="c1" onSelect={() => undefined} />);
    const body = text(html);
    expect(body).toContain('第1名 第1社区 66.6');
    expect(body).toContain('第2名 第2社区 41.3');
    expect(html.match(/data-subject="/g)).toHaveLength(1);
    expect(body).toContain('按期结案率 33.3% ≥ 95% 25 8.8');
    expect(body).toContain('返工率 无数据 ≤ 5% 10 —');
    expect(body).toContain('微心愿认领时长 24.0 小时 ≤ 48.0 小时 5 5.0');
    expect(body).not.toMatch(/ON_TIME_CLOSURE|REWORK|undefined/);
  });

  it('speaks English when switched, and says when there is nothing to rank', () => {
    const body = text(render(<AssessmentRanking entries={communityRanking(entries)} selected="c2" onSelect={() => undefined} />, 'en'));
    expect(body).toContain('#1 第1社区 66.6');
    expect(body).toContain('On-time closure 33.3% ≥ 95% 25 8.8');
    expect(text(render(<AssessmentRanking entries={[]} selected={null} onSelect={() => undefined} />))).toContain('本月暂无考核对象');
  });
});
