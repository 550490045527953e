import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../i18n';
import { PUBLIC_ROLES } from './operations';
import { PublicRoles } from './PublicRoles';

/** The public roles list as it renders with `consentAt` already read (the cache answers the query). */
function render(consentAt: string | null, language: Language = 'zh-CN'): string {
  const cache = new InMemoryCache();
  cache.writeQuery({
    query: PUBLIC_ROLES,
    variables: {},
    data: {
      publicRoles: [{ residentId: 'r1', name: '王秀兰', roles: ['DEPUTY'], title: '区人大代表', consentAt }],
    },
  });
  const client = new ApolloClient({ cache, link: ApolloLink.empty() });
  return renderToStaticMarkup(
    <ApolloProvider client={client}>
      <I18nextProvider i18n={createI18n(language)}>
        <PublicRoles places={[]} />
      </I18nextProvider>
    </ApolloProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('public roles: the day of consent', () => {
  it('is the day in Beijing: consent at 01:30 Beijing time (17:30 UTC the day before) shows the Beijing day', () => {
    expect(text(render('2026-02-28T17:30:00.000Z'))).toContain('已同意公开（2026年3月1日）');
    expect(text(render('2026-02-28T17:30:00.000Z', 'en'))).toContain('Consented to publication (March 1, 2026)');
  });

  it('changes day at Beijing midnight (16:00 UTC), not at UTC midnight', () => {
    expect(text(render('2026-03-01T00:30:00.000Z'))).toContain('已同意公开（2026年3月1日）');
    expect(text(render('2026-03-01T15:59:59.000Z'))).toContain('已同意公开（2026年3月1日）');
    expect(text(render('2026-03-01T16:00:00.000Z'))).toContain('已同意公开（2026年3月2日）');
  });

  it('says when there is no consent', () => {
    expect(text(render(null))).toContain('王秀兰');
    expect(text(render(null))).not.toContain('已同意公开');
  });
});
