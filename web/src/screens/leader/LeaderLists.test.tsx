import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../i18n';
import { Paged } from './LeaderLists';

const pages = { after: null, page: 1, next: () => undefined, previous: () => undefined, reset: () => undefined };

function render(node: React.ReactNode, language: Language = 'zh-CN'): string {
  return renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>);
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the leader lists', () => {
  it('says so when the list is empty, in either language', () => {
    const empty = { nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    expect(
      text(render(<Paged data={empty} loading={false} error={undefined} pages={pages} empty="您的网格内没有住户" row={() => null} />)),
    ).toContain('您的网格内没有住户');
    expect(render(<Paged data={undefined} loading error={undefined} pages={pages} empty="" row={() => null} />, 'en')).toContain('Loading');
  });

  it('lists the rows with the page, the total and next enabled while more pages follow', () => {
    const data = { nodes: [{ id: 'a', name: '1号楼' }], totalCount: 45, pageInfo: { hasNextPage: true, endCursor: 'c1' } };
    const html = render(<Paged data={data} loading={false} error={undefined} pages={pages} empty="" row={(b) => <span>{b.name}</span>} />);
    expect(text(html)).toContain('1号楼');
    expect(text(html)).toContain('第 1 / 3 页，共 45 条');
    expect(html).toMatch(/disabled="" data-action="previous-page"/);
    expect(html).not.toMatch(/disabled="" data-action="next-page"/);
  });
});
